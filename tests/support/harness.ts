import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database, type Db } from '@thidua/db';
import { createApp, type App, type Route } from '@thidua/api/src/app';
import { loadConfig, type Config } from '@thidua/api/src/config';
import { appRoutes } from '@thidua/api/src/routes';
import { DEMO_PASSWORD, seedDemo } from '@thidua/api/src/demo/seed';
import { adminUrl, databaseUrlFor, isAlive, quoteDatabaseName } from './template';

export { DEMO_PASSWORD };

// ---------------------------------------------------------------- GraphQL over HTTP

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GqlResult<T = any> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
  headers: Headers;
}

/** One POST to /graphql, as any client would send it. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T | null; errors?: GqlError[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`/graphql answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

/** The data of a result that must have succeeded; fails the test with the server's errors otherwise. */
export function dataOf<T>(result: GqlResult<T>): T {
  if (result.errors?.length || result.data == null)
    throw new Error(`GraphQL errors (HTTP ${result.status}): ${JSON.stringify(result.errors ?? result.data, null, 2)}`);
  return result.data;
}

/** The error codes of a result, in order (`extensions.code`). */
export function errorCodes(result: GqlResult): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}

/** A user agent: keeps the cookies the server sets, like a browser would. */
export class GqlClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  /** the Cookie header this client sends, or null */
  get cookie(): string | null {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : null;
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
    const result = await gql<T>(this.url, query, variables, { cookie: this.cookie });
    this.remember(result.headers.getSetCookie());
    return result;
  }

  /** Logs in (demo password by default); throws if the server refuses. */
  async login(username: string, password = DEMO_PASSWORD): Promise<{ id: string; username: string; role: string }> {
    const result = await this.gql<{ login: { id: string; username: string; role: string } }>(
      'mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { id username role } }',
      { username, password },
    );
    return dataOf(result).login;
  }

  async logout(): Promise<void> {
    dataOf(await this.gql('mutation { logout }'));
  }

  private remember(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

// ---------------------------------------------------------------- the app under test

export interface TestAppOptions {
  /**
   * start from the demo data (accounts of API.md, demo movement…): seeded once per run with
   * testConfig(), then cloned for each file like the reference data
   */
  demo?: boolean;
  /** extra environment for loadConfig (e.g. { NODE_ENV: 'production' }) */
  env?: Record<string, string>;
  routes?: Route[];
  /** where the app's JSON log lines go (default: standard output) */
  logDestination?: { write(line: string): void };
}

export interface TestApp {
  /** http://127.0.0.1:<ephemeral port> */
  url: string;
  config: Config;
  app: App;
  database: Database;
  /** direct database access, for arranging data and for checks the API cannot express */
  db: Db;
  engine: Database['engine'];
  /** a fresh anonymous client with its own cookie jar */
  client(): GqlClient;
  /** a client logged in as this user (cached per username): `await t.as('officer')` */
  as(username: string, password?: string): Promise<GqlClient>;
  /** one anonymous request */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { cookie?: string | null }): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

let databasesCreated = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The configuration every test app runs with; `env` overrides it (PORT 0: an ephemeral port).
 * Rate limits are off (tests send many requests from one address); a test sets them in `env`.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: '0', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_USER: '0', ...env });
}

const loadDump = (file: string) => new Blob([readFileSync(file)]);

/**
 * PGlite: the dump of the template plus the demo data. Seeding takes seconds, so the first test
 * file that asks for demo data builds it (under a lock file) and the others of the run reuse it.
 */
async function demoDump(template: { dir: string; dumpFile: string }): Promise<string> {
  const file = join(template.dir, 'demo.tar');
  const lock = join(template.dir, 'demo.lock');
  for (;;) {
    if (existsSync(file)) return file;
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lock, 'utf8') || 0);
      if (owner && !isAlive(owner)) rmSync(lock, { force: true });
      else await sleep(200);
      continue;
    }
    try {
      if (existsSync(file)) return file;
      const database = await openDatabase({ memory: true, loadDataDir: loadDump(template.dumpFile) });
      try {
        await seedDemo(database.db, testConfig({ DEMO_DATA: '1' }));
        const dump = await database.dump!();
        writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
        renameSync(`${file}.tmp`, file);
      } finally {
        await database.close();
      }
      return file;
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

async function withAdmin<T>(baseUrl: string, run: (admin: Database) => Promise<T>): Promise<T> {
  const admin = await openDatabase({ url: adminUrl(baseUrl), max: 1 });
  try {
    return await run(admin);
  } finally {
    await admin.close();
  }
}

/** CREATE DATABASE … TEMPLATE, retried while another worker is cloning the same template. */
async function cloneDatabase(admin: Database, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.db.execute(`CREATE DATABASE ${quoteDatabaseName(name)} TEMPLATE ${quoteDatabaseName(template)}`);
      return;
    } catch (error) {
      // 55006 "source database is being accessed by other users"
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (code !== '55006' || attempt >= 50) throw error;
      await sleep(100 + 50 * attempt);
    }
  }
}

/**
 * PostgreSQL: the name of the template database with demo data, built by the first test file that
 * asks for it (under an advisory lock); it is renamed into place only once fully seeded.
 */
async function demoTemplate(baseUrl: string, template: string): Promise<string> {
  const demo = `${template}_demo`;
  const building = `${template}_demo_building`;
  await withAdmin(baseUrl, async (admin) => {
    const exists = async () => ((await admin.db.execute(`SELECT 1 FROM pg_database WHERE datname = '${demo}'`)) as unknown as unknown[]).length > 0;
    await admin.db.execute(`SELECT pg_advisory_lock(hashtext('${demo}'))`);
    try {
      if (await exists()) return;
      await admin.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(building)} WITH (FORCE)`);
      await cloneDatabase(admin, building, template);
      const database = await openDatabase({ url: databaseUrlFor(baseUrl, building), max: 5 });
      try {
        await seedDemo(database.db, testConfig({ DEMO_DATA: '1' }));
      } finally {
        await database.close();
      }
      await admin.db.execute(`ALTER DATABASE ${quoteDatabaseName(building)} RENAME TO ${quoteDatabaseName(demo)}`);
    } finally {
      await admin.db.execute(`SELECT pg_advisory_unlock(hashtext('${demo}'))`);
    }
  });
  return demo;
}

/** A fresh database cloned from the run's template (with or without demo data), on the run's engine. */
async function freshDatabase(demo: boolean): Promise<{ database: Database; url: string | null; drop(): Promise<void> }> {
  const template = inject('thiduaTemplate');
  if (!template) throw new Error('no test database template: is tests/support/global-setup.ts in this vitest project?');
  if (template.engine === 'pglite') {
    const dump = demo ? await demoDump(template) : template.dumpFile;
    const database = await openDatabase({ memory: true, loadDataDir: loadDump(dump) });
    return { database, url: null, drop: async () => {} };
  }
  const source = demo ? await demoTemplate(template.baseUrl, template.template) : template.template;
  const name = `${template.testPrefix}${process.pid}_${++databasesCreated}`;
  await withAdmin(template.baseUrl, (admin) => cloneDatabase(admin, name, source));
  const url = databaseUrlFor(template.baseUrl, name);
  const database = await openDatabase({ url, max: 5 });
  return {
    database,
    url,
    drop: () => withAdmin(template.baseUrl, (admin) => admin.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * PostgreSQL only: a new, empty database (not migrated) named like the run's test databases, so an
 * interrupted run's leftovers are dropped too. For tests of what happens on a first start.
 */
export async function emptyPostgresDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const template = inject('thiduaTemplate');
  if (template?.engine !== 'postgres') throw new Error('emptyPostgresDatabase needs DATABASE_URL (PostgreSQL)');
  const name = `${template.testPrefix}${process.pid}_${++databasesCreated}`;
  await withAdmin(template.baseUrl, (admin) => admin.db.execute(`CREATE DATABASE ${quoteDatabaseName(name)}`));
  return {
    url: databaseUrlFor(template.baseUrl, name),
    name,
    drop: () => withAdmin(template.baseUrl, (admin) => admin.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * Starts the real API (and the built web app, when web/dist exists) on a fresh database and an
 * ephemeral port. Call it once per test file, in beforeAll, and close it in afterAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const fresh = await freshDatabase(!!options.demo);
  const { database } = fresh;
  try {
    const config = testConfig({ ...(fresh.url ? { DATABASE_URL: fresh.url } : {}), DEMO_DATA: options.demo ? '1' : '0', ...options.env });
    const app = await createApp(config, database, options.routes ?? appRoutes, { logDestination: options.logDestination });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const clients = new Map<string, Promise<GqlClient>>();

    return {
      url,
      config,
      app,
      database,
      db: database.db,
      engine: database.engine,
      client: () => new GqlClient(url),
      as(username, password) {
        let client = clients.get(username);
        if (!client) {
          const c = new GqlClient(url);
          client = c.login(username, password).then(() => c);
          client.catch(() => clients.delete(username));
          clients.set(username, client);
        }
        return client;
      },
      gql: (query, variables, opts) => gql(url, query, variables, opts),
      async close() {
        await app.close();
        await database.close();
        await fresh.drop();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    await fresh.drop().catch(() => {});
    throw error;
  }
}
