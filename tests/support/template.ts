import { openDatabase } from '@thidua/db';

/** What global setup hands to every test worker (must be serialisable). */
export type TestDatabaseTemplate =
  /** dir: where the dumps live; dumpFile: migrated + reference units; the demo dump is built in dir on first use */
  | { engine: 'pglite'; dir: string; dumpFile: string }
  /** template: migrated + reference units; `${template}_demo` is built on first use; test databases start with testPrefix */
  | { engine: 'postgres'; baseUrl: string; template: string; testPrefix: string };

/** The same server and credentials, another database. */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Where to run CREATE/DROP DATABASE: the maintenance database of the server in DATABASE_URL. */
export function adminUrl(baseUrl: string): string {
  return databaseUrlFor(baseUrl, 'postgres');
}

const like = (prefix: string) => quoteDatabaseName(prefix).slice(1, -1).replace(/_/g, '\\_');

const SAFE_NAME = /^[a-z0-9_]+$/;

export function quoteDatabaseName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Drops the test databases of this run (name prefix) and its templates; returns what it dropped. */
export async function dropDatabases(baseUrl: string, template: string, testPrefix: string): Promise<string[]> {
  const admin = await openDatabase({ url: adminUrl(baseUrl), max: 1 });
  try {
    const result = (await admin.db.execute(`SELECT datname FROM pg_database WHERE datname LIKE '${like(testPrefix)}%' OR datname LIKE '${like(template)}%'`)) as unknown as { datname: string }[];
    const names = result.map((r) => r.datname);
    for (const name of names) await admin.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)} WITH (FORCE)`);
    return names;
  } finally {
    await admin.close();
  }
}

/**
 * Drops the databases of earlier runs on this machine whose vitest process is gone (a run killed
 * before its teardown). Names carry the pid of the run: thidua_tpl_<pid>_… and thidua_t_<pid>_….
 */
export async function dropStaleDatabases(baseUrl: string): Promise<string[]> {
  const admin = await openDatabase({ url: adminUrl(baseUrl), max: 1 });
  try {
    const rows = (await admin.db.execute(`SELECT datname FROM pg_database WHERE datname ~ '^thidua_(tpl|t)_[0-9]+_[0-9]+'`)) as unknown as { datname: string }[];
    const stale = rows.map((r) => r.datname).filter((name) => !isAlive(Number(/^thidua_(?:tpl|t)_(\d+)_/.exec(name)![1])));
    for (const name of stale) await admin.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(name)} WITH (FORCE)`);
    return stale;
  } finally {
    await admin.close();
  }
}

/** whether a process with this pid runs on this machine */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
