export * as schema from './schema/index';
export * from './schema/index';
export * from './client';
export { repoRoot } from './repo-root';
export * from './reference/vn-admin';
export * from './reference/csv';
export { sql, eq, and, inArray } from 'drizzle-orm';
export * from './faults';
export { containsPattern } from './like';
