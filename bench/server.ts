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
 *
 * WORKERS=N (N > 1, with REDIS_URL, as `pnpm serve` requires): the API runs as N node:cluster
 * workers sharing the port, as api/src/main.ts deploys it; this process is the primary. It migrates
 * once, forks the workers, and answers the /__bench/ routes itself on a control port of its own
 * (printed as `BENCH_CONTROL_URL=<url>`), gathering the workers' answers over IPC: CPU is the sum of
 * the primary's and every worker's, event-loop figures are summed (active and idle), statement
 * counts are merged, and a profile is written per worker. With one worker there is no primary and
 * the control URL is the server's own.
 */
import './reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
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
    // profiled runs read boards through the same pool (production has a read pool of its own)
    reads: db,
    engine: 'postgres',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => (await client`select 1 as ok`)[0]?.ok === 1,
    poolUse: async () => ({ open: 0, active: 0, max: 0 }),
    close: () => client.end({ timeout: 5 }),
  };
  return database;
}

let session: Session | null = null;
/** GraphQL and other HTTP requests this process answered (to see how the cluster spread the clients) */
let requests = 0;

type BenchAnswer = { status: number; body: unknown };

/** One /__bench/ operation in this process. */
async function benchOperation(op: string, name: string | null): Promise<BenchAnswer> {
  switch (op) {
    case 'GET /__bench/cpu':
      return { status: 200, body: { ...process.cpuUsage(), eventLoop: performance.eventLoopUtilization(), requests, pid: process.pid } };
    case 'POST /__bench/queries/reset':
      statements.clear();
      return { status: 200, body: { ok: queryLog } };
    case 'GET /__bench/queries':
      return { status: 200, body: { enabled: queryLog, statements: [...statements].map(([text, e]) => ({ text, count: e.count, ms: e.ms })).sort((a, b) => b.ms - a.ms) } };
    case 'POST /__bench/profile/start':
      if (!session) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
      }
      await session.post('Profiler.start');
      // BENCH_HEAP=1: allocations too, those already collected included (what makes GC work)
      if (process.env.BENCH_HEAP === '1')
        await session.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
      return { status: 200, body: { ok: true } };
    case 'POST /__bench/profile/stop': {
      if (!session) return { status: 409, body: { error: 'not started' } };
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(PROF_DIR, { recursive: true });
      const file = resolve(PROF_DIR, `${(name ?? 'profile').replace(/[^\w.-]/g, '_')}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      if (process.env.BENCH_HEAP === '1') {
        const { profile: heap } = await session.post('HeapProfiler.stopSampling');
        writeFileSync(file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(heap));
      }
      return { status: 200, body: { file } };
    }
  }
  return { status: 404, body: { error: 'unknown' } };
}

const benchRoute: Route = async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/__bench/')) return false;
  const answer = await benchOperation(`${req.method} ${url.pathname}`, url.searchParams.get('name'));
  if (answer.status === 404) return false;
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
  return true;
};

// ---------------------------------------------------------------------------------------------
// cluster mode: the primary forks the workers and answers /__bench/ for all of them

type IpcAsk = { benchAsk: number; op: string; name: string | null };
type IpcAnswer = { benchAnswer: number; answer: BenchAnswer };

/** A worker answers the primary's /__bench/ questions over IPC. */
function answerPrimary() {
  process.on('message', (m: IpcAsk) => {
    if (!m || typeof m.benchAsk !== 'number') return;
    void benchOperation(m.op, m.name).then((answer) => process.send?.({ benchAnswer: m.benchAsk, answer } satisfies IpcAnswer));
  });
}

let asked = 0;
function ask(worker: Worker, op: string, name: string | null): Promise<BenchAnswer> {
  const id = ++asked;
  return new Promise((resolveAnswer) => {
    const onMessage = (m: IpcAnswer) => {
      if (m?.benchAnswer !== id) return;
      worker.off('message', onMessage);
      resolveAnswer(m.answer);
    };
    worker.on('message', onMessage);
    worker.send({ benchAsk: id, op, name } satisfies IpcAsk);
  });
}

/** The workers' answers to one /__bench/ operation, combined. */
async function combined(workers: Worker[], op: string, name: string | null): Promise<BenchAnswer> {
  const answers = await Promise.all(workers.map((w, i) => ask(w, op, name === null ? null : `${name}-w${i + 1}`)));
  const bodies = answers.map((a) => a.body as Record<string, any>);
  switch (op) {
    case 'GET /__bench/cpu': {
      const own = process.cpuUsage();
      return {
        status: 200,
        body: {
          user: own.user + bodies.reduce((a, b) => a + b.user, 0),
          system: own.system + bodies.reduce((a, b) => a + b.system, 0),
          eventLoop: { active: bodies.reduce((a, b) => a + b.eventLoop.active, 0), idle: bodies.reduce((a, b) => a + b.eventLoop.idle, 0) },
          requests: bodies.reduce((a, b) => a + b.requests, 0),
          workers: bodies.map((b) => ({ pid: b.pid, user: b.user, system: b.system, requests: b.requests, eventLoop: b.eventLoop })),
          primary: { pid: process.pid, ...own },
        },
      };
    }
    case 'GET /__bench/queries': {
      const merged = new Map<string, { count: number; ms: number }>();
      for (const b of bodies)
        for (const st of b.statements as { text: string; count: number; ms: number }[]) {
          const e = merged.get(st.text) ?? { count: 0, ms: 0 };
          e.count += st.count;
          e.ms += st.ms;
          merged.set(st.text, e);
        }
      return { status: 200, body: { enabled: queryLog, statements: [...merged].map(([text, e]) => ({ text, ...e })).sort((a, b) => b.ms - a.ms) } };
    }
    case 'POST /__bench/profile/stop':
      // the first worker's profile stands for all (each worker wrote its own)
      return { status: answers[0].status, body: { ...bodies[0], files: bodies.map((b) => b.file) } };
    default:
      return answers[0];
  }
}

async function runPrimary(config: Config) {
  // migrations and reference data once; the workers then find nothing to do
  await (await openConfiguredDatabase(config)).close();
  const workers: Worker[] = [];
  let listening = 0;
  let url = '';
  const ready = new Promise<void>((resolveReady, reject) => {
    cluster.on('listening', (_worker, address) => {
      url = `http://${config.host}:${address.port}`;
      if (++listening === config.workers) resolveReady();
    });
    cluster.on('exit', (worker, code, signal) => {
      if (!stopping) reject(new Error(`worker ${worker.process.pid} exited (${signal ?? code})`));
      if (!stopping) void stop();
    });
  });
  for (let i = 0; i < config.workers; i++) workers.push(cluster.fork());
  await ready;

  const control = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    void combined(workers, `${req.method} ${u.pathname}`, u.searchParams.get('name')).then((answer) => {
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()));
  console.log(`BENCH_CONTROL_URL=http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  console.log(`BENCH_WORKER_PIDS=${workers.map((w) => w.process.pid).join(',')}`);
  console.log(`BENCH_SERVER_URL=${url}`);

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 5_000).unref();
    control.close();
    await Promise.all(workers.map((w) => new Promise<void>((r) => (w.isDead() ? r() : (w.once('exit', () => r()), w.process.kill('SIGTERM'))))));
    process.exit(0);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  watchParent(stop);
}

/** The benchmark went away (killed without cleaning up): do not linger. tsx's cli sits between the two processes, so watch for being re-parented as well as for the IPC channel closing. */
function watchParent(stop: () => unknown) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();
  process.on('disconnect', () => void stop());
}

async function main() {
  const config = loadConfig({ ...process.env, DEMO_DATA: '0' });
  if (!config.databaseUrl) throw new Error('bench/server.ts needs DATABASE_URL (PostgreSQL)');
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  const database = queryLog || forcePrepare ? await openInstrumentedDatabase(config) : await openConfiguredDatabase(config);
  const app = await createApp(config, database, [benchRoute, ...appRoutes]);
  app.server.on('request', () => requests++);
  const url = await app.listen(config.port, config.host);
  if (cluster.isWorker) answerPrimary();
  else console.log(`BENCH_SERVER_URL=${url.replace('localhost', config.host === '0.0.0.0' ? 'localhost' : config.host)}`);

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
  // a worker's IPC channel is the primary's: it closing means the primary is gone
  if (cluster.isWorker) process.on('disconnect', () => void stop());
  else watchParent(stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
