import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one place that reads the environment. Everything else receives a Config. */
export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** postgres://… → PostgreSQL; unset → embedded PGlite in dataDir */
  databaseUrl: string | null;
  /** PostgreSQL connections of this process (postgres.js pool) */
  databasePoolSize: number;
  dataDir: string;
  /** create the demo accounts and data (default: on for the embedded database outside production) */
  demoData: boolean;
  redisUrl: string | null;
  /** key for the national-ID hash; never logged */
  nationalIdHashKey: string;
  /** Ed25519 private key (PEM or base64 PKCS#8) used to sign Open Badges credentials */
  badgeSigningKey: string | null;
  /** where the built web app is; served at / when present */
  webDist: string;
  /** public URL, used in links and credentials */
  publicUrl: string;
  sessionDays: number;
  /** how long a setup code (new account, reset) stays good */
  setupCodeHours: number;
  /** evidence files on disk here; unset → in the database */
  evidenceDir: string | null;
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT không hợp lệ: ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL phải bắt đầu bằng postgres://');
  // the classic sizing (2 × cores, at least 4): more connections than that only make the backends
  // and this process take turns on the same cores (measured by `pnpm bench:ingest`)
  const databasePoolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : Math.max(4, 2 * availableParallelism());
  if (!Number.isInteger(databasePoolSize) || databasePoolSize < 1 || databasePoolSize > 200)
    throw new ConfigError(`DATABASE_POOL_SIZE không hợp lệ (1–200): ${env.DATABASE_POOL_SIZE}`);
  const demoFlag = env.DEMO_DATA?.trim().toLowerCase();
  if (demoFlag && !['1', '0', 'true', 'false', 'yes', 'no'].includes(demoFlag)) throw new ConfigError(`DEMO_DATA không hợp lệ: ${env.DEMO_DATA}`);
  const demoData = demoFlag ? ['1', 'true', 'yes'].includes(demoFlag) : !production && !databaseUrl;
  const nationalIdHashKey = env.NATIONAL_ID_HASH_KEY ?? (production ? '' : 'dev-only-national-id-key');
  if (!nationalIdHashKey) throw new ConfigError('NATIONAL_ID_HASH_KEY là bắt buộc khi NODE_ENV=production');
  if (production && !env.BADGE_SIGNING_KEY) throw new ConfigError('BADGE_SIGNING_KEY (khoá Ed25519 PKCS#8) là bắt buộc khi NODE_ENV=production');
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    production,
    databaseUrl,
    databasePoolSize,
    dataDir: resolve(ROOT, env.DATA_DIR ?? '.data'),
    demoData,
    redisUrl: env.REDIS_URL?.trim() || null,
    nationalIdHashKey,
    badgeSigningKey: env.BADGE_SIGNING_KEY ?? null,
    webDist: resolve(ROOT, env.WEB_DIST ?? 'web/dist'),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    sessionDays: env.SESSION_DAYS ? Number(env.SESSION_DAYS) : 30,
    setupCodeHours: setupCodeHours(env.SETUP_CODE_HOURS),
    evidenceDir: env.EVIDENCE_DIR ? resolve(ROOT, env.EVIDENCE_DIR) : null,
  };
}

function setupCodeHours(raw: string | undefined): number {
  if (!raw?.trim()) return 72;
  const hours = Number(raw);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) throw new ConfigError(`SETUP_CODE_HOURS không hợp lệ (1–720 giờ): ${raw}`);
  return hours;
}
