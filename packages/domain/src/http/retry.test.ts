import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryableOutcome, parseRetryAfter, retryDelay } from './retry';

const query = { idempotent: true, random: 0.5 };
const mutation = { idempotent: false, random: 0.5 };

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    [' 0 ', 0],
    ['', null],
    [null, null],
    ['soon', null],
  ])('reads %j as %j ms', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-12-05T08:00:00Z');
    expect(parseRetryAfter('Sat, 05 Dec 2026 08:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 07:59:00 GMT', now)).toBe(0);
  });
});

describe('retryDelay', () => {
  it('waits as long as Retry-After says after a 503', () => {
    expect(retryDelay({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '2' }, 1, query)).toBe(2000);
  });

  it('waits as long as Retry-After says after a 429', () => {
    expect(retryDelay({ status: 429, code: 'RATE_LIMITED', retryAfter: '4' }, 1, query)).toBe(4000);
  });

  it('caps a long Retry-After at the policy maximum', () => {
    expect(retryDelay({ status: 429, retryAfter: '3600' }, 1, query)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('backs off exponentially, with jitter, when the server gave no Retry-After', () => {
    const delays = [1, 2, 3, 4].map((attempt) => retryDelay({ status: null }, attempt, { idempotent: true, random: 1 }));
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay({ status: null }, 3, { idempotent: true, random: 0 })).toBe(1000);
  });

  it('retries the code SERVICE_UNAVAILABLE even when a proxy changed the status', () => {
    expect(retryDelay({ status: 200, code: 'SERVICE_UNAVAILABLE' }, 1, query)).toBe(375);
  });

  it('does not retry a fault of a mutation that is not safe to repeat', () => {
    expect(retryDelay({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '2' }, 1, mutation)).toBeNull();
    expect(retryDelay({ status: null }, 1, mutation)).toBeNull();
  });

  it('retries any request refused with 429: nothing was done', () => {
    expect(retryDelay({ status: 429, retryAfter: '1' }, 1, mutation)).toBe(1000);
  });

  it('gives up after the last attempt', () => {
    expect(retryDelay({ status: 503, retryAfter: '1' }, DEFAULT_RETRY_POLICY.maxAttempts, query)).toBeNull();
  });

  it.each([200, 400, 401, 403, 404, 500])('does not retry an answer with status %i', (status) => {
    expect(retryDelay({ status, code: status === 500 ? 'INTERNAL_SERVER_ERROR' : null }, 1, query)).toBeNull();
  });
});

describe('isRetryableOutcome', () => {
  it.each([
    [{ status: 503 }, true],
    [{ status: 429 }, true],
    [{ status: null }, true],
    [{ status: 200, code: 'SERVICE_UNAVAILABLE' }, true],
    [{ status: 200, code: 'BAD_USER_INPUT' }, false],
    [{ status: 500, code: 'INTERNAL_SERVER_ERROR' }, false],
  ])('%j → %j', (outcome, expected) => {
    expect(isRetryableOutcome(outcome)).toBe(expected);
  });
});
