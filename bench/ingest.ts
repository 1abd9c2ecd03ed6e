/**
 * `pnpm bench:ingest` — how fast activities go in through the API, as a share of what PostgreSQL
 * takes from a bare postgres.js client, measured in the same run on the same database.
 *
 *   (1) recordClass over GraphQL, 8 clients (own session each), one durable activity per request,
 *       once per configuration of the API compared (--workers: 1 process, and 2 node:cluster workers)
 *   (2) baseline: postgres.js single-row INSERT, 8 concurrent loops on 8 connections
 *   (3) syncActivities over GraphQL, batches of 500, sent one after another (first configuration)
 *   (4) baseline: postgres.js 500-row multi-row INSERT, one after another
 *   targets (issue #17): (1)/(2) ≥ 50 % on the best configuration (it is named), (3)/(4) ≥ 25 %
 *
 * Configurations: every API configuration runs for the whole benchmark, on its own port, against the
 * same database; one is measured at a time and the others sit idle. `--workers 1,2` (the default)
 * starts the API once as one process and once as 2 workers of node:cluster sharing a port (WORKERS=2
 * with REDIS_URL, default redis://127.0.0.1:6379, as `pnpm serve` runs them: api/src/main.ts); the
 * kernel spreads the 8 devices' connections over the workers (the requests each answered are
 * printed). CPU of a cluster is the sum of its primary and workers. `--compare-tree DIR` adds the
 * API of another checkout of the same schema (e.g. main) as one process: a before/after in one run.
 *
 * Options: --workers LIST (1,2: API processes per configuration), --compare-tree DIR,
 * --seconds N (12) per single-activity measurement and configuration, --clients N (8), --batches N (20),
 * --batch-size N (500), --rounds N (4: the single-activity measurements alternate in N slices, so
 * that the neighbours' load on a shared machine falls on both sides alike),
 * --profile (server counts SQL statements and records CPU profiles: slower, for diagnosis only),
 * --force-prepare (what-if: the server's database client sends drizzle's queries as named prepared
 * statements, one round trip instead of two; see bench/server.ts), --keep-db (do not drop the database).
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a server it may create databases on.
 *
 * Load generator: the benchmark runs on the API's own machine, so its clients take CPU from the server
 * they measure. The measured single-activity loops use a lean keep-alive HTTP/1.1 connection per
 * device (bench/lean-http.ts: ~0.07 ms of CPU per request here, against ~0.1 ms for undici and
 * ~0.2–0.3 ms for node:http); setup and the batch loop use undici. The bare baseline is postgres.js
 * itself, as the target defines it. What this process spends per operation is printed for both.
 *
 * Informational, not part of the targets: (1b) `{ __typename }` over the same clients, per
 * configuration, with the API's CPU per request (the floor of HTTP + session + GraphQL, no database work); (2b)/(4b), the same bare inserts into the app's own
 * activities table (its secondary indexes and foreign keys), and CPU per activity of the API process
 * and of the PostgreSQL backends (Linux /proc; PostgreSQL on the same host).
 *
 * A fresh database thidua_bench_<time> is created, migrated and dropped at the end. The API runs in
 * a child process (bench/server.ts), as deployed: NODE_ENV=production, with keys made for the run, its
 * request log at level info (read and dropped by this process); only the per-user rate limit is raised
 * to its maximum (8 devices send hundreds of requests a second each). Results: a table on stdout and
 * bench/results/ingest-<date>.json.
 *
 * Measured on the 2-vCPU development host, shared (see README, Benchmarks): (1)/(2) 15.3 %, 19.0 % and
 * 15.6 % with one process in three default runs (13–23 % in shorter ones), 12.3 %, 13.0 % and 10.7 %
 * with 2 workers, below the 50 % target; 2 workers do worse there (the machine, not the event loop, is the limit once PostgreSQL and
 * the load generator have their share, and each worker's writer combines fewer recordings per
 * statement, so both the API and PostgreSQL spend more CPU per recording). 7 December, after request ids
 * stopped using AsyncLocalStorage: 17.4 % and 15.7 % in two paired runs (main before: 16.9 %, 14.9 %),
 * `{ __typename }` 0.27–0.28 ms of API CPU against 0.30–0.43 ms; what a recording costs beyond it is
 * split in the README (Benchmarks, "A request's fixed cost"). Later on 7 December, on a quieter machine of
 * the same kind: the bare insert 7,902–8,832 rows/s, recordClass 16.4–17.9 % of it (the API of 3 December:
 * 21.1 %), and `{ __typename }` alone 41–46 % with one process (57.8 % with two workers): one API process
 * cannot reach the target even for a request that does nothing. With the request plugins run as one, helmet's
 * headers worked out once and answers compressed in place, `{ __typename }` cost 0.25 against 0.28 ms of API
 * CPU in a paired run; recordClass 0.61 against 0.59 ms (README, Benchmarks, "What a request costs").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadReferenceUnits, openDatabase, queryRows, sql, users, type Database } from '../packages/db/src/index';
import { findUnitByCode, insertUnit, type UnitRow } from '../api/src/modules/units/units.queries';
import { hashPassword } from '../api/src/modules/auth/password';
import { Client as UndiciClient } from 'undici';
import { LeanHttpConnection } from './lean-http';
import { deployedNodeFlags, productionEnv } from './deployed';
import { summarizeProfile, type ProfileSummary } from './profile-summary';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const requireFromRoot = createRequire(resolve(ROOT, 'package.json'));
// postgres.js is a dependency of packages/db; take it from there (pnpm keeps it out of the root)
const postgres = createRequire(resolve(ROOT, 'packages/db/package.json'))('postgres') as typeof import('../packages/db/node_modules/postgres');
type Sql = ReturnType<typeof postgres>;

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv: string[]) {
  const opts = { seconds: 12, clients: 8, batches: 20, batchSize: 500, rounds: 4, workers: [1, 2], compareTree: null as string | null, profile: false, forcePrepare: false, keepDb: false, commune: '06688' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const num = (name: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
      return n;
    };
    switch (flag) {
      case '--seconds': opts.seconds = num(flag); break;
      case '--clients': opts.clients = Math.round(num(flag)); break;
      case '--batches': opts.batches = Math.round(num(flag)); break;
      case '--batch-size': opts.batchSize = Math.min(500, Math.round(num(flag))); break;
      case '--rounds': opts.rounds = Math.round(num(flag)); break;
      case '--workers': {
        const list = String(value()).split(',').map((w) => Math.round(Number(w)));
        if (!list.length || list.some((w) => !Number.isFinite(w) || w < 1 || w > 16)) throw new Error('--workers needs a number of API processes, or a list such as 1,2');
        opts.workers = [...new Set(list)];
        break;
      }
      case '--commune': opts.commune = value(); break;
      case '--compare-tree': opts.compareTree = resolve(value()); break;
      case '--profile': opts.profile = true; break;
      case '--force-prepare': opts.forcePrepare = true; break;
      case '--keep-db': opts.keepDb = true; break;
      case '--': break;
      case '--help': case '-h':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
/** (1)/(2): recordClass at half of the bare insert (issue #17); (3)/(4) as before */
const TARGET_SINGLE = 0.5;
const TARGET = 0.25;
const MOVEMENT = { startsOn: '2026-09-01', endsOn: '2026-12-31' };
const PASSWORD = 'bench-mat-khau-2026';

// ---------------------------------------------------------------------------------------------
// small helpers

const log = (...args: unknown[]) => console.error('[bench]', ...args);

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

class Latencies {
  private values: number[] = [];
  add(ms: number) { this.values.push(ms); }
  merge(other: Latencies) { for (const v of other.values) this.values.push(v); }
  summary() {
    const sorted = Float64Array.from(this.values).sort();
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
  }
}

const SETTLE_MS = 1500;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** Busy share of all CPUs between two readings of /proc/stat (Linux), null elsewhere. */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = fields.map(Number);
    const idle = n[3] + (n[4] ?? 0);
    const total = n.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

let day = 0;
/** A class held in October 2026 (inside the movement, not in the future: today is after it). */
function classInput(movementId: string, unitId: number) {
  day++;
  return {
    id: randomUUID(),
    movementId,
    unitId: String(unitId),
    heldOn: `2026-10-${String(1 + (day % 31)).padStart(2, '0')}`,
    attendeeCount: 15 + (day % 26),
    topics: ['VNEID'],
  };
}

/** The same row, the way a bare client would store it. */
function rawRow(movementId: string, unitId: number, recordedBy: string) {
  const c = classInput(movementId, unitId);
  return {
    id: c.id,
    movement_id: movementId,
    unit_id: unitId,
    kind: 'CLASS',
    status: 'SUBMITTED',
    occurred_on: c.heldOn,
    attendee_count: c.attendeeCount,
    topics: c.topics,
    details: { note: null, instructors: [], placeUnitId: null, mobile: false, attendeeListHash: null },
    fingerprint: 'f'.repeat(64),
    recorded_by: recordedBy,
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP / GraphQL client: one keep-alive connection per simulated device

interface HttpResult { status: number; cookies: string[]; body: string }

/** The data of a GraphQL answer; throws on a body that is not JSON or that carries errors. */
function graphqlData<T>(status: number, body: string): T {
  let parsed: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
  }
  if (parsed.errors?.length) throw new Error(`GraphQL: ${parsed.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
  return parsed.data as T;
}

class Client {
  private readonly http: UndiciClient;
  cookie = '';
  constructor(base: string) {
    this.http = new UndiciClient(base, { pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async send(method: string, path: string, body?: string): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    const res = await this.http.request({ method: method as 'GET' | 'POST', path, headers, body });
    const setCookie = res.headers['set-cookie'];
    return { status: res.statusCode, cookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie], body: await res.body.text() };
  }

  async graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.send('POST', '/graphql', JSON.stringify({ query, variables }));
    const data = graphqlData<T>(res.status, res.body);
    for (const c of res.cookies) if (c.startsWith('thidua_session=')) this.cookie = c.split(';')[0];
    return data;
  }

  async login(username: string, password: string) {
    await this.graphql(`mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }`, { u: username, p: password });
    if (!this.cookie) throw new Error(`login ${username}: no session cookie`);
  }

  close() { void this.http.destroy(); }
}

const RECORD_CLASS = `mutation Record($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const SYNC = `mutation Sync($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode message } }`;

// ---------------------------------------------------------------------------------------------
// the server child

interface ServerChild {
  workers: number;
  /** where GraphQL is served (with workers: the port they share) */
  url: string;
  /** where /__bench/ is answered for the whole API (with workers: the primary's control port) */
  controlUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The limits a deployment sets per user (RATE_LIMIT_USER) are for people; the benchmark's 8 devices
 * each send hundreds a second. The limiter still runs (a bucket per user), at its maximum.
 */
const BENCH_LIMITS = { RATE_LIMIT_USER: '1000000', RATE_LIMIT_ANONYMOUS: '1000000' };

/** `root`: the checkout whose API runs (this one, or the --compare-tree one). */
async function startServer(databaseUrl: string, profile: boolean, forcePrepare: boolean, workers: number, root = ROOT): Promise<ServerChild> {
  const tsxCli = createRequire(resolve(root, 'package.json')).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsxCli, ...deployedNodeFlags(root), '--conditions=source', '--tsconfig', resolve(root, 'bench/tsconfig.json'), resolve(root, 'bench/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...productionEnv(),
      ...BENCH_LIMITS,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: '0',
      WORKERS: String(workers),
      // several API processes share live events and cache invalidations through Redis, as deployed
      ...(workers > 1 ? { REDIS_URL: process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379' } : {}),
      BENCH_QUERY_LOG: profile ? '1' : '0',
      BENCH_FORCE_PREPARE: forcePrepare ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let controlUrl: string | null = null;
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    lines.on('line', (line) => {
      const m = /^BENCH_SERVER_URL=(.+)$/.exec(line);
      const control = /^BENCH_CONTROL_URL=(.+)$/.exec(line);
      if (control) controlUrl = control[1];
      else if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      } else if (line.startsWith('BENCH_')) return;
      // the request log (one JSON line per request at level info, as deployed) is read and dropped
      // here; warnings and errors are shown
      else if (line.trim() && !line.startsWith('{"level":"info"')) console.error(`[server ${workers}w]`, line);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening`));
    });
  });
  return {
    workers,
    url,
    controlUrl: controlUrl ?? url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// load loops

interface LoopResult { ops: number; errors: number; firstError: string | null; seconds: number; latencies: Latencies }

/** `workers` loops, each running `op` back to back until the deadline. */
async function runLoops(workers: number, seconds: number, op: (worker: number) => Promise<void>): Promise<LoopResult> {
  const latencies = new Latencies();
  let ops = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await op(w);
          latencies.add(performance.now() - t0);
          ops++;
        } catch (error) {
          errors++;
          firstError ??= String((error as Error).message ?? error);
          if (errors > 50) throw new Error(`too many errors; first: ${firstError}`);
        }
      }
    }),
  );
  return { ops, errors, firstError, seconds: (performance.now() - started) / 1000, latencies };
}

function mergeLoops(parts: LoopResult[]): LoopResult {
  const latencies = new Latencies();
  for (const p of parts) latencies.merge(p.latencies);
  return {
    ops: parts.reduce((a, p) => a + p.ops, 0),
    errors: parts.reduce((a, p) => a + p.errors, 0),
    firstError: parts.find((p) => p.firstError)?.firstError ?? null,
    seconds: parts.reduce((a, p) => a + p.seconds, 0),
    latencies,
  };
}

/** CPU time (user + system, clock ticks) of each PostgreSQL backend serving a database (Linux /proc, same host only). */
async function backendTicks(admin: Sql, dbName: string): Promise<Map<number, number> | null> {
  const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${dbName}`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      return null; // PostgreSQL on another host, or no /proc
    }
  }
  return out;
}
const CLOCK_TICKS_PER_SECOND = 100;
/** What the server's /__bench/cpu answers: process.cpuUsage() and the main thread's event-loop utilization (ms). */
type ServerCpu = NodeJS.CpuUsage & { eventLoop: { active: number; idle: number }; workers?: { pid: number; requests: number }[] };

/**
 * CPU used while `fn` runs: by the API server process, by the PostgreSQL backends of the bench
 * database, by this process (load generator + baseline client), and the whole machine's busy share.
 */
class CpuMeter {
  serverUs = 0;
  serverSystemUs = 0;
  clientUs = 0;
  pgTicks: number | null = 0;
  machineBusy = 0;
  machineTotal = 0;
  loopActive = 0;
  loopTotal = 0;
  /** requests each worker answered while measured (cluster only): how the clients were spread */
  workerRequests: number[] = [];
  constructor(private readonly api: Client, private readonly admin: Sql, private readonly dbName: string) {}
  async measure<T>(fn: () => Promise<T>): Promise<T> {
    const s0 = JSON.parse((await this.api.send('GET', '/__bench/cpu')).body) as ServerCpu;
    const p0 = await backendTicks(this.admin, this.dbName);
    const c0 = process.cpuUsage();
    const m0 = cpuTicks();
    const result = await fn();
    const m1 = cpuTicks();
    const c1 = process.cpuUsage(c0);
    const p1 = await backendTicks(this.admin, this.dbName);
    const s1 = JSON.parse((await this.api.send('GET', '/__bench/cpu')).body) as ServerCpu;
    s1.workers?.forEach((w, i) => (this.workerRequests[i] = (this.workerRequests[i] ?? 0) + w.requests - (s0.workers?.[i]?.requests ?? 0)));
    this.loopActive += s1.eventLoop.active - s0.eventLoop.active;
    this.loopTotal += s1.eventLoop.active + s1.eventLoop.idle - s0.eventLoop.active - s0.eventLoop.idle;
    this.serverUs += s1.user + s1.system - s0.user - s0.system;
    this.serverSystemUs += s1.system - s0.system;
    this.clientUs += c1.user + c1.system;
    if (p0 && p1 && this.pgTicks !== null) for (const [pid, t] of p1) this.pgTicks += t - (p0.get(pid) ?? 0);
    else this.pgTicks = null;
    if (m0 && m1) {
      this.machineBusy += m1.busy - m0.busy;
      this.machineTotal += m1.total - m0.total;
    }
    return result;
  }
  report(ops: number, seconds: number) {
    return {
      serverCpuMsPerOp: this.serverUs / 1000 / ops,
      serverCpuShareOfOneCore: this.serverUs / 1e6 / seconds,
      /** the part of the API's CPU spent in the kernel (system calls: sockets, files) */
      serverSystemShare: this.serverUs ? this.serverSystemUs / this.serverUs : null,
      postgresCpuMsPerOp: this.pgTicks === null ? null : (this.pgTicks * 1000) / CLOCK_TICKS_PER_SECOND / ops,
      benchProcessCpuMsPerOp: this.clientUs / 1000 / ops,
      machineCpuBusy: this.machineTotal ? this.machineBusy / this.machineTotal : null,
      serverEventLoopUtilization: this.loopTotal ? this.loopActive / this.loopTotal : null,
      ...(this.workerRequests.length ? { requestsPerWorker: this.workerRequests } : {}),
    };
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = loadavg().map((x) => +x.toFixed(2));
  const adminUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `thidua_bench_${Date.now()}`;
  const benchUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let database: Database | null = null;
  let raw: Sql | null = null;
  const servers: ServerChild[] = [];
  const clients: Client[] = [];
  const cleanups: (() => void)[] = [];
  let created = false;
  const cleanup = async () => {
    for (const c of clients) c.close();
    for (const f of cleanups) f();
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
    await raw?.end({ timeout: 5 }).catch(() => {});
    await database?.close().catch(() => {});
    if (created && !opts.keepDb) await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch((e: Error) => log('drop failed:', e.message));
    else if (created) log(`kept database ${dbName}`);
    await admin.end({ timeout: 5 }).catch(() => {});
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: cleaning up…`);
      void cleanup().then(() => process.exit(130));
    });
  // last resort (e.g. an uncaught error): never leave the server running
  process.once('exit', () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGTERM');
  });

  try {
    const t0 = performance.now();
    log(`creating database ${dbName}`);
    await admin.unsafe(`create database "${dbName}"`);
    created = true;

    // --- schema, reference data, accounts (directly in the database, as the seed does)
    database = await openDatabase({ url: benchUrl, max: 4 });
    await database.migrate();
    await loadReferenceUnits(database.db);
    const commune = await findUnitByCode(database.db, opts.commune);
    if (!commune || commune.kind !== 'COMMUNE') throw new Error(`commune ${opts.commune} not found in the reference units`);
    const passwordHash = await hashPassword(PASSWORD);
    const orgs: UnitRow[] = [];
    for (let i = 0; i < opts.clients; i++)
      orgs.push(await insertUnit(database.db, { parentId: commune.id, kind: 'ORGANIZATION', name: `Tổ công nghệ số cộng đồng ${i + 1} (bench)`, subtype: 'tổ công nghệ số cộng đồng' }));
    const accounts = [
      { username: 'bench_admin', displayName: 'Quản trị (bench)', role: 'ADMIN' as const, unitId: 1, passwordHash },
      ...orgs.map((o, i) => ({ username: `bench_officer_${i + 1}`, displayName: `Cán bộ ${i + 1} (bench)`, role: 'OFFICER' as const, unitId: o.id, passwordHash })),
    ];
    const userRows = await database.db.insert(users).values(accounts).returning({ id: users.id, username: users.username });
    const officerIds = userRows.filter((u) => u.username.startsWith('bench_officer_')).map((u) => u.id);

    // durability: these must be the server defaults, for our sessions and the API's
    const [settings] = await queryRows<{ synchronous_commit: string; fsync: string; wal_sync_method: string; version: string }>(
      database.db,
      sql`select current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync, current_setting('wal_sync_method') as wal_sync_method, version() as version`,
    );
    if (settings.synchronous_commit !== 'on' || settings.fsync !== 'on')
      log(`WARNING: synchronous_commit=${settings.synchronous_commit}, fsync=${settings.fsync}: commits are not durable, the figures do not count`);

    // --- the baseline table: the activity row's width (uuid pk, the same columns, a jsonb), no secondary index
    raw = postgres(benchUrl, { max: opts.clients, onnotice: () => {} });
    await raw`create table bench_raw_activities (
      id uuid primary key, movement_id uuid not null, unit_id integer not null, kind text not null, status text not null,
      occurred_on date not null, attendee_count integer, topics text[], details jsonb not null, fingerprint text not null,
      flags text[] not null default '{}', recorded_by uuid, recorded_at timestamptz not null default now())`;

    // --- the API, in its own process(es): one deployment per configuration compared (one at a
    // time is measured, the others sit idle), all on the same database
    const configurations = [
      ...opts.workers.map((workers) => ({ workers, root: ROOT, label: `${workers} API process${workers > 1 ? 'es' : ''}`, compare: false })),
      ...(opts.compareTree ? [{ workers: 1, root: opts.compareTree, label: `1 API process of ${relative(resolve(ROOT, '..'), opts.compareTree) || opts.compareTree}`, compare: true }] : []),
    ];
    for (const c of configurations) {
      const s = await startServer(benchUrl, opts.profile, opts.forcePrepare, c.workers, c.root);
      servers.push(s);
      log(`API with ${c.label}${c.workers > 1 ? ' (node:cluster workers)' : ''} at ${s.url} (pid ${s.child.pid})`);
    }
    const server = servers[0];
    const adminClient = new Client(server.url);
    clients.push(adminClient);
    await adminClient.login('bench_admin', PASSWORD);
    const { createMovement } = await adminClient.graphql<{ createMovement: { id: string } }>(
      `mutation ($input: CreateMovementInput!) { createMovement(input: $input) { id } }`,
      { input: { title: 'Bình dân học vụ số — benchmark', organizerUnitId: '1', scopeUnitId: String(commune.id), competingKinds: ['COMMUNE', 'ORGANIZATION'], ...MOVEMENT } },
    );
    const movementId = createMovement.id;
    await adminClient.graphql(`mutation ($id: ID!) { openMovement(id: $id) { id status } }`, { id: movementId });
    // a second movement, only for the informational baselines into the app's own tables (kept apart
    // from the first: the API's history queries filter by movement)
    const { createMovement: schemaMovement } = await adminClient.graphql<{ createMovement: { id: string } }>(
      `mutation ($input: CreateMovementInput!) { createMovement(input: $input) { id } }`,
      { input: { title: 'Bình dân học vụ số — benchmark (schema baseline)', organizerUnitId: '1', scopeUnitId: String(commune.id), competingKinds: ['COMMUNE', 'ORGANIZATION'], ...MOVEMENT } },
    );
    const officers: Client[] = [];
    for (let i = 0; i < opts.clients; i++) {
      const c = new Client(server.url);
      await c.login(`bench_officer_${i + 1}`, PASSWORD);
      officers.push(c);
      clients.push(c);
    }
    log(`setup done in ${((performance.now() - t0) / 1000).toFixed(1)} s: movement ${movementId}, ${opts.clients} officers, commune ${commune.fullName}`);

    // --- the operations measured
    let applied = 0;
    // the measured loops: each device on its own lean keep-alive connection, with its session
    // (the same sessions on every configuration's API: they are rows in the shared database)
    const deployments = servers.map((s, index) => {
      const control = new Client(s.controlUrl);
      clients.push(control);
      const devices = officers.map((o) => LeanHttpConnection.forUrl(s.url, '/graphql', { 'content-type': 'application/json', accept: 'application/json', cookie: o.cookie }));
      cleanups.push(() => devices.forEach((d) => d.close()));
      const devicePost = async <T,>(w: number, query: string, variables?: Record<string, unknown>): Promise<T> => {
        const res = await devices[w].post(JSON.stringify({ query, variables }));
        return graphqlData<T>(res.status, res.body);
      };
      const recordOne = async (w: number) => {
        const { recordClass } = await devicePost<{ recordClass: { id: string; status: string } }>(w, RECORD_CLASS, { input: classInput(movementId, orgs[w].id) });
        if (recordClass.status !== 'SUBMITTED') throw new Error(`recordClass: status ${recordClass.status}`);
        applied++;
      };
      const { label, compare } = configurations[index];
      return { workers: s.workers, label, compare, server: s, control, devicePost, recordOne, parts: [] as LoopResult[] };
    });
    const rawOne = async (w: number) => {
      const r = rawRow(movementId, orgs[w].id, officerIds[w]);
      await raw!`insert into bench_raw_activities (id, movement_id, unit_id, kind, status, occurred_on, attendee_count, topics, details, fingerprint, recorded_by)
        values (${r.id}, ${r.movement_id}, ${r.unit_id}, ${r.kind}, ${r.status}, ${r.occurred_on}, ${r.attendee_count}, ${r.topics}, ${raw!.json(r.details)}, ${r.fingerprint}, ${r.recorded_by})`;
    };
    const syncBatch = async () => {
      const input = Array.from({ length: opts.batchSize }, () => ({ class: classInput(movementId, orgs[0].id) }));
      const { syncActivities } = await officers[0].graphql<{ syncActivities: { id: string; outcome: string; errorCode: string | null; message: string | null }[] }>(SYNC, { input });
      const bad = syncActivities.filter((r) => r.outcome !== 'APPLIED');
      if (bad.length || syncActivities.length !== opts.batchSize) throw new Error(`syncActivities: ${bad.length} not applied, e.g. ${bad[0]?.errorCode} ${bad[0]?.message}`);
      applied += syncActivities.length;
    };
    const rawBatch = async () => {
      const rows = Array.from({ length: opts.batchSize }, () => rawRow(movementId, orgs[0].id, officerIds[0]));
      await raw!`insert into bench_raw_activities ${raw!(rows, 'id', 'movement_id', 'unit_id', 'kind', 'status', 'occurred_on', 'attendee_count', 'topics', 'details', 'fingerprint', 'recorded_by')}`;
    };

    // informational: the same bare client, into the app's activities table (its 3 secondary indexes, 3 foreign keys)
    const ACTIVITY_COLUMNS = ['id', 'movement_id', 'unit_id', 'kind', 'occurred_on', 'attendee_count', 'topics', 'details', 'fingerprint', 'recorded_by'] as const;
    const schemaOne = async (w: number) => {
      const r = rawRow(schemaMovement.id, orgs[w].id, officerIds[w]);
      await raw!`insert into activities (id, movement_id, unit_id, kind, occurred_on, attendee_count, topics, details, fingerprint, recorded_by)
        values (${r.id}, ${r.movement_id}, ${r.unit_id}, ${r.kind}, ${r.occurred_on}, ${r.attendee_count}, ${r.topics}, ${raw!.json(r.details)}, ${r.fingerprint}, ${r.recorded_by})`;
    };
    const schemaBatch = async () => {
      const rows = Array.from({ length: opts.batchSize }, () => rawRow(schemaMovement.id, orgs[0].id, officerIds[0]));
      await raw!`insert into activities ${raw!(rows, ...ACTIVITY_COLUMNS)}`;
    };

    // --- warm-up: JIT, connection pools, prepared statements, caches (not counted)
    log('warm-up…');
    for (const d of deployments) await runLoops(opts.clients, 2, d.recordOne);
    await runLoops(opts.clients, 1, rawOne);
    await syncBatch();
    await rawBatch();
    await runLoops(opts.clients, 0.5, schemaOne);
    await schemaBatch();
    const warmupActivities = applied;

    const meter = (control = deployments[0].control) => new CpuMeter(control, admin, dbName);
    const cpu = { gql: deployments.map((d) => meter(d.control)), raw: meter(), sync: meter(), rawBatch: meter() };
    const profile: Record<string, ProfileResult> = {};
    const profiled = async <T>(name: string, fn: () => Promise<T>, control = deployments[0].control): Promise<T> => {
      const ops = () => applied;
      if (!opts.profile) return fn();
      await control.send('POST', '/__bench/queries/reset');
      await control.send('POST', '/__bench/profile/start');
      const before = ops();
      const result = await fn();
      const { file } = JSON.parse((await control.send('POST', `/__bench/profile/stop?name=${name}`)).body) as { file: string };
      const { statements } = JSON.parse((await control.send('GET', '/__bench/queries')).body) as { statements: { text: string; count: number; ms: number }[] };
      const n = ops() - before;
      // the meter's own /__bench requests do not reach PostgreSQL
      profile[name] = {
        totalStatementsPerOp: statements.reduce((a, s) => a + s.count, 0) / n,
        statementsPerOp: statements.map((s) => ({ text: s.text, perOp: s.count / n, msPerOp: s.ms / n, avgMs: s.count ? s.ms / s.count : 0 })),
        cpu: summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), ROOT),
      };
      profile[name].cpu!.file = relative(ROOT, file);
      return result;
    };

    // --- (1) vs (2): alternating slices
    log(`single activities: ${opts.seconds} s each, ${opts.clients} clients, ${opts.rounds} alternating slices, API as ${deployments.map((d) => d.label).join(' / ')}`);
    const rawParts: LoopResult[] = [];
    const slice = opts.seconds / opts.rounds;
    // a pause before each slice, so the previous one's background work (PostgreSQL's WAL writer
    // and autovacuum, the server's garbage collection) is not billed to the next
    const steps: ((round: number) => Promise<void>)[] = [
      ...deployments.map((d, i) => async (r: number) => {
        await settle();
        d.parts.push(await profiled(`recordClass-${d.compare ? 'compare-' : ''}${d.workers}w-${r + 1}`, () => cpu.gql[i].measure(() => runLoops(opts.clients, slice, d.recordOne)), d.control));
      }),
      async () => {
        await settle();
        rawParts.push(await cpu.raw.measure(() => runLoops(opts.clients, slice, rawOne)));
      },
    ];
    for (let r = 0; r < opts.rounds; r++) {
      // every other round in reverse order, so that no configuration always follows the same one
      const order = r % 2 === 0 ? steps : [...steps].reverse();
      for (const step of order) await step(r);
    }
    const rawSingle = mergeLoops(rawParts);
    const rawOpsPerSec = rawSingle.ops / rawSingle.seconds;
    const byWorkers = deployments.map((d, i) => {
      const g = mergeLoops(d.parts);
      const opsPerSec = g.ops / g.seconds;
      return { workers: d.workers, label: d.label, compare: d.compare, ops: g.ops, errors: g.errors, firstError: g.firstError, seconds: +g.seconds.toFixed(2), opsPerSec, ratio: opsPerSec / rawOpsPerSec, latencyMs: g.latencies.summary(), ...cpu.gql[i].report(g.ops, g.seconds) };
    });
    // the target is checked on this checkout's best configuration (a --compare-tree one is the "before")
    const best = byWorkers.filter((b) => !b.compare).reduce((a, b) => (b.ratio > a.ratio ? b : a));

    // --- (3) vs (4): alternating batches
    log(`batches: ${opts.batches} × ${opts.batchSize} rows each way`);
    const syncTimes = new Latencies();
    const rawBatchTimes = new Latencies();
    let syncSeconds = 0;
    let rawBatchSeconds = 0;
    await profiled('syncActivities', async () => {
      for (let i = 0; i < opts.batches; i++) {
        const order = i % 2 === 0 ? ['sync', 'raw'] : ['raw', 'sync'];
        for (const which of order) {
          const t = performance.now();
          if (which === 'sync') {
            await cpu.sync.measure(syncBatch);
            const ms = performance.now() - t;
            syncTimes.add(ms);
            syncSeconds += ms / 1000;
          } else {
            await cpu.rawBatch.measure(rawBatch);
            const ms = performance.now() - t;
            rawBatchTimes.add(ms);
            rawBatchSeconds += ms / 1000;
          }
        }
      }
    });

    // --- informational: the bare client into the app's own table, after the measurements above
    log('informational baselines into the activities table…');
    const schemaSingle = await runLoops(opts.clients, Math.max(1, opts.seconds / 2), schemaOne);
    const schemaBatches = Math.max(1, Math.round(opts.batches / 2));
    let schemaBatchSeconds = 0;
    for (let i = 0; i < schemaBatches; i++) {
      const t = performance.now();
      await schemaBatch();
      schemaBatchSeconds += (performance.now() - t) / 1000;
    }

    // --- informational: the floor of the stack, `{ __typename }` over the same authenticated clients
    // (HTTP, session, GraphQL; no database work), so (1) can be read against what no write can beat
    const typenames = new Map<string, LoopResult & { cpu: ReturnType<CpuMeter['report']> }>();
    for (const d of deployments) {
      await settle();
      const meter = new CpuMeter(d.control, admin, dbName);
      const loops = await profiled(`typename-${d.compare ? 'compare-' : ''}${d.workers}w`, () => meter.measure(() =>
        runLoops(opts.clients, Math.max(1, opts.seconds / 2 / deployments.length), async (w) => {
          const data = await d.devicePost<{ __typename: string }>(w, '{ __typename }');
          if (data.__typename !== 'Query') throw new Error('__typename');
        }),
      ), d.control);
      typenames.set(d.label, { ...loops, cpu: meter.report(loops.ops, loops.seconds) });
    }
    const typenameSingle = typenames.get(best.label)!;

    // --- check: everything the API acknowledged is in the table
    const [{ n: stored }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from activities where movement_id = ${movementId}`);
    const [{ n: rawStored }] = await raw`select count(*)::int as n from bench_raw_activities where jsonb_typeof(details) = 'object'`;
    if (stored !== applied) throw new Error(`activities stored ${stored} ≠ acknowledged ${applied}`);

    // --- figures
    const rows = opts.batchSize * opts.batches;
    const gqlOpsPerSec = best.opsPerSec;
    const syncRowsPerSec = rows / syncSeconds;
    const rawBatchRowsPerSec = rows / rawBatchSeconds;
    const single = gqlOpsPerSec / rawOpsPerSec;
    const batch = syncRowsPerSec / rawBatchRowsPerSec;
    const result = {
      benchmark: 'ingest',
      date: new Date().toISOString(),
      representative: !opts.profile && !opts.forcePrepare,
      variant: opts.forcePrepare ? 'force-prepare (what-if: named prepared statements in the server)' : 'as shipped',
      options: opts,
      environment: {
        node: process.version,
        postgres: settings.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadavg().map((x) => +x.toFixed(2)),
        synchronous_commit: settings.synchronous_commit,
        fsync: settings.fsync,
        wal_sync_method: settings.wal_sync_method,
        database: dbName,
      },
      single: {
        // the configuration the target is checked on: the best of those compared
        graphqlRecordClass: best,
        byWorkers: byWorkers.map((b) => {
          const t = typenames.get(b.label)!;
          return { ...b, typename: { ops: t.ops, opsPerSec: t.ops / t.seconds, latencyMs: t.latencies.summary(), serverCpuMsPerOp: t.cpu.serverCpuMsPerOp, serverEventLoopUtilization: t.cpu.serverEventLoopUtilization }, ratioTypenameToRawInsert: t.ops / t.seconds / rawOpsPerSec };
        }),
        rawInsert: { ops: rawSingle.ops, errors: rawSingle.errors, seconds: +rawSingle.seconds.toFixed(2), opsPerSec: rawOpsPerSec, latencyMs: rawSingle.latencies.summary(), ...cpu.raw.report(rawSingle.ops, rawSingle.seconds) },
        ratio: single,
        target: TARGET_SINGLE,
        pass: single >= TARGET_SINGLE,
        info: {
          rawInsertIntoActivities: { ops: schemaSingle.ops, seconds: +schemaSingle.seconds.toFixed(2), opsPerSec: schemaSingle.ops / schemaSingle.seconds, latencyMs: schemaSingle.latencies.summary() },
          ratioGraphqlToActivitiesInsert: gqlOpsPerSec / (schemaSingle.ops / schemaSingle.seconds),
          typename: { ops: typenameSingle.ops, seconds: +typenameSingle.seconds.toFixed(2), opsPerSec: typenameSingle.ops / typenameSingle.seconds, latencyMs: typenameSingle.latencies.summary() },
          ratioTypenameToRawInsert: typenameSingle.ops / typenameSingle.seconds / rawOpsPerSec,
        },
      },
      batch: {
        graphqlSyncActivities: { batches: opts.batches, batchSize: opts.batchSize, rows, seconds: +syncSeconds.toFixed(2), rowsPerSec: syncRowsPerSec, batchMs: syncTimes.summary(), ...cpu.sync.report(rows, syncSeconds) },
        rawMultiInsert: { batches: opts.batches, batchSize: opts.batchSize, rows, seconds: +rawBatchSeconds.toFixed(2), rowsPerSec: rawBatchRowsPerSec, batchMs: rawBatchTimes.summary(), ...cpu.rawBatch.report(rows, rawBatchSeconds) },
        ratio: batch,
        target: TARGET,
        pass: batch >= TARGET,
        info: {
          rawMultiInsertIntoActivities: { batches: schemaBatches, rows: schemaBatches * opts.batchSize, seconds: +schemaBatchSeconds.toFixed(2), rowsPerSec: (schemaBatches * opts.batchSize) / schemaBatchSeconds },
          ratioGraphqlToActivitiesInsert: syncRowsPerSec / ((schemaBatches * opts.batchSize) / schemaBatchSeconds),
        },
      },
      check: { activitiesAcknowledged: applied, activitiesStored: stored, warmupActivities, rawRowsStored: rawStored },
      ...(opts.profile ? { profile } : {}),
    };

    printTable(result);
    if (opts.profile) printProfile(profile);
    const resultsDir = resolve(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = resolve(resultsDir, `ingest-${result.date.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z')}${opts.profile ? '-profile' : ''}${opts.forcePrepare ? '-force-prepare' : ''}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwritten: ${relative(ROOT, file)}`);
  } finally {
    if (!interrupted) await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// output

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

function printTable(r: any) {
  const s = r.single;
  const b = r.batch;
  const line = '─'.repeat(100);
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'BELOW TARGET');
  console.log(`\nIngest benchmark — ${r.date} — PostgreSQL ${String(r.environment.postgres).split(' ')[1]}, ${r.environment.cpus} CPUs, synchronous_commit=${r.environment.synchronous_commit}, fsync=${r.environment.fsync}${r.options.profile ? '  (PROFILED RUN: slower, for diagnosis)' : ''}${r.options.forcePrepare ? '  (WHAT-IF: --force-prepare)' : ''}`);
  console.log(line);
  console.log(`${'measurement'.padEnd(52)}${'throughput'.padStart(16)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'API CPU'.padStart(9)}${'PG CPU'.padStart(9)}`);
  console.log(line);
  const ms = (x: number | null) => (x == null || Number.isNaN(x) ? '—' : x < 0.1 ? x.toFixed(3) : x.toFixed(2));
  const row = (name: string, thr: string, lat: { p50: number; p95: number }, m: { serverCpuMsPerOp: number; postgresCpuMsPerOp: number | null } | null) =>
    console.log(`${name.padEnd(52)}${thr.padStart(16)}${f1(lat.p50).padStart(9)}${f1(lat.p95).padStart(9)}${(m ? ms(m.serverCpuMsPerOp) : '—').padStart(9)}${ms(m?.postgresCpuMsPerOp ?? null).padStart(9)}`);
  const procs = (w: number) => `${w} API process${w > 1 ? 'es' : ''}`;
  for (const g of s.byWorkers) row(`(1) recordClass, ${r.options.clients} clients, ${g.label}`, `${f0(g.opsPerSec)} ops/s`, g.latencyMs, g);
  row(`(2) postgres.js 1-row INSERT, ${r.options.clients} connections`, `${f0(s.rawInsert.opsPerSec)} ops/s`, s.rawInsert.latencyMs, { serverCpuMsPerOp: NaN, postgresCpuMsPerOp: s.rawInsert.postgresCpuMsPerOp });
  for (const g of s.byWorkers) if (s.byWorkers.length > 1) console.log(`${`    ratio (1)/(2), ${g.label}`.padEnd(52)}${pct(g.ratio).padStart(16)}`);
  console.log(`${`    ratio (1)/(2), best: ${s.graphqlRecordClass.label}`.padEnd(52)}${pct(s.ratio).padStart(16)}   target ≥ ${pct(s.target)}  → ${verdict(s.pass)}`);
  console.log(`${'    info: (2b) same 1-row INSERT into `activities`'.padEnd(52)}${`${f0(s.info.rawInsertIntoActivities.opsPerSec)} ops/s`.padStart(16)}${f1(s.info.rawInsertIntoActivities.latencyMs.p50).padStart(9)}${f1(s.info.rawInsertIntoActivities.latencyMs.p95).padStart(9)}   (1)/(2b) ${pct(s.info.ratioGraphqlToActivitiesInsert)}`);
  for (const g of s.byWorkers)
    console.log(`${`    info: (1b) \`{ __typename }\`, ${g.label}`.padEnd(52)}${`${f0(g.typename.opsPerSec)} ops/s`.padStart(16)}${f1(g.typename.latencyMs.p50).padStart(9)}${f1(g.typename.latencyMs.p95).padStart(9)}${ms(g.typename.serverCpuMsPerOp).padStart(9)}${''.padStart(9)}   (1b)/(2) ${pct(g.ratioTypenameToRawInsert)}`);
  console.log(line);
  row(`(3) syncActivities via GraphQL, ${r.options.batchSize}/batch, sequential`, `${f0(b.graphqlSyncActivities.rowsPerSec)} rows/s`, b.graphqlSyncActivities.batchMs, b.graphqlSyncActivities);
  row(`(4) postgres.js ${r.options.batchSize}-row INSERT, sequential`, `${f0(b.rawMultiInsert.rowsPerSec)} rows/s`, b.rawMultiInsert.batchMs, { serverCpuMsPerOp: NaN, postgresCpuMsPerOp: b.rawMultiInsert.postgresCpuMsPerOp });
  console.log(`${'    ratio (3)/(4)'.padEnd(52)}${pct(b.ratio).padStart(16)}   target ≥ ${pct(b.target)}  → ${verdict(b.pass)}`);
  console.log(`${'    info: (4b) same 500-row INSERT into `activities`'.padEnd(52)}${`${f0(b.info.rawMultiInsertIntoActivities.rowsPerSec)} rows/s`.padStart(16)}${''.padStart(18)}   (3)/(4b) ${pct(b.info.ratioGraphqlToActivitiesInsert)}`);
  console.log(line);
  console.log(`latencies: per request for (1)/(2), per batch for (3)/(4). CPU: ms per activity (row), of the API server process and of the PostgreSQL backends.`);
  console.log(`(2b)/(4b): the bare client into the app's own activities table (3 secondary indexes, 3 foreign keys), run after the rest; not part of the targets.`);
  console.log(`(3) runs on the first configuration (${procs(r.options.workers[0])}).`);
  console.log(`machine CPU busy: (2) ${pct(s.rawInsert.machineCpuBusy ?? 0)}, (3) ${pct(b.graphqlSyncActivities.machineCpuBusy ?? 0)}, (4) ${pct(b.rawMultiInsert.machineCpuBusy ?? 0)}; API (3): ${pct(b.graphqlSyncActivities.serverCpuShareOfOneCore)} of a core, event loop ${pct(b.graphqlSyncActivities.serverEventLoopUtilization ?? 0)} busy.`);
  for (const g of s.byWorkers)
    console.log(
      `(1) ${g.label}: machine CPU busy ${pct(g.machineCpuBusy ?? 0)}; API ${pct(g.serverCpuShareOfOneCore)} of a core (all its processes; ${pct(g.serverSystemShare ?? 0)} of it in the kernel), event loop${g.workers > 1 ? 's' : ''} ${pct(g.serverEventLoopUtilization ?? 0)} busy` +
        `${g.requestsPerWorker ? `; requests per worker ${g.requestsPerWorker.map(f0).join(' / ')}` : ''}; load generator ${g.benchProcessCpuMsPerOp.toFixed(3)} ms CPU per op${g.errors ? `; ${g.errors} errors, first: ${g.firstError}` : ''}.`,
    );
  // the load generator shares the machine: what it takes per operation is shown, both sides
  console.log(`this process as the bare client (2): ${s.rawInsert.benchProcessCpuMsPerOp.toFixed(3)} ms CPU per op.`);
  console.log(`check: ${r.check.activitiesStored} activities stored = ${r.check.activitiesAcknowledged} acknowledged by the API.`);
}

interface ProfileResult { statementsPerOp: { text: string; perOp: number; msPerOp: number; avgMs: number }[]; totalStatementsPerOp: number; cpu: ProfileSummary | null }

function printProfile(profile: Record<string, ProfileResult>) {
  for (const [name, p] of Object.entries(profile)) {
    const per = name.startsWith('sync') ? opts.batchSize : 1;
    console.log(`\n── profile: ${name} ── ${(p.totalStatementsPerOp * per).toFixed(2)} SQL statements per ${per > 1 ? `batch of ${per}` : 'activity'}`);
    console.log(`  ${'count'.padStart(7)} ${'avg ms'.padStart(8)}  statement (by wall time waited)`);
    for (const s of p.statementsPerOp.slice(0, 14)) console.log(`  ${(s.perOp * per).toFixed(2).padStart(7)} ${s.avgMs.toFixed(2).padStart(8)}  ${s.text.slice(0, 140)}`);
    if (!p.cpu) continue;
    console.log(`  CPU samples: ${f1(p.cpu.totalMs)} ms (${p.cpu.file}); self time by area:`);
    for (const a of p.cpu.byArea.slice(0, 12)) console.log(`  ${pct(a.share).padStart(8)}  ${a.area}`);
    console.log('  inclusive time of project functions (synchronous parts):');
    for (const fn of p.cpu.projectInclusive.slice(0, 12)) console.log(`  ${pct(fn.share).padStart(8)}  ${fn.name}`);
  }
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
});

