import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Starting a second API process (tests/support/api-process.ts) for the tests that need two. */

/** Redis for tests that need events to cross processes (the machine's, unless REDIS_URL says otherwise). */
export const TEST_REDIS_URL = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

export function tcpReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A second API process on the same PostgreSQL database and Redis. */
export async function spawnApiProcess(databaseUrl: string, redisUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli', { paths: [fileURLToPath(new URL('../..', import.meta.url))] });
  const script = fileURLToPath(new URL('../support/api-process.ts', import.meta.url));
  // the api's tsconfig: its decorator settings must apply to api/src (tests/tsconfig.json only covers tests/)
  const tsconfig = fileURLToPath(new URL('../../api/tsconfig.json', import.meta.url));
  const child = spawn(process.execPath, [tsxCli, '--conditions=source', '--tsconfig', tsconfig, script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, NODE_ENV: 'test' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`api-process did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`api-process exited with ${code}: ${stderr}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
