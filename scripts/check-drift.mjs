#!/usr/bin/env node
// Generated files are checked (STYLE.md #11): fails when the Drizzle schema has changes that no
// committed migration holds, when api/schema.graphql is not what the code emits, or when the
// workspace does not typecheck. Leaves the working tree as it found it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const failures = [];

function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, ...options });
  return { ...result, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function step(name, check) {
  process.stdout.write(`• ${name} … `);
  const problem = check();
  if (problem) {
    console.log('DRIFT / FAILED');
    failures.push(`${name}\n${problem.replace(/^/gm, '    ')}`);
  } else console.log('ok');
}

/** drizzle-kit generate against a copy of drizzle/, so a new migration never lands in the tree. */
function checkMigrations() {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-drift-'));
  try {
    cpSync(join(ROOT, 'drizzle'), join(dir, 'out'), { recursive: true });
    const config = {
      dialect: 'postgresql',
      schema: join(ROOT, 'packages/db/src/schema/index.ts'),
      // drizzle-kit prefixes "./" to `out`, so it must be relative to its working directory
      out: './out',
    };
    writeFileSync(join(dir, 'drizzle.config.mjs'), `export default ${JSON.stringify(config)};\n`);
    const before = new Set(readdirSync(join(dir, 'out')));
    const result = run(join(ROOT, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', 'drizzle.config.mjs'], {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=source`.trim() },
    });
    const added = readdirSync(join(dir, 'out')).filter((f) => !before.has(f) && f.endsWith('.sql'));
    if (added.length)
      return `drizzle-kit generate would create ${added.join(', ')}: the schema in packages/db changed without a migration.\nRun "pnpm db:generate" and commit the new file in drizzle/.\n\n${added.map((f) => readFileSync(join(dir, 'out', f), 'utf8')).join('\n')}`;
    // drizzle-kit exits 0 even when it fails (or stops at an interactive rename prompt)
    if (result.error || result.status !== 0 || !/No schema changes/.test(result.output))
      return `drizzle-kit generate did not confirm "No schema changes" (exit ${result.status ?? result.error?.message}):\n${result.output.trim()}`;
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Re-emits api/schema.graphql and compares; the committed file is put back either way. */
function checkGraphQLSchema() {
  const file = join(ROOT, 'api/schema.graphql');
  const committed = readFileSync(file, 'utf8');
  const result = run('pnpm', ['--filter', '@thidua/api', 'schema:emit']);
  const emitted = readFileSync(file, 'utf8');
  if (emitted !== committed) writeFileSync(file, committed);
  if (result.status !== 0) return `pnpm --filter @thidua/api schema:emit failed:\n${result.output.trim()}`;
  if (emitted === committed) return null;
  const dir = mkdtempSync(join(tmpdir(), 'thidua-drift-'));
  try {
    writeFileSync(join(dir, 'committed.graphql'), committed);
    writeFileSync(join(dir, 'emitted.graphql'), emitted);
    const diff = run('diff', ['-u', '--label', 'api/schema.graphql (committed)', '--label', 'api/schema.graphql (emitted)', 'committed.graphql', 'emitted.graphql'], { cwd: dir });
    return `api/schema.graphql is not what the code emits. Run "pnpm schema:emit" and commit it.\n${diff.stdout.split('\n').slice(0, 80).join('\n')}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkTypes() {
  const result = run('pnpm', ['-r', 'typecheck']);
  return result.status === 0 ? null : `pnpm -r typecheck failed:\n${result.output.trim().split('\n').slice(-60).join('\n')}`;
}

step('migrations match the Drizzle schema (drizzle-kit generate)', checkMigrations);
step('api/schema.graphql matches the code (schema:emit)', checkGraphQLSchema);
step('the workspace typechecks (pnpm -r typecheck)', checkTypes);

if (failures.length) {
  console.error(`\ncheck:drift failed:\n\n${failures.map((f) => `✗ ${f}`).join('\n\n')}\n`);
  process.exit(1);
}
console.log('\ncheck:drift: no drift.');
