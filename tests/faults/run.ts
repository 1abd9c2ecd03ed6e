/**
 * `pnpm test:faults` — recordings survive faults: officers record activities and retry until each
 * is acknowledged, while the API is killed (`kill -9`) and restarted twice and PostgreSQL is
 * restarted with `pg_ctl restart -m immediate` (a crash, then recovery). Then:
 *
 *   - no answer was a 500 or INTERNAL_SERVER_ERROR (503 SERVICE_UNAVAILABLE is the expected answer
 *     to a fault, and a dropped connection is expected while the API is dead);
 *   - acknowledged = stored: every acknowledged client id is in the database, once, and nothing
 *     else is (no doubles);
 *   - `pnpm db:verify` (the ledger check) passes.
 *
 * Runs on a private PostgreSQL 15 cluster made in a temporary directory (initdb; as the `postgres`
 * user when run as root), on its own port, torn down at the end. The API is the built server
 * (`node api/build.mjs`, then `node api/dist/main.js`, NODE_ENV=production, no demo data).
 *
 * Options: --seconds N (24: how long the officers record), --officers N (6),
 * --pg-bin DIR (/usr/lib/postgresql/15/bin, or PG_BIN), --keep (leave the cluster's directory).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, queryRows, sql, users, type Database } from '@thidua/db';
import { retryDelay, type RetryPolicy } from '@thidua/domain';
import { findUnitByCode, insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { hashPassword } from '@thidua/api/src/modules/auth/password';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function parseArgs(argv: string[]) {
  const opts = { seconds: 24, officers: 6, pgBin: process.env.PG_BIN || '/usr/lib/postgresql/15/bin', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--seconds') opts.seconds = Number(value());
    else if (flag === '--officers') opts.officers = Number(value());
    else if (flag === '--pg-bin') opts.pgBin = value();
    else if (flag === '--keep') opts.keep = true;
    else if (flag !== '--') throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}
const opts = parseArgs(process.argv.slice(2));

const started = performance.now();
const at = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s`;
const log = (...args: unknown[]) => console.log(`[faults ${at()}]`, ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

// ------------------------------------------------------------------ the private PostgreSQL cluster

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as `postgres` when this process is root (initdb refuses root). */
function pg(program: string, args: string[], options: { check?: boolean } = {}): { status: number | null; output: string } {
  const bin = join(opts.pgBin, program);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', cwd: '/' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (options.check !== false && result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}):\n${output}`);
  return { status: result.status, output };
}

/** The same, without blocking this process (the officers go on sending meanwhile). */
function pgAsync(program: string, args: string[]): Promise<void> {
  const bin = join(opts.pgBin, program);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, argv, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${program} ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

class Cluster {
  readonly dataDir: string;
  readonly logFile: string;
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.dataDir = join(dir, 'data');
    this.logFile = join(dir, 'postgres.log');
  }

  static async create(): Promise<Cluster> {
    if (!existsSync(join(opts.pgBin, 'initdb'))) throw new Error(`no initdb in ${opts.pgBin} (set --pg-bin or PG_BIN)`);
    const dir = mkdtempSync(join(tmpdir(), 'thidua-faults-'));
    chmodSync(dir, 0o755);
    if (asRoot) {
      const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    }
    const cluster = new Cluster(dir, await freePort());
    pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    return cluster;
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private serverOptions() {
    // its own socket directory and port; durable commits as in production (fsync stays on)
    return ['-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=64MB`];
  }

  start() {
    pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', ...this.serverOptions(), 'start']);
  }

  /** A crash and recovery: no checkpoint, every backend killed, WAL replayed on start. */
  restartImmediate(): Promise<void> {
    return pgAsync('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-m', 'immediate', ...this.serverOptions(), 'restart']);
  }

  stop() {
    pg('pg_ctl', ['-D', this.dataDir, '-w', '-m', 'immediate', 'stop'], { check: false });
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ the API process

function productionEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: '0',
    NATIONAL_ID_HASH_KEY: randomBytes(32).toString('hex'),
    BADGE_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_CONNECT_TIMEOUT: '2',
    // the officers send as fast as they can: no rate limits here
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_USER: '0',
    WORKERS: '1',
  };
}

/** lines the API logged for faults it answered with 503 */
let faultNotes = 0;

class Api {
  child: ChildProcess | null = null;
  starts = 0;
  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly port: number,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<number> {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'api/dist/main.js')], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    let stderr = '';
    // stdout: the JSON log (a line per request): only the notes of faults are counted
    child.stdout!.on('data', (chunk: Buffer) => (faultNotes += chunk.toString().split('database unavailable, answering 503').length - 1));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        // the expected one-line notes of a fault are counted, not echoed
        if (/database unavailable, answering 503/.test(line)) faultNotes++;
        else console.log(`  [api ${child.pid}] ${line.slice(0, 300)}`);
      }
    });
    for (;;) {
      if (child.exitCode !== null || child.signalCode) throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) while starting:\n${stderr}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error('the API did not answer /healthz within 60 s');
      await sleep(100);
    }
  }

  kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((r) => {
      child.once('exit', () => r());
      child.kill('SIGKILL');
    });
  }
}

// ------------------------------------------------------------------ the officers

interface Tally {
  requests: number;
  byStatus: Map<string, number>;
  internalErrors: string[];
  acknowledged: Set<string>;
  /** the slowest answered request, ms */
  slowest: number;
  /** requests that got no answer within the client's bound */
  hung: number;
}

const tally: Tally = { requests: 0, byStatus: new Map(), internalErrors: [], acknowledged: new Set(), slowest: 0, hung: 0 };
const count = (key: string) => tally.byStatus.set(key, (tally.byStatus.get(key) ?? 0) + 1);
/** a client's bound on one request: well past the API's own time bounds */
const REQUEST_TIMEOUT_MS = 15_000;
const POLICY: RetryPolicy = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 100, maxDelayMs: 1_000 };

interface Answer {
  status: number | null;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  retryAfter: string | null;
}

async function post(url: string, cookie: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  tally.requests++;
  const t0 = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const took = performance.now() - t0;
    tally.slowest = Math.max(tally.slowest, took);
    if (took > 3_000) log(`a request sent at ${((t0 - started) / 1000).toFixed(1)} s took ${(took / 1000).toFixed(1)} s (HTTP ${response.status})`);
    let body: Answer['body'] = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const code = body?.errors?.[0]?.extensions?.code;
    count(`${response.status}${code ? ` ${code}` : ''}`);
    if (response.status >= 500 && response.status !== 503) tally.internalErrors.push(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    for (const e of body?.errors ?? []) if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') tally.internalErrors.push(`HTTP ${response.status} INTERNAL_SERVER_ERROR: ${e.message}`);
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') tally.hung++;
    count(name === 'TimeoutError' ? 'no answer (timeout)' : 'connection failed');
    return { status: null, body: null, retryAfter: null };
  }
}

const RECORD_CLASS = 'mutation Record($input: RecordClassInput!) { recordClass(input: $input) { id status } }';
const SYNC = 'mutation Sync($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode message } }';

let day = 0;
function classInput(movementId: string, unitId: number) {
  day++;
  return { id: randomUUID(), movementId, unitId: String(unitId), heldOn: `2026-10-${String(1 + (day % 31)).padStart(2, '0')}`, attendeeCount: 15 + (day % 26), topics: ['VNEID'], note: `faults ${day}` };
}

/** Sends until the server acknowledges (or refuses, which fails the run). */
async function untilAcknowledged(api: Api, cookie: string, query: string, variables: Record<string, unknown>, accept: (a: Answer) => boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const answer = await post(api.url, cookie, query, variables);
    if (answer.status === 200 && accept(answer)) return;
    const code = answer.body?.errors?.[0]?.extensions?.code ?? null;
    const delay = retryDelay({ status: answer.status, code, retryAfter: answer.retryAfter }, attempt, { idempotent: true, policy: POLICY });
    if (delay === null) throw new Error(`refused: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
    await sleep(delay);
  }
}

async function officer(api: Api, cookie: string, movementId: string, unitId: number, index: number, until: () => boolean): Promise<void> {
  while (!until()) {
    // most recordings one by one; every third officer also syncs small offline batches
    if (index % 3 === 2) {
      const items = Array.from({ length: 20 }, () => classInput(movementId, unitId));
      await untilAcknowledged(api, cookie, SYNC, { input: items.map((c) => ({ class: c })) }, (a) => {
        const results = (a.body?.data?.syncActivities ?? null) as { id: string; outcome: string; message: string | null }[] | null;
        if (!results) return false;
        const refused = results.filter((r) => r.outcome !== 'APPLIED' && r.outcome !== 'DUPLICATE');
        if (refused.length) throw new Error(`sync refused ${refused.length} items: ${refused[0].message}`);
        results.forEach((r) => tally.acknowledged.add(r.id));
        return true;
      });
    } else {
      const input = classInput(movementId, unitId);
      await untilAcknowledged(api, cookie, RECORD_CLASS, { input }, (a) => {
        const recorded = a.body?.data?.recordClass as { id: string } | undefined;
        if (!recorded || a.body?.errors?.length) return false;
        if (recorded.id !== input.id) throw new Error(`recordClass answered ${recorded.id} for ${input.id}`);
        tally.acknowledged.add(recorded.id);
        return true;
      });
    }
  }
}

async function login(api: Api, username: string, password: string): Promise<string> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: username, p: password } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('thidua_session='));
  if (body.errors || !cookie) throw new Error(`login ${username}: ${JSON.stringify(body)}`);
  return cookie.split(';')[0];
}

async function adminGql<T>(api: Api, cookie: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// ------------------------------------------------------------------ the run

async function main() {
  const problems: string[] = [];
  log(`building the API (node api/build.mjs)`);
  const build = spawnSync(process.execPath, [join(ROOT, 'api/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);

  const cluster = await Cluster.create();
  let api: Api | null = null;
  let database: Database | null = null;
  const cleanup = async () => {
    await api?.kill9();
    await database?.close().catch(() => {});
    cluster.stop();
    if (!opts.keep) cluster.remove();
    else log(`kept ${cluster.dir}`);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    cluster.start();
    log(`PostgreSQL ${cluster.url} in ${cluster.dir}`);
    const databaseUrl = cluster.url.replace(/\/postgres$/, '/thidua');
    pg('psql', ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', 'postgres', '-d', 'postgres', '-qc', 'create database thidua']);

    const port = await freePort();
    api = new Api(productionEnv(databaseUrl, port), port);
    const firstStart = await api.start();
    log(`API up at ${api.url} in ${(firstStart / 1000).toFixed(1)} s (migrations and reference data on its first start)`);

    // accounts and units, as an operator would create them with the admin tools
    database = await openDatabase({ url: databaseUrl, max: 2 });
    const commune = await findUnitByCode(database.db, '06688');
    if (!commune) throw new Error('reference commune 06688 missing');
    const password = `faults-${randomBytes(6).toString('hex')}`;
    const passwordHash = await hashPassword(password);
    const orgs = [];
    for (let i = 0; i < opts.officers; i++)
      orgs.push(await insertUnit(database.db, { parentId: commune.id, kind: 'ORGANIZATION', name: `Tổ công nghệ số ${i + 1} (faults)`, subtype: 'tổ công nghệ số cộng đồng' }));
    await database.db.insert(users).values([
      { username: 'faults_admin', displayName: 'Quản trị (faults)', role: 'ADMIN', unitId: 1, passwordHash },
      ...orgs.map((o, i) => ({ username: `faults_officer_${i + 1}`, displayName: `Cán bộ ${i + 1}`, role: 'OFFICER' as const, unitId: o.id, passwordHash })),
    ]);
    const admin = await login(api, 'faults_admin', password);
    const { createMovement } = await adminGql<{ createMovement: { id: string } }>(api, admin, 'mutation ($input: CreateMovementInput!) { createMovement(input: $input) { id } }', {
      input: { title: 'Bình dân học vụ số — thử lỗi', organizerUnitId: '1', scopeUnitId: String(commune.id), competingKinds: ['COMMUNE', 'ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    });
    await adminGql(api, admin, 'mutation ($id: ID!) { openMovement(id: $id) { id } }', { id: createMovement.id });
    const cookies = await Promise.all(orgs.map((_, i) => login(api!, `faults_officer_${i + 1}`, password)));
    log(`${opts.officers} officers signed in; recording for ${opts.seconds} s`);

    // --- the officers, and the faults on a schedule
    let stop = false;
    const officers = orgs.map((o, i) => officer(api!, cookies[i], createMovement.id, o.id, i, () => stop));
    const faultsDone = (async () => {
      const s = opts.seconds * 1000;
      const wait = (fraction: number) => sleep(Math.max(0, started0 + s * fraction - performance.now()));
      const started0 = performance.now();
      await wait(0.15);
      log('kill -9 the API');
      await api!.kill9();
      log(`API restarted in ${((await api!.start()) / 1000).toFixed(1)} s`);
      await wait(0.4);
      log('pg_ctl restart -m immediate');
      await cluster.restartImmediate();
      log('PostgreSQL back');
      await wait(0.6);
      log('kill -9 the API');
      await api!.kill9();
      log(`API restarted in ${((await api!.start()) / 1000).toFixed(1)} s`);
      await wait(0.75);
      log('pg_ctl restart -m immediate, while the API runs');
      await cluster.restartImmediate();
      log('PostgreSQL back');
      await wait(1);
    })();
    await faultsDone;
    stop = true;
    // each officer finishes the recording in hand (retrying until acknowledged)
    const finishing = await Promise.race([Promise.allSettled(officers), sleep(30_000).then(() => null)]);
    if (!finishing) problems.push('officers did not get their last recordings acknowledged within 30 s of the last fault');
    else for (const r of finishing) if (r.status === 'rejected') problems.push(`an officer stopped: ${(r.reason as Error).message}`);

    // --- the checks
    const stored = await queryRows<{ id: string; n: number }>(database.db, sql`select id::text as id, 1 as n from activities where movement_id = ${createMovement.id}`);
    const storedIds = new Set(stored.map((r) => r.id));
    const missing = [...tally.acknowledged].filter((id) => !storedIds.has(id));
    const extra = [...storedIds].filter((id) => !tally.acknowledged.has(id));
    const [dups] = await queryRows<{ doubled: number }>(
      database.db,
      sql`select count(*)::int as doubled from (select recorded_by, fingerprint from activities where movement_id = ${createMovement.id} group by 1, 2 having count(*) > 1) d`,
    );
    log(`requests ${tally.requests}; answers: ${[...tally.byStatus].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    log(`acknowledged ${tally.acknowledged.size}, stored ${stored.length}, missing ${missing.length}, stored but not acknowledged ${extra.length}, doubled payloads ${dups.doubled}`);
    log(`the API logged ${faultNotes} notes of database faults answered with 503`);
    log(`slowest answered request ${(tally.slowest / 1000).toFixed(2)} s; requests without an answer within ${REQUEST_TIMEOUT_MS / 1000} s: ${tally.hung}`);
    if (tally.internalErrors.length) problems.push(`${tally.internalErrors.length} internal errors, e.g. ${tally.internalErrors[0]}`);
    if (tally.hung) problems.push(`${tally.hung} requests got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
    if (missing.length) problems.push(`${missing.length} acknowledged recordings are not stored, e.g. ${missing[0]}`);
    if (extra.length) problems.push(`${extra.length} stored recordings were never acknowledged, e.g. ${extra[0]}`);
    if (dups.doubled) problems.push(`${dups.doubled} payloads stored twice`);
    if (tally.acknowledged.size < opts.officers) problems.push(`only ${tally.acknowledged.size} recordings acknowledged: the officers hardly got through`);

    await api.kill9();
    const verify = spawnSync(process.execPath, [join(ROOT, 'scripts/run-api-cli.mjs'), 'verify-ledger'], { cwd: ROOT, env: { ...api.env, NODE_ENV: 'production' }, encoding: 'utf8' });
    log(`db:verify: ${(verify.stdout + verify.stderr).trim().split('\n').slice(0, 5).join(' | ')}`);
    if (verify.status !== 0) problems.push(`db:verify failed (exit ${verify.status})`);
  } finally {
    await cleanup();
  }
  if (problems.length) {
    console.log(`\nFAULT TEST FAILED (${at()}):`);
    for (const p of problems) console.log(`  - ${p}`);
    process.exit(1);
  }
  console.log(`\nFault test passed in ${at()}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
