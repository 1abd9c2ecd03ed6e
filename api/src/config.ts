import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { repoRoot } from '@thidua/db';

/**
 * Which proxies in front of the API are believed about the client's address (X-Forwarded-For):
 * none; the last `hops` of them, whatever their address; or those whose address is in a list.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; ranges: readonly IpRange[]; source: string };

/** An IPv4 or IPv6 network (a single address is a /32 or /128). */
export interface IpRange {
  family: 4 | 6;
  address: string;
  prefix: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The one place that reads the environment. Everything else receives a Config. */
export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** postgres://… → PostgreSQL; unset → embedded PGlite in dataDir */
  databaseUrl: string | null;
  /** a PostgreSQL streaming replica for public reads (boards, totals, the feed); null: all reads on the primary */
  databaseReadUrl: string | null;
  /** the most a public read may lag behind the primary, in seconds; past it reads go to the primary */
  readMaxStalenessSeconds: number;
  /** PostgreSQL connections of this process (postgres.js pool) */
  databasePoolSize: number;
  /** connections of their own for boards' reads on the primary (0: they share the pool) */
  databaseReadPoolSize: number;
  /** PostgreSQL time bounds, seconds (0: none): connect, statement, idle connection */
  databaseTimeouts: { connectTimeout: number; statementTimeout: number; idleTimeout: number };
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
  /** which reverse proxies are believed about the client's address */
  trustProxy: TrustProxy;
  /** API processes `pnpm serve` runs on this host (node:cluster workers sharing the port) */
  workers: number;
  /** JSON log lines (pino) at this level and above; default info (warn under NODE_ENV=test) */
  logLevel: LogLevel;
  /** Web Push (VAPID): the key pair and contact; null when not configured (no push, the app works without it) */
  vapid: { publicKey: string; privateKey: string; subject: string } | null;
  /** GraphQL requests a minute per client address without a session (0: no limit) */
  rateLimitAnonymous: number;
  /** GraphQL requests a minute per signed-in user (0: no limit) */
  rateLimitUser: number;
  /** live (WebSocket) connections one client address may hold open at once (0: no cap) */
  wsConnectionsPerClient: number;
  /** GraphQL requests this process runs at once (0: no bound) and how many may wait; more get 503 */
  graphqlConcurrency: number;
  graphqlQueue: number;
  /** the same bounds for the lane of signed-in work (GRAPHQL_STAFF_CONCURRENCY, GRAPHQL_STAFF_QUEUE) */
  graphqlStaffConcurrency: number;
  graphqlStaffQueue: number;
  /** how far behind the last change an anonymous public answer may be (PUBLIC_FRESHNESS_MS; 0: never) */
  publicFreshnessMs: number;
  /** the bearer token /metrics asks for; null: /metrics answers only scrapers on this host */
  metricsToken: string | null;
}

/** Every bad or missing setting, one Vietnamese line each, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const FLAGS = ['1', '0', 'true', 'false', 'yes', 'no'];
const LOOPBACK: IpRange[] = [
  { family: 4, address: '127.0.0.0', prefix: 8 },
  { family: 6, address: '::1', prefix: 128 },
];

/** A whole number within [min, max], or undefined (and a problem noted) when it is not. */
function integer(problems: string[], name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    problems.push(`${name} không hợp lệ: "${raw}" (phải là số nguyên từ ${min} đến ${max})`);
    return fallback;
  }
  return value;
}

function ed25519KeyProblem(raw: string): string | null {
  try {
    const key = createPrivateKey(raw.includes('BEGIN') ? raw : { key: Buffer.from(raw, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? null : `là khoá ${key.asymmetricKeyType}, không phải Ed25519`;
  } catch {
    return 'không đọc được như khoá riêng PKCS#8 (PEM)';
  }
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

/** `1`…`10` (hops), `loopback`, or a comma-separated list of addresses/CIDRs (with `loopback` allowed in it). */
function parseTrustProxy(problems: string[], raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase();
  if (!value || value === '0' || value === 'false') return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return { kind: 'hops', hops };
    problems.push(`TRUST_PROXY không hợp lệ: "${raw}" (số proxy phải từ 1 đến 10)`);
    return { kind: 'none' };
  }
  const ranges: IpRange[] = [];
  const bad: string[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item === 'loopback') {
      ranges.push(...LOOPBACK);
      continue;
    }
    const [address, prefixText, extra] = item.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || extra !== undefined || (prefixText !== undefined && !/^\d+$/.test(prefixText)) || prefix > max) bad.push(item);
    else ranges.push({ family: family as 4 | 6, address, prefix });
  }
  if (bad.length || !ranges.length) {
    problems.push(`TRUST_PROXY không hợp lệ: "${raw}" (một số proxy như 1, "loopback", hoặc danh sách địa chỉ IP/CIDR cách nhau bởi dấu phẩy${bad.length ? `; sai: ${bad.join(', ')}` : ''})`);
    return { kind: 'none' };
  }
  return { kind: 'addresses', ranges, source: value };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const root = repoRoot();

  const port = integer(problems, 'PORT', env.PORT, 4000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`DATABASE_URL phải bắt đầu bằng postgres:// (hoặc postgresql://), đang là "${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);
  const databaseReadUrl = env.DATABASE_READ_URL?.trim() || null;
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseReadUrl))
    problems.push(`DATABASE_READ_URL phải bắt đầu bằng postgres:// (hoặc postgresql://), đang là "${databaseReadUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);
  else if (databaseReadUrl && !databaseUrl) problems.push('DATABASE_READ_URL (bản sao chỉ đọc) cần DATABASE_URL (máy chủ chính PostgreSQL)');
  const readMaxStalenessSeconds = integer(problems, 'READ_MAX_STALENESS', env.READ_MAX_STALENESS, 10, 1, 600);
  // the classic sizing (2 × cores, at least 4): more connections than that only make the backends
  // and this process take turns on the same cores (measured by `pnpm bench:ingest`)
  const databasePoolSize = integer(problems, 'DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, Math.max(4, 2 * availableParallelism()), 1, 200);
  const databaseReadPoolSize = integer(problems, 'DATABASE_READ_POOL_SIZE', env.DATABASE_READ_POOL_SIZE, 2, 0, 50);

  const databaseTimeouts = {
    connectTimeout: integer(problems, 'DATABASE_CONNECT_TIMEOUT', env.DATABASE_CONNECT_TIMEOUT, 5, 1, 600),
    statementTimeout: integer(problems, 'DATABASE_STATEMENT_TIMEOUT', env.DATABASE_STATEMENT_TIMEOUT, 30, 0, 86_400),
    idleTimeout: integer(problems, 'DATABASE_IDLE_TIMEOUT', env.DATABASE_IDLE_TIMEOUT, 60, 0, 86_400),
  };

  const demoFlag = env.DEMO_DATA?.trim().toLowerCase();
  if (demoFlag && !FLAGS.includes(demoFlag)) problems.push(`DEMO_DATA không hợp lệ: "${env.DEMO_DATA}" (dùng 1 hoặc 0)`);
  const demoData = demoFlag && FLAGS.includes(demoFlag) ? ['1', 'true', 'yes'].includes(demoFlag) : !production && !databaseUrl;

  const sessionDays = integer(problems, 'SESSION_DAYS', env.SESSION_DAYS, 30, 1, 365);
  const setupCodeHours = integer(problems, 'SETUP_CODE_HOURS', env.SETUP_CODE_HOURS, 72, 1, 720);

  const nationalIdHashKey = env.NATIONAL_ID_HASH_KEY || (production ? '' : 'dev-only-national-id-key');
  if (!nationalIdHashKey) problems.push('Thiếu NATIONAL_ID_HASH_KEY: bắt buộc khi NODE_ENV=production (khoá bí mật băm số CCCD, ví dụ `openssl rand -hex 32`)');

  const badgeSigningKey = env.BADGE_SIGNING_KEY?.trim() || null;
  if (badgeSigningKey) {
    const problem = ed25519KeyProblem(badgeSigningKey);
    if (problem) problems.push(`BADGE_SIGNING_KEY không hợp lệ: ${problem} (tạo bằng \`openssl genpkey -algorithm ed25519\`)`);
  } else if (production) problems.push('Thiếu BADGE_SIGNING_KEY: bắt buộc khi NODE_ENV=production (khoá Ed25519 PKCS#8 PEM, tạo bằng `openssl genpkey -algorithm ed25519`)');

  const publicUrl = env.PUBLIC_URL?.trim() || null;
  if (publicUrl && !isHttpUrl(publicUrl)) problems.push(`PUBLIC_URL không hợp lệ: "${publicUrl}" (phải là địa chỉ http:// hoặc https://)`);
  else if (!publicUrl && production) problems.push('Thiếu PUBLIC_URL: bắt buộc khi NODE_ENV=production (địa chỉ công khai, ví dụ https://thidua.example.vn)');

  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL phải bắt đầu bằng redis:// hoặc rediss://, đang là "${redisUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);

  const trustProxy = parseTrustProxy(problems, env.TRUST_PROXY);

  const workers = integer(problems, 'WORKERS', env.WORKERS, 1, 1, 64);
  if (workers > 1 && !databaseUrl)
    problems.push(`WORKERS=${workers} không dùng được với cơ sở dữ liệu nhúng PGlite (chỉ một tiến trình được mở thư mục dữ liệu): đặt DATABASE_URL tới PostgreSQL, hoặc WORKERS=1`);
  else if (workers > 1 && !redisUrl)
    problems.push(`WORKERS=${workers} cần REDIS_URL: các tiến trình API chia sẻ sự kiện trực tiếp và việc làm mới bộ nhớ đệm qua Redis`);

  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || (env.NODE_ENV === 'test' ? 'warn' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL không hợp lệ: "${env.LOG_LEVEL}" (một trong: ${LOG_LEVELS.join(', ')})`);
  const rateLimitAnonymous = integer(problems, 'RATE_LIMIT_ANONYMOUS', env.RATE_LIMIT_ANONYMOUS, 300, 0, 1_000_000);
  const rateLimitUser = integer(problems, 'RATE_LIMIT_USER', env.RATE_LIMIT_USER, 1200, 0, 1_000_000);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) problems.push('METRICS_TOKEN phải dài 16–200 ký tự, không có khoảng trắng hay ký tự điều khiển');
  const wsConnectionsPerClient = integer(problems, 'WS_CONNECTIONS_PER_CLIENT', env.WS_CONNECTIONS_PER_CLIENT, 20, 0, 100_000);
  const graphqlConcurrency = integer(problems, 'GRAPHQL_CONCURRENCY', env.GRAPHQL_CONCURRENCY, 16, 0, 10_000);
  const graphqlQueue = integer(problems, 'GRAPHQL_QUEUE', env.GRAPHQL_QUEUE, 64, 0, 100_000);
  const graphqlStaffConcurrency = integer(problems, 'GRAPHQL_STAFF_CONCURRENCY', env.GRAPHQL_STAFF_CONCURRENCY, 8, 0, 10_000);
  const publicFreshnessMs = integer(problems, 'PUBLIC_FRESHNESS_MS', env.PUBLIC_FRESHNESS_MS, 0, 0, 10_000);
  const graphqlStaffQueue = integer(problems, 'GRAPHQL_STAFF_QUEUE', env.GRAPHQL_STAFF_QUEUE, 256, 0, 100_000);

  const vapid = parseVapid(problems, env);

  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    production,
    databaseUrl,
    databaseReadUrl,
    readMaxStalenessSeconds,
    databasePoolSize,
    databaseReadPoolSize,
    databaseTimeouts,
    dataDir: resolve(root, env.DATA_DIR || '.data'),
    demoData,
    redisUrl,
    nationalIdHashKey,
    badgeSigningKey,
    webDist: resolve(root, env.WEB_DIST || 'web/dist'),
    publicUrl: publicUrl ?? `http://localhost:${port}`,
    sessionDays,
    setupCodeHours,
    evidenceDir: env.EVIDENCE_DIR ? resolve(root, env.EVIDENCE_DIR) : null,
    trustProxy,
    workers,
    logLevel,
    rateLimitAnonymous,
    rateLimitUser,
    wsConnectionsPerClient,
    graphqlConcurrency,
    graphqlQueue,
    graphqlStaffConcurrency,
    graphqlStaffQueue,
    publicFreshnessMs,
    metricsToken,
    vapid,
  };
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY (base64url, as `web-push generate-vapid-keys` prints them) and VAPID_SUBJECT (mailto: or https:). All or none. */
function parseVapid(problems: string[], env: NodeJS.ProcessEnv): Config['vapid'] {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim() || '';
  const privateKey = env.VAPID_PRIVATE_KEY?.trim() || '';
  const subject = env.VAPID_SUBJECT?.trim() || '';
  if (!publicKey && !privateKey) return null;
  if (!publicKey || !privateKey) {
    problems.push('Cần đặt cả VAPID_PUBLIC_KEY và VAPID_PRIVATE_KEY (hoặc bỏ cả hai để tắt Web Push)');
    return null;
  }
  // an uncompressed P-256 point is 65 bytes (87 base64url characters), the private key 32 bytes (43)
  if (!BASE64URL.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 65) problems.push('VAPID_PUBLIC_KEY không hợp lệ (khóa công khai P-256 dạng base64url, 65 byte)');
  if (!BASE64URL.test(privateKey) || Buffer.from(privateKey, 'base64url').length !== 32) problems.push('VAPID_PRIVATE_KEY không hợp lệ (khóa bí mật P-256 dạng base64url, 32 byte)');
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) problems.push('VAPID_SUBJECT không hợp lệ: cần địa chỉ mailto: hoặc https:// để dịch vụ push liên hệ');
  return { publicKey, privateKey, subject };
}

