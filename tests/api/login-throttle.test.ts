import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '@thidua/api/src/app';
import { appRoutes } from '@thidua/api/src/routes';
import { FREE_LOGIN_TRIES } from '@thidua/api/src/modules/auth/login-throttle';
import { newUser } from '../support/factories';
import { dataOf, errorCodes, gql, startTestApp, type GqlResult, type TestApp } from '../support/harness';
import { spawnApiProcess, stopChild } from '../support/spawn-api';

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username } }';

let t: TestApp;

beforeAll(async () => {
  // X-Forwarded-For from the loopback proxy is believed: each test client picks its own address
  t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
});
afterAll(() => t?.close());

const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
const login = (username: string, password: string, ip: string, url = t.url) => gql(url, LOGIN, { u: username, p: password }, from(ip));

// the throttle runs on the API's clock (Date): a stopped clock makes a slow burst one instant,
// and moving it on is the client waiting Retry-After seconds
let clock = Date.parse('2026-12-05T08:00:00Z');
const stopClock = () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
};
const waitSeconds = (seconds: number) => vi.setSystemTime((clock += seconds * 1000));
afterEach(() => {
  vi.useRealTimers();
  clock += 3_600_000;
});

function expectRateLimited(result: GqlResult, seconds: number) {
  expect(errorCodes(result)).toEqual(['RATE_LIMITED']);
  expect(result.status).toBe(429);
  expect(result.errors![0].extensions!.retryAfter).toBe(seconds);
  expect(result.headers.get('retry-after')).toBe(String(seconds));
}

async function failFreeTries(username: string, ip: string) {
  for (let i = 0; i < FREE_LOGIN_TRIES; i++) expect(errorCodes(await login(username, `sai-${i}`, ip))).toEqual(['auth/invalid-credentials']);
}

describe('the sign-in throttle', () => {
  it('lets at most the free tries of a concurrent burst of wrong passwords reach the password check', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    stopClock();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(target.username, `doan-${i}`, '203.0.113.10')));
    const codes = results.map((r) => errorCodes(r)[0]);
    const checked = codes.filter((c) => c === 'auth/invalid-credentials').length;
    expect(checked).toBe(FREE_LOGIN_TRIES);
    expect(codes.filter((c) => c !== 'auth/invalid-credentials').every((c) => c === 'RATE_LIMITED')).toBe(true);
  });

  it('makes each further try wait 1, 2, 4 … seconds, and lets the right password in after the wait', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    const ip = '203.0.113.11';
    stopClock();
    await failFreeTries(target.username, ip);
    expectRateLimited(await login(target.username, 'sai-nua', ip), 1);
    // even the right password waits: the throttle answers before the password is checked
    expectRateLimited(await login(target.username, target.password, ip), 1);
    waitSeconds(1);
    expect(errorCodes(await login(target.username, 'sai-lan-5', ip))).toEqual(['auth/invalid-credentials']);
    expectRateLimited(await login(target.username, 'sai-nua', ip), 2);
    waitSeconds(1);
    expectRateLimited(await login(target.username, 'sai-nua', ip), 1);
    waitSeconds(1);
    expect(errorCodes(await login(target.username, 'sai-lan-6', ip))).toEqual(['auth/invalid-credentials']);
    expectRateLimited(await login(target.username, 'sai-nua', ip), 4);
    waitSeconds(4);
    expect(dataOf(await login(target.username, target.password, ip)).login.username).toBe(target.username);
    // the right password cleared the count: the free tries are there again
    await failFreeTries(target.username, ip);
  });

  it('never waits more than a minute', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    const ip = '203.0.113.12';
    stopClock();
    await failFreeTries(target.username, ip);
    for (let i = 0; i < 9; i++) {
      waitSeconds(60);
      expect(errorCodes(await login(target.username, `sai-them-${i}`, ip))).toEqual(['auth/invalid-credentials']);
    }
    expectRateLimited(await login(target.username, 'sai-nua', ip), 60);
  });

  it('does not hold back the real person at another address while someone guesses', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    stopClock();
    await failFreeTries(target.username, '203.0.113.13');
    for (let i = 0; i < 5; i++) expect(errorCodes(await login(target.username, `doan-${i}`, '203.0.113.13'))).toEqual(['RATE_LIMITED']);
    expect(dataOf(await login(target.username, target.password, '198.51.100.20')).login.username).toBe(target.username);
  });

  it('counts the username whatever its case', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    const ip = '203.0.113.14';
    stopClock();
    await failFreeTries(target.username.toUpperCase(), ip);
    expectRateLimited(await login(target.username, target.password, ip), 1);
  });
});

describe('the count of failed sign-ins', () => {
  it('is kept in the database: another API process on it, or a restarted one, still makes the client wait', async () => {
    const target = await newUser(t.db, { role: 'LEADER' });
    // no X-Forwarded-For: the client is 127.0.0.1 for this app and for the other process alike
    const fail = async (i: number) => expect(errorCodes(await gql(t.url, LOGIN, { u: target.username, p: `sai-${i}` }))).toEqual(['auth/invalid-credentials']);
    // from the real time on, failures until the wait (32 s) outlasts starting another process
    clock = Date.now();
    stopClock();
    for (let i = 0; i < FREE_LOGIN_TRIES; i++) await fail(i);
    for (const wait of [1, 2, 4, 8, 16]) {
      waitSeconds(wait);
      await fail(wait);
    }
    vi.useRealTimers();
    if (t.engine === 'postgres') {
      // a process that has never seen the failures
      const other = await spawnApiProcess(t.config.databaseUrl!, '');
      try {
        expect(errorCodes(await gql(other.url, LOGIN, { u: target.username, p: target.password }))).toEqual(['RATE_LIMITED']);
      } finally {
        await stopChild(other.child);
      }
    } else {
      // PGlite allows one process: a second app on the same database
      const again = await createApp(t.config, t.database, appRoutes);
      try {
        await again.listen(0, '127.0.0.1');
        const url = `http://127.0.0.1:${(again.server.address() as AddressInfo).port}`;
        expect(errorCodes(await gql(url, LOGIN, { u: target.username, p: target.password }))).toEqual(['RATE_LIMITED']);
      } finally {
        await again.close();
      }
    }
  });
});
