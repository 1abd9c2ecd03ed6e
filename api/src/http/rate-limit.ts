import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import { clientIp } from './client-ip';
import { sendErrors } from './error-language';
import { RATE_LIMITED_STATUS } from './rate-limited';

/** Clients tracked at once per limiter; the least recently seen are forgotten first. */
const MAX_CLIENTS = 100_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: `perMinute` requests a minute, refilled continuously, bursts up to
 * `perMinute`. The buckets live in an LRU bounded by entries and time (a bucket left alone for a
 * minute is full again, so forgetting it changes nothing).
 */
export class RateLimiter {
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_CLIENTS, ttl: 60_000, ttlAutopurge: false });
  private readonly perMs: number;

  constructor(readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** null when the request may go on; otherwise the seconds to wait. */
  take(key: string, now = Date.now()): number | null {
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return null;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}

/**
 * GraphQL requests per client: anonymous ones per client address (TRUST_PROXY decides whether
 * X-Forwarded-For is believed), signed-in ones per user with their own, higher limit.
 * Returns a check that answers 429 `RATE_LIMITED` with Retry-After and says whether it did.
 */
export function graphqlRateLimit(config: Pick<Config, 'trustProxy' | 'rateLimitAnonymous' | 'rateLimitUser'>, userIdOf: (req: IncomingMessage) => Promise<string | null>) {
  const anonymous = config.rateLimitAnonymous > 0 ? new RateLimiter(config.rateLimitAnonymous) : null;
  const signedIn = config.rateLimitUser > 0 ? new RateLimiter(config.rateLimitUser) : null;
  /** seconds to wait before this request may go on, or null (it took a token) */
  async function waitFor(req: IncomingMessage): Promise<number | null> {
    if (!anonymous && !signedIn) return null;
    const userId = await userIdOf(req);
    return (userId ? signedIn?.take(userId) : anonymous?.take(clientIp(req, config))) ?? null;
  }
  async function refused(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const wait = await waitFor(req);
    if (wait == null) return false;
    sendErrors(res, RATE_LIMITED_STATUS, [{ code: ErrorCode.RATE_LIMITED, extensions: { retryAfter: wait } }], { 'retry-after': String(wait) });
    return true;
  }
  return Object.assign(refused, { waitFor });
}
