import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// Apollo and type-graphql load graphql's CJS build; make Vite use the same copy (see STACK.md).
const graphqlAlias = { graphql: require.resolve('graphql', { paths: [new URL('./api', import.meta.url).pathname] }) };

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  // vitest loads globalSetup files through its own `__vitest__` environment, which does not inherit
  // ssr.resolve: without this, tests/support/global-setup.ts cannot import @thidua/db.
  environments: { __vitest__: { resolve: { conditions: ['source'] } } },
  test: {
    // two test files at a time: the API tests wait on their database as much as they compute, and
    // with vitest's default a 2-core machine ran them one after the other (.ci/run 873 s → budget)
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // the web app's own modules that run without a browser (the retrying fetch)
        test: { name: 'web', include: ['tests/web/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        resolve: { alias: graphqlAlias },
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          setupFiles: ['tests/support/setup.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // the first file that asks for demo data seeds it for the run (seconds; minutes on a loaded machine)
          hookTimeout: 240_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        resolve: { alias: graphqlAlias },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // csp-guard: any Content-Security-Policy violation in the browser fails the test
          setupFiles: ['tests/support/setup.ts', 'tests/support/csp-guard.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
