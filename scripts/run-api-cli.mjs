#!/usr/bin/env node
/**
 * Runs one of the API's command-line programs the same way in development and in production:
 *
 *   node scripts/run-api-cli.mjs <name> [args…]     e.g. cli/admin-create, verify-ledger
 *
 * runs the built api/dist/<name>.js when `pnpm build` made it (production: plain node, no
 * TypeScript compiler), else api/src/<name>.ts through tsx (a checkout that was never built).
 * After editing the sources, `pnpm build` again, or the built copy keeps running.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9/-]+$/.test(name)) {
  console.error('usage: node scripts/run-api-cli.mjs <name> [args…]   (api/dist/<name>.js or api/src/<name>.ts)');
  process.exit(2);
}
const built = join(root, 'api/dist', `${name}.js`);
const source = join(root, 'api/src', `${name}.ts`);
let argv;
if (existsSync(built)) argv = ['--enable-source-maps', built, ...args];
else if (existsSync(source)) {
  const tsx = createRequire(join(root, 'package.json')).resolve('tsx/cli');
  // the api's tsconfig carries the decorator settings type-graphql needs
  argv = [tsx, '--conditions=source', '--tsconfig', join(root, 'api/tsconfig.json'), source, ...args];
} else {
  console.error(`Không tìm thấy ${built} hoặc ${source}.`);
  process.exit(2);
}
const child = spawn(process.execPath, argv, { stdio: 'inherit', cwd: process.cwd() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
