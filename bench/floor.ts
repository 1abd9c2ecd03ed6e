/**
 * `pnpm bench:floor` — the least any HTTP API can do per recording on this host, measured beside the
 * bare insert of `pnpm bench:ingest` in the same run. None of Thi đua số's code runs here: it asks
 * whether the target of issue #17 (recordClass ≥ 50 % of the bare 1-row insert) is within reach of
 * the fixed stack at all on this machine, whatever the API does beyond it.
 *
 *   bare      postgres.js single-row INSERT, 8 concurrent loops on 8 connections (bench:ingest's (2))
 *   http      node:http + JSON.parse + the same INSERT through postgres.js, one statement per request
 *   apollo    Apollo Server + type-graphql, a mutation `record(input)` doing that INSERT, served as
 *             the API serves GraphQL (node:http, executeHTTPGraphQLRequest), no plugin of ours
 *   typename  the same Apollo server answering `{ __typename }` (no database work)
 *   http-combined, apollo-combined  the same two servers writing rows as the API's writer does
 *             (activity-writer.ts): one statement in flight, rows arriving meanwhile share the next
 *
 * The servers run as deployed (NODE_ENV=production, the Node flags of the API's serve script), each
 * in its own process (bench/floor-server.ts); 8 devices on lean keep-alive connections
 * (bench/lean-http.ts), as bench:ingest's measured loops. The six are measured in --rounds
 * alternating slices of --seconds each, after a warm-up. Reported: operations per second and their
 * ratio to the bare insert, CPU per operation of the server, of the PostgreSQL backends and of this
 * process (the load generator). Results: a table and bench/results/floor-<date>.json.
 *
 * Options: --seconds N (3), --rounds N (4), --clients N (8). Env: DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres): a server it may create a database on (dropped at the end).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LeanHttpConnection } from './lean-http';
import { deployedNodeFlags, productionEnv } from './deployed';
import type { FloorRow } from './floor-server';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const postgres = createRequire(resolve(ROOT, 'packages/db/package.json'))('postgres') as typeof import('../packages/db/node_modules/postgres');
const CLOCK_TICK_MS = 10; // Linux USER_HZ = 100

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const opts = { seconds: arg('seconds', 3), rounds: arg('rounds', 4), clients: arg('clients', 8) };
const log = (...a: unknown[]) => console.error('[bench:floor]', ...a);

/** user + system CPU of a process, in ms (Linux /proc). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

interface Server { child: ChildProcess; url: string; pid: number }

async function startServer(mode: 'http' | 'apollo', databaseUrl: string, combine = false): Promise<Server> {
  const tsxCli = createRequire(resolve(ROOT, 'package.json')).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsxCli, ...deployedNodeFlags(ROOT), '--tsconfig', resolve(ROOT, 'bench/tsconfig.json'), resolve(ROOT, 'bench/floor-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...productionEnv(), DATABASE_URL: databaseUrl, FLOOR_MODE: mode, FLOOR_COMBINE: combine ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, pid } = await new Promise<{ url: string; pid: number }>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 60 s`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^FLOOR_URL=(\S+) PID=(\d+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ url: m[1], pid: Number(m[2]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  return { child, url, pid };
}

async function runLoops(clients: number, seconds: number, op: (w: number) => Promise<void>): Promise<number> {
  let ops = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      while (performance.now() < deadline) {
        await op(w);
        ops++;
      }
    }),
  );
  return ops;
}

function row(unitId: number, movementId: string, recordedBy: string): FloorRow {
  return {
    id: randomUUID(), movement_id: movementId, unit_id: unitId, kind: 'CLASS', status: 'SUBMITTED', occurred_on: '2026-12-01',
    attendee_count: 25, topics: ['VNeID', 'dịch vụ công trực tuyến'], details: {}, fingerprint: randomUUID(), recorded_by: recordedBy,
  };
}

async function main() {
  const adminUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `thidua_bench_floor_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const servers: Server[] = [];
  const devices: LeanHttpConnection[] = [];
  let raw: ReturnType<typeof postgres> | null = null;
  try {
    raw = postgres(benchUrl, { max: opts.clients, onnotice: () => {} });
    await raw`create table bench_floor_rows (
      id uuid primary key, movement_id uuid not null, unit_id integer not null, kind text not null, status text not null,
      occurred_on date not null, attendee_count integer, topics text[], details jsonb not null, fingerprint text not null,
      flags text[] not null default '{}', recorded_by uuid, recorded_at timestamptz not null default now())`;
    const [settings] = await raw<{ synchronous_commit: string; fsync: string }[]>`select current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync`;
    if (settings.synchronous_commit !== 'on' || settings.fsync !== 'on') log(`WARNING: synchronous_commit=${settings.synchronous_commit}, fsync=${settings.fsync}: not durable, the figures do not count`);

    const http = await startServer('http', benchUrl);
    const apollo = await startServer('apollo', benchUrl);
    const httpCombined = await startServer('http', benchUrl, true);
    const apolloCombined = await startServer('apollo', benchUrl, true);
    servers.push(http, apollo, httpCombined, apolloCombined);
    const connect = (s: Server) =>
      Array.from({ length: opts.clients }, () => {
        const d = LeanHttpConnection.forUrl(s.url, '/', { 'content-type': 'application/json', accept: 'application/json' });
        devices.push(d);
        return d;
      });
    const httpDevices = connect(http);
    const apolloDevices = connect(apollo);
    const httpCombinedDevices = connect(httpCombined);
    const apolloCombinedDevices = connect(apolloCombined);
    const movementId = randomUUID();
    const recordedBy = randomUUID();
    const RECORD = 'mutation ($input: RecordInput!) { record(input: $input) { id status } }';
    const expectOk = (status: number, body: string) => {
      if (status !== 200 || body.includes('"errors"')) throw new Error(`answer ${status}: ${body.slice(0, 300)}`);
    };

    const httpOp = (devices: LeanHttpConnection[]) => async (w: number) => {
      const res = await devices[w].post(JSON.stringify(row(w + 1, movementId, recordedBy)));
      expectOk(res.status, res.body);
    };
    const apolloOp = (devices: LeanHttpConnection[]) => async (w: number) => {
      const r = row(w + 1, movementId, recordedBy);
      const input = { id: r.id, movementId, unitId: r.unit_id, occurredOn: r.occurred_on, attendeeCount: r.attendee_count, topics: r.topics, fingerprint: r.fingerprint, recordedBy };
      const res = await devices[w].post(JSON.stringify({ query: RECORD, variables: { input } }));
      expectOk(res.status, res.body);
    };
    const kinds = [
      { name: 'bare', label: 'bare 1-row insert (postgres.js, 8 connections)', pid: null as number | null, op: async (w: number) => {
        const r = row(w + 1, movementId, recordedBy);
        await raw!`insert into bench_floor_rows (id, movement_id, unit_id, kind, status, occurred_on, attendee_count, topics, details, fingerprint, recorded_by)
          values (${r.id}, ${r.movement_id}, ${r.unit_id}, ${r.kind}, ${r.status}, ${r.occurred_on}, ${r.attendee_count}, ${r.topics}, ${raw!.json(r.details as never)}, ${r.fingerprint}, ${r.recorded_by})`;
      } },
      { name: 'http', label: 'node:http + JSON + the same insert', pid: http.pid, op: httpOp(httpDevices) },
      { name: 'apollo', label: 'Apollo + type-graphql mutation, the same insert', pid: apollo.pid, op: apolloOp(apolloDevices) },
      { name: 'http-combined', label: 'node:http + JSON, rows combined as the API writer does', pid: httpCombined.pid, op: httpOp(httpCombinedDevices) },
      { name: 'apollo-combined', label: 'Apollo + type-graphql mutation, rows combined as the API writer does', pid: apolloCombined.pid, op: apolloOp(apolloCombinedDevices) },
      { name: 'typename', label: 'Apollo + type-graphql, { __typename }', pid: apollo.pid, op: async (w: number) => {
        const res = await apolloDevices[w].post('{"query":"{ __typename }"}');
        expectOk(res.status, res.body);
      } },
    ];

    /** CPU (ms) of the PostgreSQL backends serving the benchmark's database. */
    const backendsCpuMs = async () => {
      const pids = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${dbName}`;
      let total = 0;
      for (const { pid } of pids) {
        try {
          total += processCpuMs(pid);
        } catch {
          /* ended meanwhile */
        }
      }
      return total;
    };

    log('warm-up…');
    for (const k of kinds) await runLoops(opts.clients, 2, k.op);
    const totals = new Map(kinds.map((k) => [k.name, { ops: 0, seconds: 0, serverMs: 0, pgMs: 0, loadMs: 0 }]));
    log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    for (let round = 0; round < opts.rounds; round++) {
      for (const k of kinds) {
        const server0 = k.pid ? processCpuMs(k.pid) : 0;
        const pg0 = await backendsCpuMs();
        const load0 = process.cpuUsage();
        const t0 = performance.now();
        const ops = await runLoops(opts.clients, opts.seconds, k.op);
        const seconds = (performance.now() - t0) / 1000;
        const load = process.cpuUsage(load0);
        const t = totals.get(k.name)!;
        t.ops += ops;
        t.seconds += seconds;
        t.serverMs += k.pid ? processCpuMs(k.pid) - server0 : 0;
        t.pgMs += (await backendsCpuMs()) - pg0;
        t.loadMs += (load.user + load.system) / 1000;
      }
      log(`round ${round + 1}/${opts.rounds} done`);
    }
    const bare = totals.get('bare')!;
    const bareRate = bare.ops / bare.seconds;
    const results = kinds.map((k) => {
      const t = totals.get(k.name)!;
      const rate = t.ops / t.seconds;
      return {
        name: k.name, label: k.label, opsPerSecond: Math.round(rate), ratioToBare: rate / bareRate,
        serverCpuMsPerOp: k.pid ? t.serverMs / t.ops : null, postgresCpuMsPerOp: t.pgMs / t.ops, loadGeneratorCpuMsPerOp: t.loadMs / t.ops,
      };
    });
    const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(3)} ms`);
    console.log(`\n| ${opts.rounds} × ${opts.seconds} s, ${opts.clients} clients | ops/s | ratio to the bare insert | server CPU / op | PostgreSQL CPU / op | load generator CPU / op |`);
    console.log('|---|---|---|---|---|---|');
    for (const r of results)
      console.log(`| ${r.label} | ${r.opsPerSecond.toLocaleString('en')} | ${(r.ratioToBare * 100).toFixed(1)} % | ${ms(r.serverCpuMsPerOp)} | ${ms(r.postgresCpuMsPerOp)} | ${ms(r.loadGeneratorCpuMsPerOp)} |`);
    const outDir = resolve(ROOT, 'bench/results');
    mkdirSync(outDir, { recursive: true });
    const file = resolve(outDir, `floor-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ opts, loadavg: loadavg(), results }, null, 2));
    log(`written ${file}`);
  } finally {
    devices.forEach((d) => d.close());
    for (const s of servers) s.child.kill('SIGTERM');
    await raw?.end();
    await new Promise((r) => setTimeout(r, 300));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
