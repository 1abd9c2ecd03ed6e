import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

// The API emits api/schema.graphql; until it exists we generate from a draft copy of API.md.
const apiSchema = fileURLToPath(new URL('../api/schema.graphql', import.meta.url));
const draftSchema = fileURLToPath(new URL('./schema.draft.graphql', import.meta.url));

const config: CodegenConfig = {
  schema: existsSync(apiSchema) ? apiSchema : draftSchema,
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: { Date: 'string', DateTime: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
