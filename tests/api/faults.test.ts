import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '@thidua/db';
import { createApp, type App } from '@thidua/api/src/app';
import { appRoutes } from '@thidua/api/src/routes';
import { errorCodes, gql, startTestApp, testConfig, type GqlResult, type TestApp } from '../support/harness';

/**
 * A passing database fault (unreachable, restarting, connections cut) is not a bug: every request
 * it touches answers 503 SERVICE_UNAVAILABLE with Retry-After, within the configured connect
 * timeout, and requests work again as soon as the database is back.
 */

const postgres = inject('thiduaTemplate')?.engine === 'postgres';
const MOVEMENTS = '{ movements(first: 1) { totalCount } }';
const LOGIN = 'mutation { login(username: "nobody", password: "wrong-password") { id } }';

interface Running {
  url: string;
  app: App;
  database: Database;
  close(): Promise<void>;
}

/** The real app on its own database handle (the API's pool options from `env`). */
async function appOn(database: Database, env: Record<string, string> = {}): Promise<Running> {
  const app = await createApp(testConfig(env), database, appRoutes);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, app, database, close: async () => (await app.close(), await database.close()) };
}

async function appOnPostgres(url: string, env: Record<string, string> = {}): Promise<Running> {
  const config = testConfig({ DATABASE_URL: url, ...env });
  return appOn(await openDatabase({ url, max: 3, ...config.databaseTimeouts }), { DATABASE_URL: url, ...env });
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A TCP server that accepts connections and never says a word (a hung host). */
async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => (sockets.add(s), s.on('error', () => {})));
  const port = await listen(server);
  return { port, close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))) };
}

/** A port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** A TCP proxy to PostgreSQL that can be cut (connections dropped, new ones refused) and restored. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const up = async () => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      const drop = () => (client.destroy(), upstream.destroy());
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', drop).on('close', () => (sockets.delete(s), drop()));
      }
      client.pipe(upstream).pipe(client);
    });
    port = await listen(server, port);
  };
  const down = () =>
    new Promise<void>((r) => {
      sockets.forEach((s) => s.destroy());
      if (server) server.close(() => r());
      else r();
      server = null;
    });
  await up();
  return { port: () => port, up, down };
}

function expectFault(result: GqlResult) {
  expect(result.status).toBe(503);
  expect(result.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(errorCodes(result)).toEqual(['SERVICE_UNAVAILABLE']);
}

describe('a database that cannot be reached', () => {
  let app: Running;
  beforeAll(async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`;
    app = await appOnPostgres(url);
  });
  afterAll(() => app?.close());

  it('answers a query with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    expectFault(await gql(app.url, MOVEMENTS));
  });

  it('answers a mutation with 503 SERVICE_UNAVAILABLE', async () => {
    expectFault(await gql(app.url, LOGIN));
  });

  it('answers 503 when the session cannot be looked up', async () => {
    expectFault(await gql(app.url, MOVEMENTS, undefined, { cookie: 'thidua_session=an-unknown-session-token' }));
  });
});

describe('a database host that accepts connections and never answers', () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let app: Running;
  beforeAll(async () => {
    hole = await blackHole();
    app = await appOnPostgres(`postgres://postgres@127.0.0.1:${hole.port}/nowhere`, { DATABASE_CONNECT_TIMEOUT: '1' });
  });
  afterAll(async () => {
    await app?.close();
    await hole?.close();
  });

  // postgres.js alone waits 30 s for such a connection; the connect timeout answers sooner
  it('answers 503 once the connect timeout has passed, not after the driver default', { timeout: 15_000 }, async () => {
    expectFault(await gql(app.url, MOVEMENTS));
  });
});

describe.skipIf(postgres)('PGlite after it was closed', () => {
  it('answers 503 SERVICE_UNAVAILABLE', async () => {
    const t = await startTestApp();
    try {
      await t.database.close();
      expectFault(await t.gql(MOVEMENTS));
    } finally {
      await t.app.close();
    }
  });
});


describe.skipIf(!postgres)('PostgreSQL going away and coming back (through a proxy that is cut)', () => {
  let t: TestApp;
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let app: Running;
  beforeAll(async () => {
    t = await startTestApp();
    const target = new URL(t.config.databaseUrl!);
    proxy = await cuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port());
    app = await appOnPostgres(target.toString(), { DATABASE_CONNECT_TIMEOUT: '2' });
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.down();
    await t?.close();
  });

  it('answers 503 while the database is away, and answers promptly once it is back', { timeout: 30_000 }, async () => {
    expect((await gql(app.url, MOVEMENTS)).status).toBe(200);
    await proxy.down();
    // every failed connect made postgres.js wait longer before the next one (up to 20 s)
    for (let i = 0; i < 10; i++) expectFault(await gql(app.url, MOVEMENTS));
    await proxy.up();
    // the first request after the return is answered, not held back by a reconnection delay
    const back = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: MOVEMENTS }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(back.status).toBe(200);
  });
});
