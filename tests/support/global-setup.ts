import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadReferenceUnits, openDatabase } from '@thidua/db';
import { loadConfig } from '@thidua/api/src/config';
import { adminUrl, databaseUrlFor, dropDatabases, dropStaleDatabases, isAlive, quoteDatabaseName, type TestDatabaseTemplate } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    thiduaTemplate: TestDatabaseTemplate;
  }
}

/**
 * Prepares one migrated database holding the reference units, once per run; every test file then
 * clones it (PGlite: from a dump; PostgreSQL: CREATE DATABASE … TEMPLATE), so a file starts from a
 * fresh database in well under a second instead of migrating and loading 3,356 units itself.
 */
export default async function globalSetup(project: TestProject) {
  const started = Date.now();
  const baseUrl = loadConfig(process.env).databaseUrl;

  if (!baseUrl) {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    await loadReferenceUnits(database.db);
    const dump = await database.dump!();
    await database.close();
    removeStaleDumps();
    const dir = mkdtempSync(join(tmpdir(), `thidua-test-${process.pid}-`));
    const dumpFile = join(dir, 'template.tar');
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    project.provide('thiduaTemplate', { engine: 'pglite', dir, dumpFile });
    log(`PGlite template ready in ${Date.now() - started} ms (${(dump.size / 1e6).toFixed(1)} MB dump)`);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const runId = `${process.pid}_${Date.now()}`;
  const template = `thidua_tpl_${runId}`;
  const testPrefix = `thidua_t_${runId}_`;
  const stale = await dropStaleDatabases(baseUrl);
  if (stale.length) log(`dropped ${stale.length} database(s) left by interrupted runs`);
  const admin = await openDatabase({ url: adminUrl(baseUrl), max: 1 });
  try {
    await admin.db.execute(`CREATE DATABASE ${quoteDatabaseName(template)}`);
  } finally {
    await admin.close();
  }
  try {
    const database = await openDatabase({ url: databaseUrlFor(baseUrl, template), max: 1 });
    try {
      await database.migrate();
      await loadReferenceUnits(database.db);
    } finally {
      // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template
      await database.close();
    }
  } catch (error) {
    await dropDatabases(baseUrl, template, testPrefix).catch(() => {});
    throw error;
  }
  project.provide('thiduaTemplate', { engine: 'postgres', baseUrl, template, testPrefix });
  log(`PostgreSQL template ${template} ready in ${Date.now() - started} ms`);

  return async () => {
    const dropped = await dropDatabases(baseUrl, template, testPrefix);
    const leftBehind = dropped.filter((name) => name.startsWith(testPrefix));
    if (leftBehind.length) log(`dropped ${leftBehind.length} test database(s) that test files did not close`);
  };
}

/** Dump directories of earlier runs whose vitest process is gone (killed before its teardown). */
function removeStaleDumps() {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^thidua-test-(\d+)-/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function log(message: string) {
  console.log(`[test database] ${message}`);
}
