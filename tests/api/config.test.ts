import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@thidua/api/src/config';

/* The one module that reads the environment: defaults, and clear refusals of bad values. */

describe('configuration', () => {
  it('sizes the PostgreSQL pool at 2 × CPU cores (at least 4) unless told otherwise', () => {
    expect(loadConfig({}).databasePoolSize).toBe(Math.max(4, 2 * availableParallelism()));
    expect(loadConfig({ DATABASE_POOL_SIZE: '3' }).databasePoolSize).toBe(3);
  });

  it.each(['0', '-2', 'nhiều', '2.5', '500'])('refuses DATABASE_POOL_SIZE=%s with a Vietnamese message', (value) => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE không hợp lệ/);
  });

  it('refuses a DATABASE_URL that is not postgres://', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL phải bắt đầu bằng postgres:\/\//);
  });

  it('requires the national-ID hash key and the badge signing key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', BADGE_SIGNING_KEY: 'k' })).toThrow(/NATIONAL_ID_HASH_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', NATIONAL_ID_HASH_KEY: 'k' })).toThrow(/BADGE_SIGNING_KEY/);
  });
});
