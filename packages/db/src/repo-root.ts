import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The checkout's root (the directory holding pnpm-workspace.yaml), found by walking up from this
 * module. Paths relative to `import.meta.url` break once the sources are bundled into api/dist
 * (one file, another depth); the walk gives the same answer from src/ and from any bundle.
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`pnpm-workspace.yaml not found above ${fileURLToPath(import.meta.url)}: run from a checkout of the repository`);
    dir = parent;
  }
}
