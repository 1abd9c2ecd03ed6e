import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, sql, type Executor } from '@thidua/db';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { emptyPostgresDatabase, startTestApp, type TestApp } from '../support/harness';

/*
 * The backup the README prescribes (pg_dump -Fc, restored with pg_restore into a new database)
 * gives back a database on which `pnpm db:verify` passes and the rows are all there.
 */

const run = promisify(execFile);
const POSTGRES = !!process.env.DATABASE_URL?.trim();
if (!POSTGRES) console.warn('[backup-restore.test] SKIPPED: pg_dump/pg_restore back up PostgreSQL; set DATABASE_URL to run it (PGlite is backed up by copying its stopped data directory).');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function counts(db: Executor) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from units) as units,
               (select count(*)::int from users) as users,
               (select count(*)::int from activities) as activities,
               (select count(*)::int from activities where status = 'APPROVED') as approved,
               (select count(*)::int from points_ledger) as ledger,
               (select coalesce(sum(points), 0)::int from points_ledger) as points,
               (select count(*)::int from drizzle.__drizzle_migrations) as migrations`,
  );
  return row;
}

describe.runIf(POSTGRES)('backup with pg_dump -Fc, restore with pg_restore', () => {
  let t: TestApp;
  let target: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    target = await emptyPostgresDatabase();
    dir = mkdtempSync(join(tmpdir(), 'thidua-backup-'));
  });
  afterAll(async () => {
    await t?.close();
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a fresh database where the ledger verifies and every row is back', async () => {
    const source = await counts(t.db);
    expect(source.approved).toBeGreaterThan(0);
    expect(source.ledger).toBeGreaterThan(0);

    const file = join(dir, 'thidua.dump');
    await run('pg_dump', ['-Fc', '--no-owner', '-f', file, t.config.databaseUrl!]);
    expect(statSync(file).size).toBeGreaterThan(0);
    await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.url, file]);

    const restored = await openDatabase({ url: target.url, max: 2 });
    try {
      expect(await counts(restored.db)).toEqual(source);
      expect(await verifyLedger(restored.db)).toEqual([]);
      // the append-only trigger came back with the data
      await expect(restored.db.execute(sql`delete from points_ledger`)).rejects.toThrow();
    } finally {
      await restored.close();
    }

    // and the command an operator runs after a restore says so (it also applies migrations: none to apply)
    const tsx = createRequire(join(ROOT, 'package.json')).resolve('tsx/cli');
    const { stdout } = await run(process.execPath, [tsx, '--conditions=source', '--tsconfig', join(ROOT, 'api/tsconfig.json'), join(ROOT, 'api/src/verify-ledger.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: target.url, DEMO_DATA: '0' },
    });
    expect(stdout).toMatch(/Sổ điểm khớp/);
  });
});
