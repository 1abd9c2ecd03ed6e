/**
 * `import 'reflect-metadata'` as the api's entry point does. The package is a dependency of the api
 * (pnpm keeps it out of the root's reach), so it is required from there. Import this module first.
 */
import { createRequire } from 'node:module';

createRequire(new URL('../api/package.json', import.meta.url))('reflect-metadata');
