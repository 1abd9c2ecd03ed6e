import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/factories';
import { GqlClient, dataOf, errorCodes, gql, startTestApp, type GqlResult, type TestApp } from '../support/harness';

const QUERY = '{ __typename }';
const LIMITS = { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_USER: '6' };

let proxied: TestApp;
let direct: TestApp;

beforeAll(async () => {
  // behind a proxy on loopback: X-Forwarded-For names the client
  proxied = await startTestApp({ env: { ...LIMITS, TRUST_PROXY: 'loopback' } });
  // no TRUST_PROXY: the TCP peer is the client, whatever X-Forwarded-For says
  direct = await startTestApp({ env: LIMITS });
});
afterAll(async () => {
  await proxied?.close();
  await direct?.close();
});

const from = (ip: string, cookie?: string | null) => ({ cookie, headers: { 'x-forwarded-for': ip } });

function expectRateLimited(result: GqlResult) {
  expect(result.status).toBe(429);
  expect(errorCodes(result)).toEqual(['RATE_LIMITED']);
  const wait = Number(result.headers.get('retry-after'));
  expect(Number.isInteger(wait) && wait >= 1 && wait <= 60).toBe(true);
  expect(result.errors![0].extensions!.retryAfter).toBe(wait);
}

describe('anonymous GraphQL', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client address is over its limit', async () => {
    for (let i = 0; i < 3; i++) dataOf(await gql(proxied.url, QUERY, undefined, from('203.0.113.1')));
    expectRateLimited(await gql(proxied.url, QUERY, undefined, from('203.0.113.1')));
  });

  it('counts each client address apart (behind a trusted proxy, by X-Forwarded-For)', async () => {
    for (let i = 0; i < 3; i++) dataOf(await gql(proxied.url, QUERY, undefined, from('203.0.113.2')));
    expectRateLimited(await gql(proxied.url, QUERY, undefined, from('203.0.113.2')));
    dataOf(await gql(proxied.url, QUERY, undefined, from('203.0.113.3')));
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is unset: a client cannot pose as many', async () => {
    for (let i = 0; i < 3; i++) dataOf(await gql(direct.url, QUERY, undefined, from(`198.51.100.${i + 1}`)));
    expectRateLimited(await gql(direct.url, QUERY, undefined, from('198.51.100.99')));
  });
});

describe('signed-in GraphQL', () => {
  it('has its own, higher limit per user, apart from the address it comes from', async () => {
    const user = await newUser(proxied.db, { role: 'OFFICER' });
    const client = new GqlClient(proxied.url);
    await client.login(user.username, user.password); // from 127.0.0.1, anonymous
    for (let i = 0; i < 3; i++) dataOf(await gql(proxied.url, QUERY, undefined, from('203.0.113.4')));
    expectRateLimited(await gql(proxied.url, QUERY, undefined, from('203.0.113.4')));
    // the same address, signed in: the user's own bucket
    for (let i = 0; i < 6; i++) expect(dataOf(await gql(proxied.url, '{ me { username } }', undefined, from('203.0.113.4', client.cookie))).me.username).toBe(user.username);
    expectRateLimited(await gql(proxied.url, QUERY, undefined, from('203.0.113.5', client.cookie)));
  });
});
