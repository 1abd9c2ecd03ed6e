/**
 * The API server for the benchmark, run in its own process (so the load generator does not share
 * its event loop). Same code path as api/src/main.ts, without demo data:
 *
 *   DATABASE_URL=postgres://… PORT=0 tsx --conditions=source bench/server.ts
 *
 * Prints `BENCH_SERVER_URL=<url>` once listening. Extra routes under /__bench/ (this process only):
 *   GET  /__bench/cpu               process.cpuUsage() in µs
 *   POST /__bench/queries/reset     (BENCH_QUERY_LOG=1) zero the per-statement counters
 *   GET  /__bench/queries           (BENCH_QUERY_LOG=1) statements sent to PostgreSQL since the reset
 *   POST /__bench/profile/start     start the V8 CPU profiler (node:inspector)
 *   POST /__bench/profile/stop?name=x  stop it and write bench/results/prof/<name>.cpuprofile
 *
 * BENCH_FORCE_PREPARE=1 is a what-if (see `hook` below), not the app as shipped.
 */
import './reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../packages/db/src/index';
import { createApp, type Route } from '../api/src/app';
import { openConfiguredDatabase } from '../api/src/bootstrap';
import { loadConfig, type Config } from '../api/src/config';
import { appRoutes } from '../api/src/routes';

const PROF_DIR = resolve(fileURLToPath(new URL('results/prof', import.meta.url)));

/** statement text (parameters stripped) → times sent, and wall time spent waiting for it */
const statements = new Map<string, { count: number; ms: number }>();
const queryLog = process.env.BENCH_QUERY_LOG === '1';
/** what-if: every parameterized statement as a (cached) named prepared statement */
const forcePrepare = process.env.BENCH_FORCE_PREPARE === '1';

const statementKey = (text: string) =>
  text.replace(/\s+/g, ' ').trim().replace(/\$\d+(, \$\d+)*/g, '$n').replace(/(\(\$n\), )+\(\$n\)/g, '($n), …').slice(0, 240);
function entry(key: string) {
  let e = statements.get(key);
  if (!e) statements.set(key, (e = { count: 0, ms: 0 }));
  return e;
}

type PgClient = { unsafe: (q: string, p?: unknown[], o?: Record<string, unknown>) => PromiseLike<unknown> } & Record<string, unknown>;

/**
 * Hooks into a postgres.js client (and the client of each transaction and savepoint):
 * - timing (BENCH_QUERY_LOG=1): wall time from sending a statement to its result, per statement;
 *   BEGIN includes the wait for a free pooled connection, COMMIT the durable flush.
 * - preparing (BENCH_FORCE_PREPARE=1, a what-if): drizzle sends every query through
 *   `unsafe(text, params, { prepare: false })`, an unnamed statement, which postgres.js sends as
 *   Parse/Describe, waits for the parameter types, then Bind/Execute: two round trips per query.
 *   With prepare: true the statement is named, prepared once per connection and reused.
 */
function hook(client: PgClient): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = (q, p, o) => {
    const query = unsafe(q, p, forcePrepare && p?.length ? { ...o, prepare: true } : o);
    if (queryLog) {
      const then = query.then;
      const key = statementKey(q);
      (query as { then: unknown }).then = function (this: unknown, ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) {
        const t0 = performance.now();
        const done = () => (entry(key).ms += performance.now() - t0);
        return then.call(
          this,
          (v) => (done(), ok ? ok(v) : v),
          (e) => {
            done();
            if (fail) return fail(e);
            throw e;
          },
        );
      };
    }
    return query;
  };
  for (const scope of ['begin', 'savepoint'] as const) {
    const original = client[scope] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (typeof original !== 'function') continue;
    client[scope] = (...args: unknown[]) => {
      const fn = args.pop() as (tx: PgClient) => unknown;
      const t0 = performance.now();
      let bodyDone = 0;
      const result = original.call(client, ...args, async (tx: PgClient) => {
        if (queryLog && scope === 'begin') entry('begin').ms += performance.now() - t0;
        hook(tx);
        try {
          return await fn(tx);
        } finally {
          bodyDone = performance.now();
        }
      });
      if (queryLog && scope === 'begin') void result.then(() => (entry('commit').ms += performance.now() - bodyDone), () => {});
      return result;
    };
  }
}

/**
 * With BENCH_QUERY_LOG=1 or BENCH_FORCE_PREPARE=1 the database is opened like packages/db's
 * openDatabase, plus postgres.js's `debug` hook, which sees every statement sent (BEGIN/COMMIT
 * included), and `hook` above. The imports go through packages/db's own dependency links, so these
 * are the very module instances @thidua/db uses.
 */
async function openInstrumentedDatabase(config: Config): Promise<Database> {
  // migrations and every reference loader, exactly as the app does; then reopen with the hooks
  await (await openConfiguredDatabase(config)).close();
  const url = config.databaseUrl!;
  const { default: postgres } = await import('../packages/db/node_modules/postgres/src/index.js' as string);
  const { drizzle } = await import('../packages/db/node_modules/drizzle-orm/postgres-js/index.js' as string);
  const { migrate } = await import('../packages/db/node_modules/drizzle-orm/postgres-js/migrator.js' as string);
  const { schema, MIGRATIONS_FOLDER, preparingStatements } = await import('../packages/db/src/index');
  const client = postgres(url, {
    max: config.databasePoolSize,
    onnotice: () => {},
    debug: queryLog ? (_connection: number, query: string) => entry(statementKey(query)).count++ : undefined,
  });
  // named statements exactly as packages/db prepares them, so that a profiled run sends what a
  // normal one does; then the hooks around that
  preparingStatements(client);
  hook(client);
  const db = drizzle(client, { schema });
  const database: Database = {
    db,
    engine: 'postgres',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => (await client`select 1 as ok`)[0]?.ok === 1,
    poolUse: async () => ({ open: 0, active: 0, max: 0 }),
    close: () => client.end({ timeout: 5 }),
  };
  return database;
}

let session: Session | null = null;

const benchRoute: Route = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/__bench/')) return false;
  const send = (body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  switch (`${req.method} ${url.pathname}`) {
    case 'GET /__bench/cpu':
      send({ ...process.cpuUsage(), eventLoop: performance.eventLoopUtilization() });
      return true;
    case 'POST /__bench/queries/reset':
      statements.clear();
      send({ ok: queryLog });
      return true;
    case 'GET /__bench/queries':
      send({ enabled: queryLog, statements: [...statements].map(([text, e]) => ({ text, count: e.count, ms: e.ms })).sort((a, b) => b.ms - a.ms) });
      return true;
    case 'POST /__bench/profile/start':
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
      }
      await session.post('Profiler.start');
      send({ ok: true });
      return true;
    case 'POST /__bench/profile/stop': {
      if (!session) return send({ error: 'not started' }, 409), true;
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(PROF_DIR, { recursive: true });
      const file = resolve(PROF_DIR, `${(url.searchParams.get('name') ?? 'profile').replace(/[^\w.-]/g, '_')}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      send({ file });
      return true;
    }
  }
  return false;
};

async function main() {
  const config = loadConfig({ ...process.env, DEMO_DATA: '0' });
  if (!config.databaseUrl) throw new Error('bench/server.ts needs DATABASE_URL (PostgreSQL)');
  const database = queryLog || forcePrepare ? await openInstrumentedDatabase(config) : await openConfiguredDatabase(config);
  const app = await createApp(config, database, [benchRoute, ...appRoutes]);
  const url = await app.listen(config.port, config.host);
  console.log(`BENCH_SERVER_URL=${url.replace('localhost', config.host === '0.0.0.0' ? 'localhost' : config.host)}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // clients may hold keep-alive connections open: never wait more than 3 s to go
    setTimeout(() => process.exit(0), 3_000).unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // the benchmark went away (killed without cleaning up): do not linger. tsx's cli sits between
  // the two processes, so watch for being re-parented as well as for the IPC channel closing.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();
  process.on('disconnect', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
