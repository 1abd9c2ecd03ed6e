/**
 * `pnpm bench:flood` — an anonymous flood of leaderboards with random arguments, while /healthz
 * is polled: does the server's memory stay bounded, and does it keep answering its health check?
 *
 * The API is built (api only) and started as `pnpm serve` runs it (the same node flags), on a
 * fresh embedded PGlite database with demo data, or — with DATABASE_URL — on a new PostgreSQL
 * database created for the run (thidua_bench_flood_<time>, dropped at the end). Rate limits are
 * switched off (every request comes from this one address).
 *
 *   baseline  after a warm-up: the server's RSS at idle, and /healthz p50/p95 polled every 20 ms
 *             for --baseline-seconds with no other load
 *   flood     --requests anonymous `leaderboard` queries (default 10,000), --concurrency at once
 *             (200): random movement (the demo's active ones), scope, metric, first (1–500),
 *             from/to (none, inside, straddling or outside the movement), sometimes withinUnitId
 *             or phaseId, written inline (as an attacker would, so every query is a new document);
 *             meanwhile /healthz is polled every 20 ms on its own connection, from a worker thread
 *             (so this process's own busy event loop is not counted), and the server's RSS
 *             (/proc/<pid>/status VmRSS) every 100 ms; the peak is also read from VmHWM
 *   after     the RSS right after the flood and 5 s later
 *
 * Targets: RSS peak < 400 MB, /healthz p95 during the flood < 200 ms. Exits 1 when one is missed.
 *
 * Options: --requests N (10000) --concurrency N (200) --baseline-seconds N (5) --source (run
 * api/src/main.ts with tsx instead of the build) --keep-db.
 * Env: DATABASE_URL (a PostgreSQL server it may create a database on; unset → PGlite).
 * Results: a table on stdout and bench/results/flood-<date>.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../packages/db/src/index';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REQUESTS = option('requests', 10_000);
const CONCURRENCY = option('concurrency', 200);
const BASELINE_SECONDS = option('baseline-seconds', 5);
const SOURCE = args.includes('--source');
const KEEP_DB = args.includes('--keep-db');
const TARGET = { rssMb: 400, healthP95Ms: 200 };
const START_TIMEOUT_MS = 180_000;

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const mb = (kb: number) => Math.round(kb / 1024);

function procStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function post(agent: Agent, base: URL, path: string, body: string | null, timeoutMs = 120_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path, method: body === null ? 'GET' : 'POST', headers: body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', () => done({ status: 0, body: '', ms: performance.now() - started }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ status: 0, body: '', ms: performance.now() - started }));
    if (body !== null) req.write(body);
    req.end();
  });
}

const gql = (agent: Agent, base: URL, query: string) => post(agent, base, '/graphql', JSON.stringify({ query }));

// ---------------------------------------------------------------------------------------------
// the server

interface Running {
  child: ChildProcess;
  base: URL;
  pid: number;
  dataDir: string | null;
  database: string | null;
  /** what the server wrote (standard output and error) */
  output(): string;
}

/** Throws with the server's last lines when it is no longer running (it crashed or was killed). */
function assertRunning(s: Running, when: string): void {
  if (s.child.exitCode === null && s.child.signalCode === null) return;
  throw new Error(`the server stopped ${when} (exit ${s.child.exitCode}, signal ${s.child.signalCode}); its last output:\n${s.output().slice(-6000)}`);
}

async function createPgDatabase(url: string): Promise<string> {
  const name = `thidua_bench_flood_${Date.now()}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = await openDatabase({ url: adminUrl.toString(), max: 1 });
  await admin.db.execute(`CREATE DATABASE "${name}"`);
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropPgDatabase(url: string, dbUrl: string) {
  const name = new URL(dbUrl).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = await openDatabase({ url: adminUrl.toString(), max: 1 });
  await admin.db.execute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.close();
}

async function startServer(): Promise<Running> {
  const port = await freePort();
  const pgUrl = process.env.DATABASE_URL?.trim() || null;
  const database = pgUrl ? await createPgDatabase(pgUrl) : null;
  const dataDir = database ? null : mkdtempSync(join(tmpdir(), 'thidua-flood-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: '1',
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_USER: '0',
    NODE_ENV: 'development',
    ...(database ? { DATABASE_URL: database } : { DATA_DIR: dataDir!, DATABASE_URL: '' }),
  };
  const serveFlags = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: { serve: string } }).scripts.serve.split(/\s+/).filter((t) => t.startsWith('--'));
  let command: string[];
  if (SOURCE) {
    const tsxLoader = createRequire(resolve(ROOT, 'package.json')).resolve('tsx/esm');
    command = [...serveFlags, '--import', tsxLoader, '--conditions=source', 'api/src/main.ts'];
  } else {
    const build = spawnSync(process.execPath, ['build.mjs'], { cwd: resolve(ROOT, 'api'), stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the api build failed');
    command = [...serveFlags, 'api/dist/main.js'];
  }
  // the first start migrates and seeds the demo data; the measured one is a restart on that data
  for (const phase of ['seed', 'measured'] as const) {
    console.log(`${phase === 'seed' ? 'seeding' : 'starting'}: node ${command.join(' ')} (${database ? 'PostgreSQL' : 'PGlite'}, demo data)`);
    const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const base = new URL(`http://127.0.0.1:${port}`);
    const agent = new Agent({ keepAlive: false });
    const deadline = Date.now() + START_TIMEOUT_MS;
    let pid = 0;
    while (!pid && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server stopped:\n${log}`);
      const answer = await post(agent, base, '/healthz', null, 2_000);
      if (answer.status === 200) pid = (JSON.parse(answer.body) as { pid: number }).pid;
      else await new Promise((r) => setTimeout(r, 200));
    }
    if (!pid) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within ${START_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    const running: Running = { child, base, pid, dataDir, database, output: () => log };
    if (phase === 'measured') return running;
    await stopServer(running, false);
  }
  throw new Error('unreachable');
}

async function stopServer(s: Running, cleanUp = true) {
  if (s.child.exitCode === null) {
    s.child.kill('SIGTERM');
    await Promise.race([new Promise((r) => s.child.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }
  if (!cleanUp) return;
  if (s.dataDir) rmSync(s.dataDir, { recursive: true, force: true });
  if (s.database && !KEEP_DB) await dropPgDatabase(process.env.DATABASE_URL!.trim(), s.database);
}

// ---------------------------------------------------------------------------------------------
// random boards

interface MovementInfo {
  id: string;
  startsOn: string;
  endsOn: string;
  phases: { id: string }[];
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function randomBoard(movements: MovementInfo[], provinceIds: string[]): string {
  const m = pick(movements);
  const parts = [`movementId: "${m.id}"`, `scope: ${pick(['PROVINCE', 'COMMUNE', 'COMMUNE', 'UNIT'])}`, `metric: ${pick(['POINTS', 'POINTS_PER_1000', 'TARGET_COMPLETION'])}`, `first: ${int(1, 500)}`];
  const range = Math.random();
  if (m.phases.length && range < 0.1) parts.push(`phaseId: "${pick(m.phases).id}"`);
  else if (range < 0.75) {
    // inside, straddling either end, or (rarely) outside the movement
    const from = shift(m.startsOn, int(-20, 90));
    const to = shift(from, int(0, 60));
    if (Math.random() < 0.8) parts.push(`from: "${from}"`);
    parts.push(`to: "${to}"`);
  }
  if (provinceIds.length && Math.random() < 0.2) parts.push(`withinUnitId: "${pick(provinceIds)}"`);
  return `{ leaderboard(${parts.join(', ')}) { totalCount from to entries { rank points value unit { id name } } unranked { points reason } } }`;
}

// ---------------------------------------------------------------------------------------------
// measuring

/**
 * Polls /healthz from a worker thread with its own event loop, so the 200 requests in flight in
 * this process do not delay the poller's own timers and sockets: what is measured is the server.
 */
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { performance } = require('node:perf_hooks');
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const samples = [];
let failures = 0;
let stopped = false;
parentPort.on('message', () => { stopped = true; });
function poll() {
  return new Promise((done) => {
    const started = performance.now();
    const req = request({ agent, host: workerData.host, port: workerData.port, path: '/healthz', method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => done({ ok: res.statusCode === 200, ms: performance.now() - started }));
      res.on('error', () => done({ ok: false, ms: 0 }));
    });
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.on('error', () => done({ ok: false, ms: 0 }));
    req.end();
  });
}
(async () => {
  while (!stopped) {
    const a = await poll();
    if (a.ok) samples.push(a.ms); else failures++;
    await new Promise((r) => setTimeout(r, workerData.everyMs));
  }
  agent.destroy();
  parentPort.postMessage({ samples, failures });
})();
`;

function pollHealth(base: URL, everyMs: number) {
  const worker = new Worker(POLLER, { eval: true, workerData: { host: base.hostname, port: Number(base.port), everyMs } });
  const result = new Promise<{ samples: number[]; failures: number }>((done, reject) => {
    worker.once('message', done);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { samples, failures } = await result;
      await worker.terminate();
      const sorted = [...samples].sort((a, b) => a - b);
      return { polls: samples.length + failures, failures, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
    },
  };
}

function sampleRss(pid: number, everyMs: number) {
  let peakKb = 0;
  const timer = setInterval(() => {
    const s = procStatus(pid);
    if (s) peakKb = Math.max(peakKb, s.rssKb);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peakKb;
    },
  };
}

async function main() {
  mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
  const server = await startServer();
  let failed = false;
  try {
    const { base, pid } = server;
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const listed = await gql(agent, base, '{ movements(first: 50) { nodes { id status startsOn endsOn phases { id } } } }');
    const movements = (JSON.parse(listed.body) as { data: { movements: { nodes: (MovementInfo & { status: string })[] } } }).data.movements.nodes.filter((m) => m.status !== 'DRAFT');
    if (!movements.length) throw new Error(`no public movement in the demo data: ${listed.body.slice(0, 300)}`);
    const provinces = await gql(agent, base, `{ leaderboard(movementId: "${movements[0].id}", scope: PROVINCE, first: 50) { entries { unit { id } } } }`);
    const provinceIds = (JSON.parse(provinces.body) as { data?: { leaderboard: { entries: { unit: { id: string } }[] } } }).data?.leaderboard.entries.map((e) => e.unit.id) ?? [];

    // warm-up: the usual boards, once each
    for (const m of movements) for (const scope of ['PROVINCE', 'COMMUNE', 'UNIT']) await gql(agent, base, `{ leaderboard(movementId: "${m.id}", scope: ${scope}) { totalCount entries { rank unit { name } } } }`);
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = procStatus(pid)!;
    const baselineHealth = pollHealth(base, 20);
    await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
    const baseline = await baselineHealth.stop();
    console.log(`baseline: RSS ${mb(idle.rssKb)} MB at idle; /healthz p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms (${baseline.polls} polls)`);

    // the flood
    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    const health = pollHealth(base, 20);
    const rss = sampleRss(pid, 100);
    let next = 0;
    let done = 0;
    const started = performance.now();
    const progress = setInterval(() => {
      const s = procStatus(pid);
      process.stdout.write(`  ${done}/${REQUESTS} answered, RSS ${s ? mb(s.rssKb) : '?'} MB\n`);
    }, 5_000);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next++;
          const answer = await gql(agent, base, randomBoard(movements, provinceIds));
          latencies.push(answer.ms);
          let code = '';
          if (answer.status === 200 || answer.status === 400) {
            try {
              code = (JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? '';
            } catch {
              code = 'unparsable';
            }
          }
          const label = `${answer.status}${code ? ` ${code}` : ''}`;
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
          done++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(progress);
    assertRunning(server, 'during the flood');
    const during = await health.stop();
    const sampledPeakKb = rss.stop();
    const atEnd = procStatus(pid)!;
    await new Promise((r) => setTimeout(r, 5_000));
    const settled = procStatus(pid)!;
    agent.destroy();

    const peakKb = sampledPeakKb;
    const sortedLatency = latencies.sort((a, b) => a - b);
    const result = {
      date: new Date().toISOString(),
      engine: server.database ? 'postgresql' : 'pglite',
      server: SOURCE ? 'tsx api/src/main.ts' : 'api/dist/main.js',
      cpus: cpus().length,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      seconds: Number(seconds.toFixed(1)),
      answers: Object.fromEntries([...statuses].sort((a, b) => b[1] - a[1])),
      boardLatencyMs: { p50: Math.round(percentile(sortedLatency, 50)), p95: Math.round(percentile(sortedLatency, 95)) },
      baseline: { rssIdleMb: mb(idle.rssKb), healthz: { p50: Number(baseline.p50.toFixed(1)), p95: Number(baseline.p95.toFixed(1)), polls: baseline.polls } },
      flood: {
        rssPeakMb: mb(peakKb),
        /** VmHWM: the peak since the (re)start, warm-up included */
        rssHighWaterMb: mb(atEnd.hwmKb),
        rssEndMb: mb(atEnd.rssKb),
        rssAfter5sMb: mb(settled.rssKb),
        healthz: { p50: Number(during.p50.toFixed(1)), p95: Number(during.p95.toFixed(1)), max: Number(during.max.toFixed(1)), polls: during.polls, failures: during.failures },
      },
      targets: TARGET,
    };
    const rssOk = result.flood.rssPeakMb < TARGET.rssMb;
    const healthOk = during.p95 < TARGET.healthP95Ms && during.failures === 0;
    failed = !rssOk || !healthOk;
    const file = resolve(ROOT, `bench/results/flood-${result.date.slice(0, 19).replace(/:/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...result, met: { rss: rssOk, healthz: healthOk } }, null, 2));

    console.log(`\n${REQUESTS} anonymous boards, ${CONCURRENCY} at once, ${result.engine}, ${result.server}: ${result.seconds} s (${Math.round(REQUESTS / seconds)}/s), board p50 ${result.boardLatencyMs.p50} ms, p95 ${result.boardLatencyMs.p95} ms`);
    console.log(`answers: ${Object.entries(result.answers).map(([k, v]) => `${k} × ${v}`).join(', ')}`);
    console.log('');
    console.log('                      baseline     flood        target');
    console.log(`RSS (MB)              ${String(result.baseline.rssIdleMb).padEnd(12)} peak ${String(result.flood.rssPeakMb).padEnd(7)} < ${TARGET.rssMb}   ${rssOk ? 'met' : 'MISSED'}`);
    console.log(`                                   end ${result.flood.rssEndMb}, +5 s ${result.flood.rssAfter5sMb}`);
    console.log(`/healthz p50 (ms)     ${String(result.baseline.healthz.p50).padEnd(12)} ${result.flood.healthz.p50}`);
    console.log(`/healthz p95 (ms)     ${String(result.baseline.healthz.p95).padEnd(12)} ${String(result.flood.healthz.p95).padEnd(12)} < ${TARGET.healthP95Ms}   ${healthOk ? 'met' : 'MISSED'}`);
    console.log(`/healthz max (ms)                  ${result.flood.healthz.max} (${during.polls} polls, ${during.failures} failed)`);
    console.log(`\nresults: ${file}`);
  } finally {
    await stopServer(server);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
