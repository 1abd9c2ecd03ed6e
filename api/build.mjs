/**
 * `pnpm build` (api part): bundles the API into dist/ so production starts with plain `node`, no
 * TypeScript compiler on the way. The workspace packages (@thidua/db, @thidua/domain) are compiled
 * in from their sources; every npm package stays external, loaded from node_modules as in dev.
 * Entry points: the server, `db:verify`, and every command-line tool in src/cli/ (picked up as
 * they are added).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const cliDir = join(here, 'src/cli');
const cli = existsSync(cliDir) ? readdirSync(cliDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')).map((f) => `src/cli/${f}`) : [];
const entryPoints = ['src/main.ts', 'src/verify-ledger.ts', ...cli];

/** Bare imports are npm packages (external), except the workspace's own, which are bundled. */
const externalNpm = {
  name: 'external-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@thidua/') ? undefined : { path: args.path, external: true }));
  },
};

rmSync(join(here, 'dist'), { recursive: true, force: true });
const started = Date.now();
await build({
  absWorkingDir: here,
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  tsconfig: 'tsconfig.json',
  plugins: [externalNpm],
  sourcemap: 'linked',
  // type-graphql's decorators need the Reflect metadata API before any decorated class is
  // evaluated; shared chunks may be evaluated before an entry's own first import, so every output
  // file imports it first
  banner: { js: "import 'reflect-metadata';" },
  logLevel: 'warning',
});
console.log(`api: ${entryPoints.length} entry points bundled into api/dist in ${Date.now() - started} ms (${entryPoints.join(', ')})`);
