import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@thidua/db';
import { DEMO_PASSWORD, emptyPostgresDatabase } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * WORKERS=2: `pnpm serve` as a node:cluster of two API processes on one port (PostgreSQL + Redis).
 * Each HTTP connection is handed to one worker; /healthz says which (pid). A session created
 * through one worker is valid on the other (sessions live in the database), and a worker that
 * dies is replaced.
 */

const REDIS_URL = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const POSTGRES = !!process.env.DATABASE_URL?.trim();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function tcpReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const redisUp = POSTGRES && (await tcpReachable(REDIS_URL));
if (!POSTGRES) console.warn('[workers.test] SKIPPED: WORKERS>1 needs PostgreSQL (set DATABASE_URL).');
else if (!redisUp) console.warn(`[workers.test] SKIPPED: Redis is unreachable at ${REDIS_URL} (WORKERS>1 needs it).`);

/** One keep-alive connection: every request on it reaches the same worker. */
class Connection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cookie: string | null = null;
  constructor(private readonly port: number) {}

  send(method: string, path: string, body?: string): Promise<{ status: number; json: any; setCookie: string[] }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (this.cookie) headers.cookie = this.cookie;
      const req = request({ host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text), setCookie: res.headers['set-cookie'] ?? [] }));
      });
      req.on('error', reject);
      req.setTimeout(5_000, () => req.destroy(new Error(`${method} ${path}: no answer within 5 s`)));
      req.end(body);
    });
  }

  async pid(): Promise<number> {
    return (await this.send('GET', '/healthz')).json.pid;
  }

  gql(query: string, variables?: Record<string, unknown>) {
    return this.send('POST', '/graphql', JSON.stringify({ query, variables }));
  }

  close() {
    this.agent.destroy();
  }
}

describe.runIf(redisUp)('WORKERS=2 on PostgreSQL + Redis', () => {
  let fresh: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let child: ChildProcess;
  let port: number;
  let output = '';
  const connections: Connection[] = [];

  beforeAll(async () => {
    fresh = await emptyPostgresDatabase();
    const tsx = createRequire(join(ROOT, 'package.json')).resolve('tsx/cli');
    // the sources through tsx (always the code under test; `pnpm serve` runs the same main from api/dist)
    child = spawn(process.execPath, [tsx, '--conditions=source', '--tsconfig', join(ROOT, 'api/tsconfig.json'), join(ROOT, 'api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: fresh.url, REDIS_URL, WORKERS: '2', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: '0', DATABASE_POOL_SIZE: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no cluster within 90 s:\n${output}`)), 90_000);
      child.stdout!.on('data', () => {
        const m = /đang chạy: http:\/\/localhost:(\d+)/.exec(output);
        if (m) (clearTimeout(timer), resolve(Number(m[1])));
      });
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`server exited with ${code}:\n${output}`))));
    });
  });

  afterAll(async () => {
    for (const c of connections) c.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await fresh?.drop();
  });

  /** Opens connections until two reach different workers; returns one on each. */
  async function oneOnEachWorker(): Promise<[Connection, Connection]> {
    const byPid = new Map<number, Connection>();
    for (let i = 0; i < 40 && byPid.size < 2; i++) {
      const c = new Connection(port);
      connections.push(c);
      const pid = await c.pid();
      if (!byPid.has(pid)) byPid.set(pid, c);
    }
    expect(byPid.size).toBe(2);
    return [...byPid.values()] as [Connection, Connection];
  }

  it('answers through two processes, neither of them the primary', async () => {
    const [a, b] = await oneOnEachWorker();
    const pids = [await a.pid(), await b.pid()];
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(child.pid);
    expect(output).toMatch(/2 tiến trình API/);
  });

  it('a session created through one worker is valid on the other', async () => {
    const check = await openDatabase({ url: fresh.url, max: 1 });
    try {
      await newUser(check.db, { role: 'LEADER', unitId: 2, username: 'lanhdao_cum', password: DEMO_PASSWORD });
    } finally {
      await check.close();
    }
    const [a, b] = await oneOnEachWorker();
    const pidA = await a.pid();
    const login = await a.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { username } }', { u: 'lanhdao_cum', p: DEMO_PASSWORD });
    expect(login.json.data?.login?.username).toBe('lanhdao_cum');
    const cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
    expect(cookie).not.toBe('');

    b.cookie = cookie;
    const me = await b.gql('{ me { username } }');
    expect(me.json.data?.me?.username).toBe('lanhdao_cum');
    // the two answers really came from two processes
    expect(await b.pid()).not.toBe(pidA);
  });

  it('replaces a worker that dies', async () => {
    const [a] = await oneOnEachWorker();
    const victim = await a.pid();
    process.kill(victim, 'SIGKILL');
    const seen = new Set<number>();
    const errors: string[] = [];
    for (let i = 0; i < 200 && seen.size < 2; i++) {
      const c = new Connection(port);
      connections.push(c);
      try {
        seen.add(await c.pid());
      } catch (error) {
        // none ready yet
        errors.push(String(error));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.size, `errors: ${errors.slice(0, 3).join('; ')}\n${output}`).toBe(2);
    expect(seen).not.toContain(victim);
  });
});
