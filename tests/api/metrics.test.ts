import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/harness';
import { DEMO_MOVEMENT_IDS } from '@thidua/api/src/demo/catalog';

/*
 * GET /metrics (issue 17): Prometheus text from prom-client, readable by a scraper on the host or
 * with METRICS_TOKEN; GraphQL timed by root field, board cache hits and misses, the database pool.
 */

let t: TestApp;
let secured: TestApp;
const TOKEN = 'metrics-token-0123456789';

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  secured = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await t?.close();
  await secured?.close();
});

async function scrape(app: TestApp = t, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The value of one sample (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return 0;
}

const MOVEMENT = DEMO_MOVEMENT_IDS.national;
// two page sizes of one board: two public answers (the answer cache cannot serve the second), one board
const BOARD = `query Board($movementId: ID!, $first: Int) { leaderboard(movementId: $movementId, scope: PROVINCE, first: $first) { totalCount } }`;

it('answers a scraper on this host in the Prometheus text format, with event-loop lag and the database pool', async () => {
  const { status, type, text } = await scrape();
  expect(status).toBe(200);
  expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  expect(sample(text, 'thidua_db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(1);
});

it('counts a board computed once as a miss and read again as a hit, and times the operation by its root field', async () => {
  const before = await scrape();
  dataOf(await t.gql(BOARD, { movementId: MOVEMENT, first: 5 }));
  dataOf(await t.gql(BOARD, { movementId: MOVEMENT, first: 6 }));
  const after = await scrape();
  const delta = (name: string, labels: Record<string, string>) => sample(after.text, name, labels) - sample(before.text, name, labels);
  expect(delta('thidua_board_cache_total', { result: 'miss' })).toBe(1);
  expect(delta('thidua_board_cache_total', { result: 'hit' })).toBe(1);
  expect(delta('thidua_graphql_operation_duration_seconds_count', { type: 'query', field: 'leaderboard', outcome: 'ok' })).toBe(2);
  expect(delta('thidua_http_requests_total', { route: 'graphql', status: '2xx' })).toBe(2);
});

it("never makes a client's own operation name a label", async () => {
  await t.gql('query Attacker_Chosen_Name_42 { __typename }');
  const { text } = await scrape();
  expect(text).not.toContain('Attacker_Chosen_Name_42');
  expect(sample(text, 'thidua_graphql_operation_duration_seconds_count', { type: 'query', field: '__typename', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
});

it('refuses a request relayed by a proxy (X-Forwarded-For) when no token is set', async () => {
  const { status, text } = await scrape(t, { 'x-forwarded-for': '203.0.113.9' });
  expect(status).toBe(403);
  expect(text).not.toContain('thidua_');
});

it('with METRICS_TOKEN, answers only the bearer of that token', async () => {
  expect((await scrape(secured)).status).toBe(401);
  expect((await scrape(secured, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
  const { status, text } = await scrape(secured, { authorization: `Bearer ${TOKEN}` });
  expect(status).toBe(200);
  expect(text).toContain('thidua_http_requests_total');
});
