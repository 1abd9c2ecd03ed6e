/**
 * What bench/seed.ts and bench/leaderboard.ts agree on: where the national-scale dataset lives,
 * its movement, and how to reach PostgreSQL with a bare postgres.js client.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const RESULTS_DIR = resolve(ROOT, 'bench/results');

export const DEFAULT_NATIONAL_URL = 'postgres://postgres@127.0.0.1:5432/thidua_bench_national';

/** The benchmark movement: one ACTIVE, nation-wide, 90-day movement with a fixed id. */
export const NATIONAL_MOVEMENT = {
  id: '00000000-0000-4000-8000-0000000b3c40',
  title: 'Bình dân học vụ số — dữ liệu benchmark toàn quốc',
  startsOn: '2026-08-25',
  endsOn: '2026-11-22',
  days: 90,
} as const;

/** Marker the seed writes on the database once it has finished (COMMENT ON DATABASE). */
export const SEED_MARKER = 'thidua-bench-seed:';

// postgres.js is a dependency of packages/db; take it from there (pnpm keeps it out of the root)
export const postgres = createRequire(resolve(ROOT, 'packages/db/package.json'))('postgres') as typeof import('../packages/db/node_modules/postgres');
export type Sql = ReturnType<typeof postgres>;

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsupported database name ${JSON.stringify(name)} (letters, digits, _ only)`);
  return name;
}

/** The same server, database `postgres`: for CREATE/DROP DATABASE. */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export interface SeedMarker {
  activities: number;
  units: number;
  movementId: string;
  seededAt: string;
  seconds: number;
}

/** The marker the seed left on the database, or null if it never finished. */
export async function readSeedMarker(sql: Sql, dbName: string): Promise<SeedMarker | null> {
  const [row] = await sql<{ d: string | null }[]>`select shobj_description(oid, 'pg_database') as d from pg_database where datname = ${dbName}`;
  if (!row?.d?.startsWith(SEED_MARKER)) return null;
  return JSON.parse(row.d.slice(SEED_MARKER.length)) as SeedMarker;
}

export const stamp = () => new Date().toISOString().replace(/:/g, '').replace(/\.\d+Z$/, 'Z');
