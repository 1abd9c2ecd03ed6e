/**
 * A second API process for tests/api/live.test.ts: the real app on PostgreSQL, on an ephemeral
 * port, talking to Redis. Started by the test as
 *
 *   node <tsx>/dist/cli.mjs --conditions=source --tsconfig api/tsconfig.json tests/support/api-process.ts
 *
 * with DATABASE_URL and REDIS_URL in its environment. Prints one JSON line `{"port": n}` on stdout
 * once it listens, and stops on SIGTERM or when its stdin closes (so it never outlives the test).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

// type-graphql needs the Reflect metadata API before any decorated class loads (see setup.ts)
createRequire(new URL('../../api/package.json', import.meta.url))('reflect-metadata');

const { openDatabase } = await import('@thidua/db');
const { createApp } = await import('@thidua/api/src/app');
const { loadConfig } = await import('@thidua/api/src/config');
const { appRoutes } = await import('@thidua/api/src/routes');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('api-process: DATABASE_URL is required (a second process cannot share an in-memory PGlite)');

const config = loadConfig({
  NODE_ENV: 'test',
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  DEMO_DATA: '0',
  RATE_LIMIT_ANONYMOUS: '0',
  RATE_LIMIT_USER: '0',
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
});
const database = await openDatabase({ url: databaseUrl, max: 3 });
const app = await createApp(config, database, appRoutes);
await app.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port, pid: process.pid })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close().catch(() => {});
  await database.close().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
