import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getTableColumns, type SQL, type Table } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema/index';
import { repoRoot } from './repo-root';

/** One type for both engines: every query in the app is written against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  /**
   * Reads that must see every commit but must not wait behind write transactions (boards brought
   * up to date after an approval): on PostgreSQL a small pool of their own on the same server
   * (`readPool` connections, opened on first use; 0: the main pool), on PGlite the one connection.
   */
  reads: Db;
  engine: 'pglite' | 'postgres';
  /**
   * Applies the committed migrations in drizzle/, then runs `then` (loading reference data) on the
   * same connection, all while holding the migration lock: of several processes starting at once
   * on one database, one migrates and loads, the others wait and then find nothing to do.
   */
  migrate(then?: (db: Db) => Promise<void>): Promise<void>;
  /** a cheap round trip, for /healthz */
  ping(): Promise<boolean>;
  /** this process's connections to the database: open, running a statement, and the pool's bound (for /metrics) */
  poolUse(): Promise<{ open: number; active: number; max: number }>;
  close(): Promise<void>;
  /** PGlite only: a dump of the data directory (used to clone test databases quickly) */
  dump?(): Promise<Blob>;
}

export const MIGRATIONS_FOLDER = resolve(repoRoot(), 'drizzle');

/**
 * The PostgreSQL advisory lock taken around migrations and reference loading (any constant shared
 * by every process of the app; this one is "thidua" in ASCII).
 */
export const MIGRATION_LOCK_ID = 0x746869647561;

/** Time bounds of a PostgreSQL pool, in seconds (0: none). */
export interface PostgresTimeouts {
  /** give up connecting after this long (the request answers 503 instead of waiting) */
  connectTimeout?: number;
  /** the server cancels any statement running longer (SQLSTATE 57014) */
  statementTimeout?: number;
  /** close connections idle this long (they are reopened on demand) */
  idleTimeout?: number;
}

export type OpenOptions =
  | ({ url: string; max?: number; readPool?: number } & PostgresTimeouts)
  | { dataDir: string }
  | { memory: true; loadDataDir?: Blob };

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(`Thư mục dữ liệu ${dir} đang được một tiến trình khác (pid ${pid}) sử dụng. Hãy dừng tiến trình đó, hoặc đặt DATA_DIR khác.`);
  }
}

/**
 * Two processes opening one PGlite data directory corrupt it silently, so the directory is
 * guarded by a lock file holding the owner's pid; a lock left by a dead process is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'thidua.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readFileSync(lockPath, 'utf8').trim();
      if (isAlive(Number(pid))) throw new DataDirLockedError(dir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite's own start parameters, with a buffer cache of 32 MB instead of PostgreSQL's 128 MB. The
 * cache lives in this process's WebAssembly memory, which is taken at start and never given back:
 * with 128 MB the API idled at 350 MB and peaked at 492 MB under `pnpm bench:flood`; with 32 MB,
 * 234 and 376 MB. The embedded database's files stay in the operating system's page cache.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Big multi-row statements (batch inserts) vary in shape and gain little from reuse: left unnamed. */
const MAX_PREPARED_PARAMS = 256;

type UnsafeClient = { unsafe: (query: string, params?: unknown[], options?: Record<string, unknown>) => unknown } & Record<string, unknown>;

/**
 * Drizzle sends every query through postgres.js's `unsafe(text, params, { prepare: false })`: an
 * unnamed statement, which costs a Parse/Describe round trip before each Bind/Execute. Named
 * statements are prepared once per connection (postgres.js keeps them by text) and then reused,
 * halving the round trips of the hot paths. Transactions and savepoints hand drizzle their own
 * client, so those are wrapped the same way. Statements without parameters stay unnamed.
 */
export function preparingStatements<T extends object>(client: T): T {
  const c = client as unknown as UnsafeClient;
  const unsafe = c.unsafe.bind(c);
  c.unsafe = (query, params, options) =>
    unsafe(query, params, params?.length && params.length <= MAX_PREPARED_PARAMS ? { ...options, prepare: true } : options);
  for (const scope of ['begin', 'savepoint'] as const) {
    const original = c[scope] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') continue;
    c[scope] = (...args: unknown[]) => {
      const fn = args.pop() as (tx: object) => unknown;
      return original.call(c, ...args, (tx: object) => fn(preparingStatements(tx)));
    };
  }
  return client;
}

/**
 * Reconnection delay after failed connects, in seconds. postgres.js's default grows as 3^n / 100
 * with every failure of the pool and is only reset by a successful connect: after a few seconds
 * of a database restart it reached 10–20 s, and the first requests after the database was back
 * waited that long (the connect timeout only starts after the delay). Capped at half a second.
 */
export const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);

/** postgres.js options bounding the time of connects, statements and idle connections. */
export function poolOptions(t: PostgresTimeouts): postgres.Options<Record<string, postgres.PostgresType>> {
  // (keys left out keep postgres.js's defaults: an undefined value would switch them off)
  return {
    backoff: reconnectBackoff,
    ...(t.connectTimeout ? { connect_timeout: t.connectTimeout } : {}),
    ...(t.idleTimeout ? { idle_timeout: t.idleTimeout } : {}),
    // a startup parameter: every connection of the pool carries it, from its first statement
    ...(t.statementTimeout ? { connection: { statement_timeout: t.statementTimeout * 1000 } } : {}),
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ('url' in options) {
    const max = options.max ?? 10;
    const base = poolOptions(options);
    // each process names its connections, so that pg_stat_activity tells its pool apart (/metrics)
    const applicationName = `thidua-api ${hostname().slice(0, 32)} ${process.pid}`;
    const pool = (size: number, purpose?: string) =>
      postgres(options.url, { max: size, onnotice: () => {}, ...base, connection: { ...base.connection, application_name: purpose ? `${applicationName} ${purpose}` : applicationName } });
    const sql = pool(max);
    const db = drizzlePostgres(preparingStatements(sql), { schema }) as unknown as Db;
    // the health check has a connection of its own, opened on first use: when a flood holds every
    // connection of the pool, /healthz still measures the database, not the queue in front of it
    let healthSql: postgres.Sql | null = null;
    // reads beside the pool: when approvals' transactions hold every connection of the pool, a board's
    // update (a few rows by primary key) would queue behind them (bench:live: p95 120 ms → see README)
    const readPool = options.readPool ?? 2;
    const readSql = readPool > 0 ? pool(readPool, 'reads') : null;
    const reads = readSql ? (drizzlePostgres(preparingStatements(readSql), { schema }) as unknown as Db) : db;
    const health = () => (healthSql ??= pool(1, 'health'));
    return {
      db,
      reads,
      engine: 'postgres',
      migrate: async (then) => {
        // a session lock lives on one connection: a pool of one is that connection, and unlike a
        // reserved connection it can still open the migrator's transaction
        // (no statement timeout: it waits for the lock while another process migrates)
        const dedicated = postgres(options.url, { max: 1, onnotice: () => {}, ...poolOptions({ connectTimeout: options.connectTimeout }) });
        try {
          await dedicated`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
          const lockedDb = drizzlePostgres(dedicated, { schema }) as unknown as Db;
          await migratePostgres(lockedDb as never, { migrationsFolder: MIGRATIONS_FOLDER });
          if (then) await then(lockedDb);
          await dedicated`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
        } finally {
          // closing the session also releases the lock if anything above failed
          await dedicated.end({ timeout: 5 });
        }
      },
      ping: async () => (await health()`select 1 as ok`)[0]?.ok === 1,
      poolUse: async () => {
        const [row] = await sql<{ open: number; active: number }[]>`
          select count(*)::int as open, (count(*) filter (where state = 'active'))::int - 1 as active
          from pg_stat_activity where application_name = ${applicationName}`;
        // the statement asking is itself one of the active ones
        return { open: row?.open ?? 0, active: Math.max(0, row?.active ?? 0), max };
      },
      close: async () => {
        await healthSql?.end({ timeout: 5 });
        await readSql?.end({ timeout: 5 });
        await sql.end({ timeout: 5 });
      },
    };
  }
  let unlock = () => {};
  let client: PGlite;
  if ('dataDir' in options) {
    unlock = lockDataDir(options.dataDir);
    try {
      client = await PGlite.create(join(options.dataDir, 'pg'), { startParams: PGLITE_START_PARAMS });
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    client = await PGlite.create({ startParams: PGLITE_START_PARAMS, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  }
  const db = drizzlePglite(yieldingBeforeEachQuery(client), { schema }) as unknown as Db;
  const release = () => unlock();
  process.once('exit', release);
  return {
    db,
    reads: db,
    engine: 'pglite',
    // one process per data directory (the lock file) and one connection: nothing to serialize
    migrate: async (then) => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      if (then) await then(db);
    },
    ping: async () => (await client.query<{ ok: number }>('select 1 as ok')).rows[0]?.ok === 1,
    // one embedded connection, always open
    poolUse: async () => ({ open: 1, active: 0, max: 1 }),
    close: async () => {
      await client.close();
      release();
      process.off('exit', release);
    },
    dump: async () => (await client.dumpDataDir('none')) as Blob,
  };
}

/**
 * PGlite runs each statement synchronously on this thread, and its promise-chained queue hands
 * the next statement over in a microtask: under load, statements run back to back and the event
 * loop never reaches its I/O phase — new connections, /healthz and static files waited for tens
 * of seconds behind a flood of boards. Every top-level statement (and transaction) first waits
 * its turn in one queue and then for one turn of the event loop (setImmediate), so I/O is served
 * between statements.
 */
function yieldingBeforeEachQuery(client: PGlite): PGlite {
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  // statements (and transactions) one after the other, each started on a new turn of the loop
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(nextTurn).then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if ((property === 'query' || property === 'exec' || property === 'transaction') && typeof value === 'function') {
        return (...args: unknown[]) => inTurn(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Runs raw SQL and returns its rows, whichever engine is underneath (their result shapes differ). */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Maps rows of raw SQL over a table (`select * from …`, `returning *`, a CTE over an insert) to the
 * table's typed rows, exactly as a drizzle select would: column names to keys, driver values
 * through each column's own mapping.
 */
const columnsOfTable = new WeakMap<Table, [string, ReturnType<typeof getTableColumns>[string]][]>();

export function rowsOfTable<T extends Table>(table: T, raw: readonly Record<string, unknown>[]): T['$inferSelect'][] {
  let columns = columnsOfTable.get(table);
  if (!columns) columnsOfTable.set(table, (columns = Object.entries(getTableColumns(table))));
  return raw.map((r) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = r[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}
