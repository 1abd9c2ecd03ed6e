/**
 * `pnpm bench:startup` — how long a restart takes before the API answers again, on an existing
 * PostgreSQL database: from spawning the process to the first successful `{ __typename }` POST to
 * /graphql (polled every 10 ms).
 *
 *   new:   node <the serve script's flags> api/dist/main.js   (what `pnpm serve` runs)
 *   pnpm:  `pnpm serve` itself (the same, plus pnpm's own start-up)
 *   old:   tsx --single-threaded-gc --conditions=source src/main.ts in api/ (how `pnpm start` ran
 *          the API before the production build, without its web build; today's sources)
 *
 * The API bundle is rebuilt first (api only, ~0.2 s), then the built server starts once on a fresh
 * database to migrate and load the reference data (reported as "first start"), then the three
 * variants alternate for --restarts N rounds (default 5), so the machine's noise falls on all alike.
 * The new server's resident memory (VmRSS) is read when it first answers. The server runs as
 * deployed (NODE_ENV=production, throwaway keys, no demo data).
 *
 * Options: --restarts N (5), --keep-db, --existing (DATABASE_URL is the database to start on, e.g.
 * the national dataset of `pnpm bench:seed`: nothing is created or dropped), --board MOVEMENT_ID
 * (after each start of the built server, also the time until the first answer of that movement's
 * national commune board, top 50: what a visitor waits for right after a restart; informational).
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a server it may create a
 * database on (thidua_bench_startup_<time>, dropped at the end), or with --existing the database itself.
 * Results: a table on stdout and bench/results/startup-<date>.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { productionEnv } from './deployed';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../packages/db/src/index';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RESTARTS = option('restarts', 5);
const KEEP_DB = args.includes('--keep-db');
const EXISTING = args.includes('--existing');
const BOARD = (() => {
  const i = args.indexOf('--board');
  if (i < 0) return null;
  const id = args[i + 1] ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('--board needs a movement id (uuid)');
  return id;
})();
const TIMEOUT_MS = 60_000;

interface Variant {
  name: 'new' | 'pnpm' | 'old';
  command: string;
  args: string[];
  cwd: string;
}

const tsxCli = createRequire(resolve(ROOT, 'package.json')).resolve('tsx/cli');
const serveFlags = (JSON.parse(readFileSync(resolve(ROOT, 'api/package.json'), 'utf8')) as { scripts: { serve: string } }).scripts.serve.split(/\s+/).filter((t) => t.startsWith('--'));
const VARIANTS: Variant[] = [
  { name: 'new', command: process.execPath, args: [...serveFlags, 'api/dist/main.js'], cwd: ROOT },
  { name: 'pnpm', command: 'pnpm', args: ['--silent', 'serve'], cwd: ROOT },
  { name: 'old', command: process.execPath, args: [tsxCli, '--single-threaded-gc', '--conditions=source', 'src/main.ts'], cwd: resolve(ROOT, 'api') },
];

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function serverEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...productionEnv('https://thidua.example.test'),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: '0',
    WORKERS: '1',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok && ((await response.json()) as { data?: { __typename?: string } }).data?.__typename === 'Query';
  } catch {
    return false;
  }
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  // the whole process group: pnpm does not pass SIGTERM on to the server it started
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Spawns one variant and returns the milliseconds until /graphql answered (and the RSS then). */
async function firstBoard(port: number, movementId: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($m: ID!) { leaderboard(movementId: $m, scope: COMMUNE, first: 50) { totalCount entries { rank points unit { id name } } } }', variables: { m: movementId } }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await response.json()) as { data?: { leaderboard?: { totalCount: number } }; errors?: unknown };
  if (!body.data?.leaderboard?.totalCount) throw new Error(`the board did not answer: ${JSON.stringify(body).slice(0, 300)}`);
}

async function startOnce(variant: Variant, databaseUrl: string): Promise<{ ms: number; rssMb: number | null; boardMs: number | null }> {
  const port = await freePort();
  let output = '';
  const started = performance.now();
  const child = spawn(variant.command, variant.args, { cwd: variant.cwd, env: serverEnv(databaseUrl, port), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  try {
    for (;;) {
      if (await answers(port)) break;
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${variant.name} did not answer within ${TIMEOUT_MS} ms:\n${output}`);
      await sleep(10);
    }
    const ms = performance.now() - started;
    const rss = variant.name === 'new' ? rssMb(child.pid!) : null;
    let boardMs: number | null = null;
    if (BOARD && variant.name === 'new') {
      await firstBoard(port, BOARD);
      boardMs = performance.now() - started;
    }
    return { ms, rssMb: rss, boardMs };
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const baseUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = EXISTING ? new URL(baseUrl).pathname.slice(1) : `thidua_bench_startup_${Date.now()}`;
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = '/postgres';
  const databaseUrl = new URL(baseUrl);
  databaseUrl.pathname = `/${dbName}`;

  console.log('building the API bundle (node api/build.mjs)…');
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: resolve(ROOT, 'api'), stdio: 'inherit' });
  if (build.status !== 0) throw new Error('api build failed');

  const admin = await openDatabase({ url: adminUrl.toString(), max: 1 });
  if (!EXISTING) await admin.db.execute(`CREATE DATABASE "${dbName}"`);
  try {
    const first = await startOnce(VARIANTS[0], databaseUrl.toString());
    console.log(`first start (${EXISTING ? `existing database ${dbName}` : 'migrate + reference data'}, built server): ${first.ms.toFixed(0)} ms`);

    const times: Record<Variant['name'], number[]> = { new: [], pnpm: [], old: [] };
    const rss: number[] = [];
    const boards: number[] = [];
    for (let round = 1; round <= RESTARTS; round++) {
      for (const variant of VARIANTS) {
        const r = await startOnce(variant, databaseUrl.toString());
        times[variant.name].push(r.ms);
        if (r.rssMb != null) rss.push(r.rssMb);
        if (r.boardMs != null) boards.push(r.boardMs);
      }
      console.log(`round ${round}/${RESTARTS}: ${VARIANTS.map((v) => `${v.name} ${times[v.name].at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }

    const summary = Object.fromEntries(
      VARIANTS.map((v) => [v.name, { medianMs: Math.round(median(times[v.name])), minMs: Math.round(Math.min(...times[v.name])), maxMs: Math.round(Math.max(...times[v.name])), runs: times[v.name].map(Math.round) }]),
    ) as Record<Variant['name'], { medianMs: number; minMs: number; maxMs: number; runs: number[] }>;
    const ratio = summary.old.medianMs / summary.new.medianMs;
    console.log('\nrestart → first answer of /graphql, on an existing PostgreSQL database');
    console.log('variant  median     min     max');
    for (const v of VARIANTS) console.log(`${v.name.padEnd(6)} ${String(summary[v.name].medianMs).padStart(6)} ms ${String(summary[v.name].minMs).padStart(5)} ms ${String(summary[v.name].maxMs).padStart(5)} ms`);
    console.log(`\nold (tsx) / new (node, built): ${ratio.toFixed(2)}× — the built server answers in ${((summary.new.medianMs / summary.old.medianMs) * 100).toFixed(0)} % of the old time`);
    console.log(`resident memory of the built server when it first answers: median ${median(rss).toFixed(0)} MB`);
    if (boards.length) console.log(`restart → first answer of the national commune board (built server): median ${median(boards).toFixed(0)} ms, max ${Math.max(...boards).toFixed(0)} ms`);

    const result = {
      date: new Date().toISOString(),
      node: process.version,
      restarts: RESTARTS,
      firstStartMs: Math.round(first.ms),
      ...summary,
      ratioOldOverNew: Number(ratio.toFixed(2)),
      rssMbAtFirstAnswer: Number(median(rss).toFixed(1)),
      database: EXISTING ? dbName : 'fresh',
      ...(boards.length ? { firstBoardMs: { median: Math.round(median(boards)), max: Math.round(Math.max(...boards)), runs: boards.map(Math.round) } } : {}),
    };
    const dir = resolve(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = resolve(dir, `startup-${result.date.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nresults: ${file}`);
  } finally {
    if (!KEEP_DB && !EXISTING) await admin.db.execute(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
