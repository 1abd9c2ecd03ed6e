import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@thidua/domain';
import { DEMO_DATES, DEMO_MOVEMENT_IDS } from '@thidua/api/src/demo/catalog';
import { BOARD_QUEUE_LIMIT, LeaderboardEngine, leaderboardEngine } from '@thidua/api/src/modules/leaderboards/leaderboards.service';
import { findMovement } from '@thidua/api/src/modules/movements/movements.queries';
import { startTestApp, type TestApp } from '../support/harness';

/*
 * Issue 14, floods: a process runs at most GRAPHQL_CONCURRENCY GraphQL requests and lets at most
 * GRAPHQL_QUEUE wait; any more are refused at once with 503, Retry-After and SERVICE_UNAVAILABLE
 * instead of piling up, while /healthz keeps answering. A flood of uncached boards is shed the same
 * way once BOARD_QUEUE_LIMIT computations wait.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Starts a GraphQL POST whose body is announced but not yet sent: the server holds its place
 * (reading the body) until `finish` sends the rest.
 */
function heldRequest(url: string): { req: ClientRequest; answer: Promise<Answer>; finish(): void } {
  const body = JSON.stringify({ query: '{ __typename }' });
  const req = httpRequest(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 5));
  req.flushHeaders();
  return { req, answer, finish: () => req.end(body.slice(5)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true, env: { GRAPHQL_CONCURRENCY: '1', GRAPHQL_QUEUE: '1' } });
});
afterAll(() => t?.close());

describe('admission of GraphQL requests', () => {
  it('runs GRAPHQL_CONCURRENCY, queues GRAPHQL_QUEUE and refuses the rest with 503 and Retry-After, while /healthz answers', async () => {
    const running = heldRequest(t.url);
    await sleep(100);
    const waiting = heldRequest(t.url);
    await sleep(100);
    // the third is refused at once, its body never read
    const refused = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const payload = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(payload.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(payload.errors[0].message).toMatch(/quá tải/);

    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);

    // the running one finishes, the waiting one gets its place, and both are answered
    running.finish();
    waiting.finish();
    const [a, b] = await Promise.all([running.answer, waiting.answer]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(JSON.parse(b.body)).toEqual({ data: { __typename: 'Query' } });

    // places were given back: a request now runs at once
    const after = await t.gql('{ __typename }');
    expect(after.data).toEqual({ __typename: 'Query' });
  });

  it('gives back the place of a client that leaves, whether running or waiting', async () => {
    const running = heldRequest(t.url);
    await sleep(100);
    const waiting = heldRequest(t.url);
    await sleep(100);
    running.answer.catch(() => {});
    waiting.answer.catch(() => {});
    waiting.req.destroy();
    running.req.destroy();
    await sleep(200);
    const [x, y] = await Promise.all([t.gql('{ __typename }'), t.gql('{ __typename }')]);
    expect(x.data).toEqual({ __typename: 'Query' });
    expect(y.data).toEqual({ __typename: 'Query' });
  });
});

describe('shedding board computations', () => {
  it('refuses a new board with SERVICE_UNAVAILABLE once BOARD_QUEUE_LIMIT computations wait, and serves it again after', async () => {
    const engine = new LeaderboardEngine(2);
    const movement = (await findMovement(t.db, DEMO_MOVEMENT_IDS.national))!;
    // one computing, two waiting (the queue's bound), all different boards
    const specs = ['PROVINCE', 'COMMUNE', 'UNIT'].map((scope) => ({ scope: scope as 'PROVINCE', metric: 'POINTS' as const }));
    const boards = specs.map((spec) => engine.board(t.db, movement, spec));
    const shed = await engine.board(t.db, movement, { scope: 'PROVINCE', metric: 'POINTS_PER_1000' }).then(
      () => null,
      (error: { extensions?: { code?: string; retryAfter?: number } }) => error.extensions,
    );
    expect(shed).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 1 });
    // a reader of a board already being computed shares it instead of being refused
    const shared = engine.board(t.db, movement, specs[2]);
    const computed = await Promise.all([...boards, shared]);
    expect(computed[3]).toBe(computed[2]);
    expect(computed[0].ranked.length).toBeGreaterThan(0);
    // the queue drained: the refused board is computed now
    const later = await engine.board(t.db, movement, { scope: 'PROVINCE', metric: 'POINTS_PER_1000' });
    expect(later.ranked.length + later.unranked.length).toBe(computed[0].ranked.length + computed[0].unranked.length);
  });

  it('answers a shed board over HTTP with 503 and Retry-After', async () => {
    const movement = (await findMovement(t.db, DEMO_MOVEMENT_IDS.national))!;
    // the app's own engine, its queue filled with distinct custom ranges whose reads are held
    // back until the refused request has been answered
    leaderboardEngine.invalidateAll();
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    const heldDb = new Proxy(t.db, {
      get: (target, prop, receiver) =>
        prop === 'execute' ? async (...args: unknown[]) => (await gate, (target.execute as (...a: unknown[]) => unknown)(...args)) : Reflect.get(target, prop, receiver),
    });
    const filling = Array.from({ length: BOARD_QUEUE_LIMIT + 1 }, (_, i) =>
      leaderboardEngine.board(heldDb, movement, { scope: 'PROVINCE', metric: 'POINTS', from: addDays(DEMO_DATES.national.startsOn, i + 1) }),
    );
    const query = `query($m: ID!) { leaderboard(movementId: $m, scope: COMMUNE, metric: POINTS_PER_1000) { totalCount } }`;
    const refused = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { m: movement.id } }) });
    const body = (await refused.json()) as { errors?: { extensions: { code: string } }[] };
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(body.errors?.[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    open();
    await Promise.all(filling);
    // once the queue has drained, the same board is served
    const served = await t.gql(query, { m: movement.id });
    expect(served.errors).toBeUndefined();
    expect(served.data.leaderboard.totalCount).toBeGreaterThan(0);
  });
});

describe('the lane of signed-in work', () => {
  it('admits a known session while anonymous readers fill their lane, and sends a made-up session to the anonymous lane', async () => {
    const leader = await t.as('leader');
    // the session is looked up once, so this process knows it
    expect((await leader.gql('{ me { username } }')).data).toEqual({ me: { username: 'leader' } });

    const running = heldRequest(t.url);
    await sleep(100);
    const waiting = heldRequest(t.url);
    await sleep(100);
    // the anonymous lane is full: a third anonymous reader is refused …
    const anonymous = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(anonymous.status).toBe(503);
    // … and so is a request with a session cookie nobody was given
    const madeUp = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'thidua_session=bia-dat-ra-khong-co-that' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(madeUp.status).toBe(503);
    // the leader's work runs at once, in its own lane
    const signedIn = await leader.gql('{ me { username } }');
    expect(signedIn.status).toBe(200);
    expect(signedIn.data).toEqual({ me: { username: 'leader' } });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/thidua_graphql_admission_lane\{lane="public",state="waiting"\} 1/);

    running.finish();
    waiting.finish();
    expect((await Promise.all([running.answer, waiting.answer])).map((a) => a.status)).toEqual([200, 200]);
  });
});
