import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@thidua/db';

/** A database round trip slower than this makes the service `degraded`. */
export const HEALTH_SLOW_MS = 1_000;
/** /healthz waits this long for its own database ping, then says `down`. */
export const HEALTH_TIMEOUT_MS = 3_000;

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface HealthReport {
  /** ok: all is well; degraded: answering, but slowly or without Redis; down: the database cannot be reached */
  status: HealthStatus;
  database: { engine: Database['engine']; reachable: boolean; latencyMs: number };
  /** only when REDIS_URL is set */
  redis?: { reachable: boolean };
  /** which of several API processes (WORKERS) answered, for load balancer checks and tests */
  pid: number;
}

/** Resolves with the ping's outcome, or false once `ms` have passed (the ping may still be queued). */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * The health of this API process: `down` (HTTP 503) when the database does not answer its ping
 * within HEALTH_TIMEOUT_MS, `degraded` (200) when it answers slower than HEALTH_SLOW_MS or when
 * Redis is configured but not connected, `ok` (200) otherwise.
 */
export async function checkHealth(database: Database, redisReady: () => boolean | null): Promise<HealthReport> {
  const started = performance.now();
  const reachable = await within(database.ping().catch(() => false), HEALTH_TIMEOUT_MS, false);
  const latencyMs = Math.round(performance.now() - started);
  const redis = redisReady();
  const status: HealthStatus = !reachable ? 'down' : latencyMs > HEALTH_SLOW_MS || redis === false ? 'degraded' : 'ok';
  return {
    status,
    database: { engine: database.engine, reachable, latencyMs },
    ...(redis === null ? {} : { redis: { reachable: redis } }),
    pid: process.pid,
  };
}

export async function answerHealth(_req: IncomingMessage, res: ServerResponse, database: Database, redisReady: () => boolean | null): Promise<void> {
  const report = await checkHealth(database, redisReady);
  res.writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(report));
}
