/**
 * `pnpm bench:live` — leaderboard reads while approvals stream in, through GraphQL over HTTP.
 *
 *   readers     50 anonymous readers (keep-alive, one request at a time each; each reads a board every
 *               100 ms, 500 reads/s in all, or as soon as its previous read answered when it is late) over the six boards
 *               of `pnpm bench:leaderboard`: top-50 provinces, top-50 communes (national), top-50
 *               communes of the province with most communes, communes per 1,000, around-me (a
 *               mid-ranked commune), communes over a 14-day range
 *   phases      (0) no writes: the baseline of the same run; then approvals streamed at (1) 20/s and
 *               (2) 100/s: `reviewActivity(approve: true)` by a LEADER of the whole country (own
 *               session) on SUBMITTED activities made beforehand, spread over the units, dated in the
 *               movement's last week. Open loop: an approval is sent on the schedule whether or not
 *               the previous ones have answered (at most 200 in flight; the rest count as missed)
 *   misses      then, with no writes: the national commune board after a points change (the
 *               server announces one for a unit, as an approval does: the cached board is brought up
 *               to date), one request at a time; and, as the same-run baseline, after a change that
 *               names no units (the board is ranked in full)
 *   report      board p50/p95 per board and phase, approval latency p50/p95, approvals achieved/s
 *
 * Targets (exit 1 when one is missed): board p95 ≤ 5 ms with no writes, ≤ 20 ms at 100
 * approvals/s (every board), national commune board miss p95 ≤ 10 ms; approvals achieved ≥ 90 %
 * of the rate asked for.
 *
 *   full     (default) on the `pnpm bench:seed` national dataset, DATABASE_URL as bench:leaderboard
 *            (postgres://postgres@127.0.0.1:5432/thidua_bench_national); exits 2 when it is not there
 *            (it never seeds 10 M activities by itself). 60 s per phase.
 *   --quick  seeds its own small dataset (bench/seed.ts, 500,000 activities, ~25,000 units) into
 *            database thidua_bench_live_quick on the same server (kept between runs; --fresh
 *            reseeds it), 20 s per phase: about 3 minutes with the seed, 1.5 without.
 *
 * Options: --seconds N per phase, --readers N (50), --read-interval MS (100; 0: flat out, closed loop),
 *          --rates A,B (20,100), --miss-samples N (30),
 *          --freshness MS (the server's PUBLIC_FRESHNESS_MS: 0, exact, by default; 1000 is what a
 *          campaign would run with), --fresh (quick: reseed), --profile (the server's CPU profile of each phase, written to
 *          bench/results/prof/live-<phase>.cpuprofile and summarized: for diagnosis, slower),
 *          --queries (the statements the server sent to PostgreSQL per phase, most sent first, with
 *          their mean wall time), --workers N (the API as N node:cluster workers sharing the port,
 *          live events through Redis: REDIS_URL, default redis://127.0.0.1:6379; 1 by default)
 * Env: DATABASE_URL (full: the national database; quick: any database of the server to use).
 * Results: a table on stdout and bench/results/live-<date>.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase, users } from '../packages/db/src/index';
import { hashPassword } from '../api/src/modules/auth/password';
import { summarizeProfile } from './profile-summary';
import { deployedNodeFlags, productionEnv } from './deployed';
import { DEFAULT_NATIONAL_URL, NATIONAL_MOVEMENT, RESULTS_DIR, ROOT, databaseName, postgres, readSeedMarker, stamp } from './national';

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv: string[]) {
  const opts = { quick: false, seconds: 0, readers: 50, readInterval: 100, rates: [20, 100], missSamples: 30, fresh: false, profile: false, queries: false, workers: 1, freshness: Number(process.env.PUBLIC_FRESHNESS_MS ?? 0) || 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const num = (name: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
      return n;
    };
    switch (flag) {
      case '--quick': opts.quick = true; break;
      case '--seconds': opts.seconds = num(flag); break;
      case '--readers': opts.readers = Math.round(num(flag)); break;
      case '--read-interval': { const v = Number(value()); if (!Number.isFinite(v) || v < 0) throw new Error('--read-interval needs a number ≥ 0'); opts.readInterval = v; break; }
      case '--miss-samples': opts.missSamples = Math.round(num(flag)); break;
      case '--rates': {
        const rates = String(value()).split(',').map(Number);
        if (!rates.length || rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 1000)) throw new Error('--rates takes numbers 1…1000, e.g. 20,100');
        opts.rates = rates;
        break;
      }
      case '--fresh': opts.fresh = true; break;
      case '--workers': { const v = Number(value()); if (!Number.isInteger(v) || v < 1 || v > 16) throw new Error('--workers takes 1…16 (API processes)'); opts.workers = v; break; }
      case '--profile': opts.profile = true; break;
      case '--queries': opts.queries = true; break;
      case '--freshness': { const v = Number(value()); if (!Number.isInteger(v) || v < 0 || v > 10_000) throw new Error('--freshness takes 0…10000 (ms)'); opts.freshness = v; break; }
      case '--': break;
      case '--help': case '-h':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!opts.seconds) opts.seconds = opts.quick ? 20 : 60;
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const M = NATIONAL_MOVEMENT;
const QUICK_DB = 'thidua_bench_live_quick';
const QUICK_SEED = ['--activities', '500000', '--units', '25000', '--chunk-size', '250000'];
const TARGET = { noWritesP95: 5, writesP95: 20, missP95: 10, achieved: 0.9 };
const MAX_IN_FLIGHT = 200;
const PASSWORD = 'bench-live-2026';
const log = (...args: unknown[]) => console.error('[bench]', ...args);
const requireFromRoot = createRequire(resolve(ROOT, 'package.json'));

function databaseUrl(): string {
  const given = process.env.DATABASE_URL?.trim();
  if (!opts.quick) return given || DEFAULT_NATIONAL_URL;
  const u = new URL(given || DEFAULT_NATIONAL_URL);
  u.pathname = `/${QUICK_DB}`;
  return u.toString();
}
const url = databaseUrl();

// ---------------------------------------------------------------------------------------------
// statistics

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
interface Summary { n: number; p50: number; p95: number; p99: number; max: number }
function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s.at(-1) ?? NaN) };
}

// ---------------------------------------------------------------------------------------------
// the server: bench/leaderboard-server.ts (bench/server.ts + a route that announces a points change)

/** url: the API; control: where /__bench/ operations go (the cluster's primary with --workers > 1) */
interface ServerChild { url: string; control: string; child: ChildProcess; stop(): Promise<void> }

async function startServer(databaseUrl: string): Promise<ServerChild> {
  const tsxLoader = pathToFileURL(requireFromRoot.resolve('tsx')).href;
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...deployedNodeFlags(ROOT), ...nodeArgs, '--import', tsxLoader, '--conditions=source', resolve(ROOT, 'bench/leaderboard-server.ts')], {
    cwd: ROOT,
    // as deployed: NODE_ENV=production, throwaway keys, the serve script's Node flags
    env: {
      ...process.env,
      ...productionEnv(),
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: '0',
      BENCH_QUERY_LOG: opts.queries ? '1' : '0',
      PUBLIC_FRESHNESS_MS: String(opts.freshness),
      // --workers N: N node:cluster workers sharing the port, live events through Redis, as `pnpm serve` runs them
      WORKERS: String(opts.workers),
      ...(opts.workers > 1 ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
      // 50 readers from one address and 100 approvals/s from one leader are the load, not abuse
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_USER: '0',
      // the 503s of an overloaded server are counted here, not logged line by line
      LOG_LEVEL: 'error',
      TSX_TSCONFIG_PATH: resolve(ROOT, 'bench/tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let control = '';
  const serverUrl = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('server did not start within 90 s')), 90_000);
    lines.on('line', (line) => {
      const c = /^BENCH_CONTROL_URL=(.+)$/.exec(line);
      if (c) control = c[1].replace(/\/$/, '');
      const m = /^BENCH_SERVER_URL=(.+)$/.exec(line);
      if (c || /^BENCH_WORKER_PIDS=/.test(line)) return;
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].replace(/\/$/, ''));
      } else if (line.trim()) console.error('[server]', line);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening`));
    });
  });
  return {
    url: serverUrl,
    control: control || serverUrl,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

function post(agent: Agent, base: string, path: string, body: string, cookie?: string): Promise<{ status: number; text: string; cookies: string[] }> {
  return new Promise((resolvePost, reject) => {
    const u = new URL(path, base);
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (cookie) headers.cookie = cookie;
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePost({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), cookies: [res.headers['set-cookie'] ?? []].flat() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const failed = (status: number, text: string) => status !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[');

// ---------------------------------------------------------------------------------------------
// boards

interface Board { key: string; label: string; body: string }
const ENTRY_FIELDS = 'totalCount frozen from to previousFrom previousTo entries { rank previousRank rankChange points value classes attendees assists unit { id code name fullName population } }';
const RANGE = { from: '2026-10-05', to: '2026-10-18' };
const boardBody = (args: string) => JSON.stringify({ query: `{ leaderboard(movementId: "${M.id}", ${args}) { ${ENTRY_FIELDS} } }` });

// ---------------------------------------------------------------------------------------------
// dataset

async function quickSeed(): Promise<void> {
  const tsxCli = requireFromRoot.resolve('tsx/cli');
  const args = [tsxCli, '--conditions=source', resolve(ROOT, 'bench/seed.ts'), ...QUICK_SEED, ...(opts.fresh ? ['--fresh'] : [])];
  log(`seeding ${QUICK_DB} (bench/seed.ts ${QUICK_SEED.join(' ')}${opts.fresh ? ' --fresh' : ''}; an existing finished seed is kept)`);
  const code = await new Promise<number | null>((r) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (c) => r(c));
  });
  if (code !== 0) throw new Error(`bench/seed.ts exited ${code}`);
}

interface Fixtures { province: { id: number; name: string; communes: number }; mid: { id: number; name: string; rank: number; communes: number } }

async function fixtures(sql: ReturnType<typeof postgres>): Promise<Fixtures> {
  const [province] = await sql<{ id: number; name: string; communes: number }[]>`
    select p.id, p.full_name as name, count(c.id)::int as communes from units p join units c on c.parent_id = p.id and c.kind = 'COMMUNE'
    where p.kind = 'PROVINCE' group by p.id order by count(c.id) desc, p.id limit 1`;
  const [mid] = await sql<{ id: number; name: string; rank: number; communes: number }[]>`
    with pts as (
      select c.id, c.full_name, coalesce(a.points, 0) as points
      from units c left join area_movement_totals a on a.area_unit_id = c.id and a.movement_id = ${M.id}
      where c.kind = 'COMMUNE')
    select id, full_name as name, rnk::int as rank, n::int as communes from (
      select id, full_name, row_number() over (order by points desc, id) as rnk, count(*) over () as n from pts) x
    where rnk = (n + 1) / 2`;
  return { province, mid };
}

/**
 * A LEADER of the whole country (unit 1) and `count` SUBMITTED assists (VNeID level 2) on random
 * competing units, dated in the movement's last week (after the "a week ago" of the whole-movement
 * board). Tagged with this run's id, approved in a random order.
 */
async function prepareWrites(count: number, runId: string): Promise<string[]> {
  const database = await openDatabase({ url, max: 2 });
  try {
    await database.db
      .insert(users)
      .values({ username: 'bench_live_leader', displayName: 'Lãnh đạo (bench:live)', role: 'LEADER', unitId: 1, passwordHash: await hashPassword(PASSWORD) })
      .onConflictDoNothing();
  } finally {
    await database.close();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`
      with u as (select array_agg(id) as ids from units where kind in ('COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'))
      insert into activities (id, movement_id, unit_id, kind, status, occurred_on, service, priority_groups, details, fingerprint, recorded_at)
      select gen_random_uuid(), ${M.id}, u.ids[1 + floor(random() * cardinality(u.ids))::int], 'ASSIST', 'SUBMITTED', ${M.endsOn}::date - (g % 7),
             'VNEID_L2', '{}', '{"note": null, "helper": null}'::jsonb, ${`bench-live:${runId}:`} || g, now()
      from generate_series(1, ${count}) g cross join u
      returning id`;
    return rows.map((r) => r.id).sort(() => Math.random() - 0.5);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// ---------------------------------------------------------------------------------------------
// the load

interface PhaseResult { name: string; rate: number; seconds: number; boards: Record<string, Summary>; readErrors: number; approvals?: { asked: number; ok: number; errors: number; missed: number; perSecond: number; latency: Summary } }

async function runPhase(base: string, boards: Board[], name: string, rate: number, queue: string[], leaderCookie: string): Promise<PhaseResult> {
  const readerAgent = new Agent({ keepAlive: true, maxSockets: opts.readers });
  const writerAgent = new Agent({ keepAlive: true, maxSockets: 32 });
  const latencies = new Map(boards.map((b) => [b.key, [] as number[]]));
  let readErrors = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const readers = Array.from({ length: opts.readers }, async (_, r) => {
    // each reader reads a board every readInterval ms (spread over the interval), or flat out when 0
    const offset = (r * opts.readInterval) / opts.readers;
    for (let n = r, k = 0; performance.now() < deadline; n++, k++) {
      const wait = started + offset + k * opts.readInterval - performance.now();
      if (wait > 0) await new Promise((w) => setTimeout(w, wait));
      if (performance.now() >= deadline) break;
      const b = boards[n % boards.length];
      const t0 = performance.now();
      try {
        const res = await post(readerAgent, base, '/graphql', b.body);
        if (failed(res.status, res.text)) {
          readErrors++;
          if (readErrors <= 3) log(`${name}: read error: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        } else latencies.get(b.key)!.push(performance.now() - t0);
      } catch (error) {
        readErrors++;
        if (readErrors <= 3) log(`${name}: read error: ${(error as Error).message}`);
      }
    }
  });
  // approvals: open loop on a fixed schedule
  const approvalMs: number[] = [];
  let asked = 0;
  let ok = 0;
  let errors = 0;
  let missed = 0;
  let inFlight = 0;
  const sent: Promise<void>[] = [];
  const writer = (async () => {
    if (!rate) return;
    const interval = 1000 / rate;
    for (let i = 0; ; i++) {
      const at = started + i * interval;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      asked++;
      const id = queue.shift();
      if (!id || inFlight >= MAX_IN_FLIGHT) {
        missed++;
        continue;
      }
      inFlight++;
      sent.push(
        (async () => {
          const t0 = performance.now();
          try {
            const res = await post(writerAgent, base, '/graphql', JSON.stringify({ query: 'mutation ($id: ID!) { reviewActivity(id: $id, approve: true) { id status } }', variables: { id } }), leaderCookie);
            if (failed(res.status, res.text)) {
              if (errors++ < 3) log(`approval failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
            } else {
              ok++;
              approvalMs.push(performance.now() - t0);
            }
          } catch (e) {
            if (errors++ < 3) log(`approval failed: ${String(e)}`);
          } finally {
            inFlight--;
          }
        })(),
      );
    }
  })();
  await Promise.all([...readers, writer]);
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(sent);
  readerAgent.destroy();
  writerAgent.destroy();
  const result: PhaseResult = { name, rate, seconds: Math.round(elapsed * 10) / 10, boards: {}, readErrors };
  for (const b of boards) result.boards[b.key] = summarize(latencies.get(b.key)!);
  if (rate) result.approvals = { asked, ok, errors, missed, perSecond: Math.round((ok / elapsed) * 10) / 10, latency: summarize(approvalMs) };
  return result;
}

/** The national commune board right after a points change: one reader, one request at a time. */
async function measureMisses(base: string, body: string, unitIds: number[] | null): Promise<Summary> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const ms: number[] = [];
  try {
    for (let i = 0; i < opts.missSamples + 2; i++) {
      // announced as an approval of one unit's activity announces it
      // without units: a change that names none (a rule version applied), so the board is ranked in full
      const clear = await post(agent, base, `/__bench/leaderboard-cache/clear?movementId=${M.id}${unitIds ? `&unitId=${unitIds[i % unitIds.length]}` : ''}`, '');
      if (clear.status !== 200) throw new Error(`cache clear: HTTP ${clear.status}`);
      const t0 = performance.now();
      const res = await post(agent, base, '/graphql', body);
      if (failed(res.status, res.text)) throw new Error(`miss: HTTP ${res.status} ${res.text.slice(0, 200)}`);
      if (i >= 2) ms.push(performance.now() - t0);
    }
  } finally {
    agent.destroy();
  }
  return summarize(ms);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const dbName = databaseName(url);
  if (opts.quick) await quickSeed();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const marker = await readSeedMarker(sql, dbName).catch(() => null);
  if (!marker) {
    await sql.end({ timeout: 5 });
    console.error(`bench:live: ${dbName} holds no finished bench:seed dataset (DATABASE_URL=${url.replace(/\/\/[^@/]*@/, '//…@')}).\n` +
      `Seed it first with \`pnpm bench:seed\` (10 M activities, long), or run \`pnpm bench:live --quick\`, which seeds a small dataset of its own.`);
    process.exit(2);
  }
  log(`dataset ${dbName}: ${marker.activities.toLocaleString('en')} activities, ${marker.units.toLocaleString('en')} units`);
  // datasets seeded before the seed analyzed the area rollups: without statistics (autovacuum may
  // be off, as on the development host) their board updates were planned as reads of whole periods
  const unanalyzed = await sql<{ relname: string }[]>`
    select relname from pg_stat_user_tables
    where relname in ('area_daily_totals', 'area_movement_totals') and last_analyze is null and last_autoanalyze is null`;
  for (const t of unanalyzed) await sql.unsafe(`analyze ${t.relname}`);
  if (unanalyzed.length) log(`analyzed ${unanalyzed.map((t) => t.relname).join(', ')} (no statistics yet)`);
  const fx = await fixtures(sql);
  await sql.end({ timeout: 5 });
  const boards: Board[] = [
    { key: 'provinces', label: 'top-50 provinces', body: boardBody('scope: PROVINCE, first: 50') },
    { key: 'communes', label: 'top-50 communes (national)', body: boardBody('scope: COMMUNE, first: 50') },
    { key: 'communesInProvince', label: `top-50 communes in province`, body: boardBody(`scope: COMMUNE, withinUnitId: "${fx.province.id}", first: 50`) },
    { key: 'per1000', label: 'top-50 communes per 1,000', body: boardBody('scope: COMMUNE, metric: POINTS_PER_1000, first: 50') },
    { key: 'aroundMe', label: `around-me (rank ${fx.mid.rank})`, body: boardBody(`scope: COMMUNE, aroundUnitId: "${fx.mid.id}"`) },
    { key: 'customRange', label: `communes ${RANGE.from.slice(5)}…${RANGE.to.slice(5)}`, body: boardBody(`scope: COMMUNE, from: "${RANGE.from}", to: "${RANGE.to}", first: 50`) },
  ];

  const runId = randomUUID().slice(0, 8);
  const needed = Math.ceil(opts.rates.reduce((n, r) => n + r * opts.seconds, 0) * 1.1);
  const t0 = performance.now();
  const queue = await prepareWrites(needed, runId);
  log(`${queue.length.toLocaleString('en')} SUBMITTED activities made in ${((performance.now() - t0) / 1000).toFixed(1)} s (run ${runId})`);

  const server = await startServer(url);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      server.child.kill('SIGKILL');
      process.exit(130);
    });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100), loadavgAtEnd: [] as number[], node: process.version };
  const phases: PhaseResult[] = [];
  let misses: Summary;
  let fullRanks: Summary;
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const login = await post(agent, server.url, '/graphql', JSON.stringify({ query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: 'bench_live_leader', p: PASSWORD } }));
    const cookie = login.cookies.find((c) => c.startsWith('thidua_session='))?.split(';')[0];
    if (failed(login.status, login.text) || !cookie) throw new Error(`leader login: HTTP ${login.status} ${login.text.slice(0, 200)}`);
    // every board answers (and is warm) before anything is timed
    for (const b of boards) {
      const res = await post(agent, server.url, '/graphql', b.body);
      if (failed(res.status, res.text) || !JSON.parse(res.text).data.leaderboard.entries.length) throw new Error(`${b.label}: ${res.text.slice(0, 300)}`);
    }
    agent.destroy();
    log(`server ${server.url}; ${opts.readers} readers, ${opts.seconds} s per phase`);
    const profiled = async <T extends PhaseResult>(name: string, run: () => Promise<T>): Promise<T> => {
      if (!opts.queries) return profiledOnly(name, run);
      const agent = new Agent({ keepAlive: false });
      await post(agent, server.control, '/__bench/queries/reset', '');
      const result = await profiledOnly(name, run);
      const { statements } = JSON.parse(await (await fetch(new URL('/__bench/queries', server.control))).text()) as { statements: { text: string; count: number; ms: number }[] };
      agent.destroy();
      const approvals = Math.max(1, Math.round((result.approvals?.perSecond ?? 0) * opts.seconds));
      const total = statements.reduce((n, st) => n + st.count, 0);
      log(`statements ${name}: ${total} (${(total / opts.seconds).toFixed(0)}/s${result.approvals ? `, ${(total / approvals).toFixed(1)} per approval` : ''}); most sent:`);
      for (const st of [...statements].sort((a, b) => b.count - a.count).slice(0, 30)) log(`  ${String(st.count).padStart(7)}  ${(st.ms / st.count).toFixed(2).padStart(7)} ms  ${st.text.slice(0, 140)}`);
      return result;
    };
    const profiledOnly = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      if (!opts.profile) return run();
      const agent = new Agent({ keepAlive: false });
      await post(agent, server.control, '/__bench/profile/start', '');
      try {
        return await run();
      } finally {
        const stopped = await post(agent, server.control, `/__bench/profile/stop?name=live-${name.replace(/\W+/g, '-')}`, '');
        // with --workers, the first worker's profile (each worker writes its own)
        const file = (JSON.parse(stopped.text) as { file?: string }).file ?? resolve(ROOT, `bench/results/prof/live-${name.replace(/\W+/g, '-')}.cpuprofile`);
        const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), ROOT);
        log(`profile ${name}: busy ${Math.round(summary.totalMs)} ms of ${opts.seconds * 1000}; project (inclusive): ${summary.projectInclusive.slice(0, 12).map((f) => `${f.name} ${Math.round(f.share * 100)}%`).join(', ')}`);
        log(`profile ${name}: by area: ${summary.byArea.slice(0, 8).map((a) => `${a.area} ${Math.round(a.share * 100)}%`).join(', ')}`);
        log(`profile ${name}: self: ${summary.selfTop.slice(0, 12).map((f) => `${f.name} ${Math.round(f.share * 100)}%`).join(', ')}`);
        agent.destroy();
      }
    };
    phases.push(await profiled('no writes', () => runPhase(server.url, boards, 'no writes', 0, queue, cookie)));
    log(`no writes: communes p95 ${phases[0].boards.communes.p95} ms`);
    for (const rate of opts.rates) {
      const p = await profiled(`${rate} approvals per s`, () => runPhase(server.url, boards, `${rate} approvals/s`, rate, queue, cookie));
      phases.push(p);
      log(`${p.name}: communes p95 ${p.boards.communes.p95} ms; approvals ${p.approvals!.perSecond}/s, p95 ${p.approvals!.latency.p95} ms, errors ${p.approvals!.errors}, missed ${p.approvals!.missed}`);
    }
    misses = await measureMisses(server.url, boards[1].body, [fx.mid.id, fx.province.id]);
    log(`national commune board miss: p50 ${misses.p50} ms, p95 ${misses.p95} ms`);
    fullRanks = await measureMisses(server.url, boards[1].body, null);
    log(`national commune board ranked in full: p50 ${fullRanks.p50} ms, p95 ${fullRanks.p95} ms`);
  } finally {
    await server.stop();
  }
  machine.loadavgAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);

  // ---- the table
  const f = (x: number | undefined) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(1));
  console.log(`\nbench:live${opts.quick ? ' --quick' : ''} — ${dbName}: ${marker.activities.toLocaleString('en')} activities, ${marker.units.toLocaleString('en')} units; ` +
    `${opts.readers} readers${opts.readInterval ? ` (a read each every ${opts.readInterval} ms)` : ' (flat out)'}, ${opts.seconds} s per phase, PUBLIC_FRESHNESS_MS=${opts.freshness}; ${machine.cpus} CPUs, load avg ${machine.loadavgAtStart.join('/')} → ${machine.loadavgAtEnd.join('/')}`);
  console.log(`\nboard p50 / p95 (ms)              ${phases.map((p) => p.name.padStart(17)).join('  ')}`);
  for (const b of boards) console.log(`${b.label.padEnd(32)}  ${phases.map((p) => `${f(p.boards[b.key].p50).padStart(7)} / ${f(p.boards[b.key].p95).padStart(7)}`).join('  ')}`);
  console.log(`${'reads (all boards, req/s)'.padEnd(32)}  ${phases.map((p) => f(Object.values(p.boards).reduce((n, s) => n + s.n, 0) / p.seconds).padStart(17)).join('  ')}`);
  console.log(`${'read errors'.padEnd(32)}  ${phases.map((p) => String(p.readErrors).padStart(17)).join('  ')}`);
  console.log(`\napprovals                    asked/s  achieved/s   p50 (ms)   p95 (ms)   errors  missed`);
  for (const p of phases.filter((x) => x.approvals)) {
    const a = p.approvals!;
    console.log(`${p.name.padEnd(26)}  ${f(p.rate).padStart(8)}  ${f(a.perSecond).padStart(10)}  ${f(a.latency.p50).padStart(9)}  ${f(a.latency.p95).padStart(9)}  ${String(a.errors).padStart(7)}  ${String(a.missed).padStart(6)}`);
  }
  console.log(`\nnational commune board, first read after a points change (${misses.n} samples, no other load): p50 ${f(misses.p50)} ms, p95 ${f(misses.p95)} ms, max ${f(misses.max)} ms`);
  console.log(`the same board ranked in full (a change naming no units; same run, the baseline): p50 ${f(fullRanks.p50)} ms, p95 ${f(fullRanks.p95)} ms, max ${f(fullRanks.max)} ms — update/full p50 ${f((misses.p50 / fullRanks.p50) * 100)} %`);

  const checks: { what: string; value: number; target: number; ok: boolean }[] = [];
  const worst = (p: PhaseResult) => Math.max(...Object.values(p.boards).map((s) => s.p95));
  checks.push({ what: 'board p95, no writes (worst board)', value: worst(phases[0]), target: TARGET.noWritesP95, ok: worst(phases[0]) <= TARGET.noWritesP95 });
  const top = phases.find((p) => p.rate === 100) ?? phases.at(-1)!;
  if (top.rate) {
    checks.push({ what: `board p95 at ${top.rate} approvals/s (worst board)`, value: worst(top), target: TARGET.writesP95, ok: worst(top) <= TARGET.writesP95 });
    const ratio = top.approvals!.perSecond / top.rate;
    checks.push({ what: `approvals achieved at ${top.rate}/s (share of asked)`, value: Math.round(ratio * 100) / 100, target: TARGET.achieved, ok: ratio >= TARGET.achieved });
  }
  checks.push({ what: 'national commune board miss p95', value: misses.p95, target: TARGET.missP95, ok: misses.p95 <= TARGET.missP95 });
  console.log('\ntargets');
  for (const c of checks) console.log(`  ${c.ok ? 'ok    ' : 'MISSED'}  ${c.what}: ${c.value} (target ${c.what.includes('share') ? '≥' : '≤'} ${c.target})`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resolve(RESULTS_DIR, `live-${stamp()}.json`);
  writeFileSync(file, JSON.stringify({ kind: 'bench:live', at: new Date().toISOString(), quick: opts.quick, database: dbName, dataset: marker, options: opts, machine, fixtures: fx, boards: boards.map(({ key, label }) => ({ key, label })), phases, misses, fullRanks, checks }, null, 2));
  console.log(`\nwritten ${relative(ROOT, file)}`);
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
