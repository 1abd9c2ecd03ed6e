import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '@thidua/db';

/**
 * Prometheus metrics of this API process (prom-client), at GET /metrics:
 * - thidua_http_requests_total and thidua_http_request_duration_seconds, by route (graphql,
 *   healthz, api, static, metrics) and status class;
 * - thidua_graphql_operation_duration_seconds, by operation type and root field (bounded by the
 *   schema: a client's own operation names are never labels) and outcome;
 * - thidua_board_cache_total{result="hit"|"miss"|"shared"} — boards served from the cache,
 *   computed, or joined while another reader computed them;
 * - thidua_public_answers_total{result="hit"|"shared"|"revalidated"} — anonymous reads sent a kept answer;
 * - thidua_recording_writer_waiting / _writing — recordings waiting for the combined statement;
 * - thidua_db_pool_connections{state="open"|"active"|"max"} — this process's database connections;
 * - Node's own: event-loop lag (nodejs_eventloop_lag_*), heap, GC, CPU, open handles.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpRequests = new Counter({
  name: 'thidua_http_requests_total',
  help: 'HTTP requests answered, by route and status class',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});
const httpDuration = new Histogram({
  name: 'thidua_http_request_duration_seconds',
  help: 'Time from a request to its response, by route',
  labelNames: ['route'] as const,
  buckets: SECONDS,
  registers: [registry],
});
const graphqlDuration = new Histogram({
  name: 'thidua_graphql_operation_duration_seconds',
  help: 'GraphQL operations from parse to response, by type, root field and outcome',
  labelNames: ['type', 'field', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});
export const boardCache = new Counter({
  name: 'thidua_board_cache_total',
  help: 'Leaderboards asked for: served from the cache (hit), computed (miss), shared with a reader computing or updating it (shared), brought up to date from the units changed (update), or refused because too many wait (shed)',
  labelNames: ['result'] as const,
  registers: [registry],
});

const publicAnswers = new Counter({
  name: 'thidua_public_answers_total',
  help: 'Anonymous GraphQL reads answered with a kept answer (hit), with the answer an identical request was computing (shared), with a kept board answer found unchanged after points changed (revalidated); the others run GraphQL',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** An anonymous read answered without running GraphQL (public-cache.ts): counted, and timed as its operation. */
export function observePublicAnswer(field: string, result: 'hit' | 'shared' | 'revalidated', seconds: number): void {
  publicAnswers.inc({ result });
  graphqlDuration.observe({ type: 'query', field, outcome: 'ok' }, seconds);
}

/** The sources of the gauges, read when /metrics is scraped. */
export interface MetricSources {
  database: Database;
  writerLoad(): { waiting: number; writing: number };
  /** GraphQL requests running, waiting for a place, and refused since start (admission) */
  admission?(): { running: number; waiting: number; refused: number; lanes?: Record<string, { running: number; waiting: number; refused: number }> };
  /** how far the read replica lags (ms; null: unknown), and whether public reads use it now */
  replica?(): { lagMs: number | null; serving: boolean };
}

let sources: MetricSources | null = null;
new Gauge({
  name: 'thidua_recording_writer_waiting',
  help: 'Recordings waiting for the next combined insert statement',
  registers: [registry],
  collect() {
    if (sources) this.set(sources.writerLoad().waiting);
  },
});
new Gauge({
  name: 'thidua_recording_writer_writing',
  help: 'Combined insert statements being written',
  registers: [registry],
  collect() {
    if (sources) this.set(sources.writerLoad().writing);
  },
});
new Gauge({
  name: 'thidua_db_pool_connections',
  help: "This process's database connections: open, running a statement (active), and the pool's bound (max)",
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    if (!sources) return;
    try {
      const use = await sources.database.poolUse();
      this.set({ state: 'open' }, use.open);
      this.set({ state: 'active' }, use.active);
      this.set({ state: 'max' }, use.max);
    } catch {
      // the database is away: /healthz says so; the gauge keeps its last value
    }
  },
});

new Gauge({
  name: 'thidua_graphql_admission',
  help: 'GraphQL requests of this process: running, waiting for a place (GRAPHQL_CONCURRENCY, GRAPHQL_QUEUE)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const now = sources?.admission?.();
    if (!now) return;
    this.set({ state: 'running' }, now.running);
    this.set({ state: 'waiting' }, now.waiting);
  },
});
new Gauge({
  name: 'thidua_graphql_admission_lane',
  help: 'GraphQL requests of this process by admission lane (public: anonymous; staff: known sessions): running, waiting',
  labelNames: ['lane', 'state'] as const,
  registers: [registry],
  collect() {
    const lanes = sources?.admission?.()?.lanes;
    if (!lanes) return;
    for (const [lane, now] of Object.entries(lanes)) {
      this.set({ lane, state: 'running' }, now.running);
      this.set({ lane, state: 'waiting' }, now.waiting);
    }
  },
});
new Counter({
  name: 'thidua_graphql_refused_lane_total',
  help: 'GraphQL requests refused with 503, by admission lane',
  labelNames: ['lane'] as const,
  registers: [registry],
  collect() {
    const lanes = sources?.admission?.()?.lanes;
    if (!lanes) return;
    this.reset();
    for (const [lane, now] of Object.entries(lanes)) this.inc({ lane }, now.refused);
  },
});
new Counter({
  name: 'thidua_graphql_refused_total',
  help: 'GraphQL requests refused with 503 because this process was at its concurrency and queue bounds',
  registers: [registry],
  collect() {
    const now = sources?.admission?.();
    if (now) this.reset(), this.inc(now.refused);
  },
});

new Gauge({
  name: 'thidua_read_replica_lag_seconds',
  help: 'How far the read replica (DATABASE_READ_URL) is behind the primary; -1 when unknown (unreachable)',
  registers: [registry],
  collect() {
    const now = sources?.replica?.();
    if (now) this.set(now.lagMs == null ? -1 : now.lagMs / 1000);
  },
});
new Gauge({
  name: 'thidua_read_replica_serving',
  help: '1 while public reads go to the read replica, 0 while they fall back to the primary',
  registers: [registry],
  collect() {
    const now = sources?.replica?.();
    if (now) this.set(now.serving ? 1 : 0);
  },
});

export function useMetricSources(s: MetricSources): void {
  sources = s;
}

function routeOf(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path === '/healthz') return 'healthz';
  if (path === '/metrics') return 'metrics';
  if (path.startsWith('/api/')) return 'api';
  return 'static';
}

/** Counts and times a request when its response is done. */
export function measureRequest(req: IncomingMessage, res: ServerResponse): void {
  const route = routeOf((req.url ?? '/').split('?')[0]);
  const end = httpDuration.startTimer({ route });
  res.once('close', () => {
    end();
    httpRequests.inc({ route, status: `${Math.floor(res.statusCode / 100)}xx` });
  });
}

/** Times every GraphQL operation by its type and first root field (names from the schema only). */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let type = 'unknown';
      let field = 'unknown';
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          type = operation.operation;
          const first = operation.selectionSet.selections.find((s) => s.kind === 'Field');
          // validation has passed: a root field is one the schema has
          if (first && first.kind === 'Field') field = first.name.value;
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          const outcome = !errors?.length ? 'ok' : errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'SERVICE_UNAVAILABLE') ? 'fault' : 'refused';
          graphqlDuration.observe({ type, field, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus' text format. With METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>`; without it, only for a scraper on this host (a loopback
 * address with no X-Forwarded-For, so a request relayed by a local proxy is not let in).
 */
export async function answerMetrics(req: IncomingMessage, res: ServerResponse, token: string | null): Promise<void> {
  const auth = req.headers.authorization ?? '';
  const allowed = token
    ? auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token)
    : /^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'];
  if (!allowed) {
    res.writeHead(token ? 401 : 403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(token ? 'Cần METRICS_TOKEN.' : 'Chỉ đọc được từ chính máy chủ (hoặc đặt METRICS_TOKEN).');
    return;
  }
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
