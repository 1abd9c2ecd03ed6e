// type-graphql needs the Reflect metadata API before any decorated class loads (see STACK.md).
// reflect-metadata is a dependency of the api package, so it is loaded from there.
import { createRequire } from 'node:module';

createRequire(new URL('../../api/package.json', import.meta.url))('reflect-metadata');
