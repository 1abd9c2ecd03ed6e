import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventBus } from '@thidua/api/src/graphql/pubsub';
import { HEALTH_SLOW_MS } from '@thidua/api/src/http/health';
import { startTestApp, type TestApp } from '../support/harness';

let t: TestApp;
let ping: TestApp['database']['ping'];
beforeAll(async () => {
  t = await startTestApp();
  ping = t.database.ping;
});
afterAll(() => t?.close());
afterEach(() => {
  t.database.ping = ping;
});

const health = async () => {
  const response = await fetch(`${t.url}/healthz`);
  return { status: response.status, body: await response.json() };
};

describe('/healthz', () => {
  it('reports ok, that the database is reachable, and which engine serves it', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: { engine: t.engine, reachable: true, latencyMs: expect.any(Number) }, pid: process.pid });
  });

  it('reports down with 503 when the database cannot be reached', async () => {
    t.database.ping = async () => {
      throw new Error('connection refused');
    };
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'down', database: { reachable: false } });
  });

  it('reports down, instead of waiting, when the database never answers its ping', async () => {
    t.database.ping = () => new Promise<boolean>(() => {});
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'down', database: { reachable: false } });
  });

  it('reports degraded with 200 when the database answers slowly', async () => {
    t.database.ping = () => new Promise<boolean>((r) => setTimeout(() => r(true), HEALTH_SLOW_MS + 200));
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', database: { reachable: true } });
  });

  it('reports degraded with 200 when Redis is configured but not connected', async () => {
    const redisReady = eventBus.redisReady;
    eventBus.redisReady = () => false;
    try {
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'degraded', database: { reachable: true }, redis: { reachable: false } });
    } finally {
      eventBus.redisReady = redisReady;
    }
  });
});
