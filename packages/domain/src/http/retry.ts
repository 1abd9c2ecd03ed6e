/**
 * When a client should send a request again, and after how long. A passing fault of the server
 * (HTTP 503 SERVICE_UNAVAILABLE: the database restarting), too many requests (429 RATE_LIMITED)
 * and a request that never reached the server (network error) are retried, honouring the
 * server's `Retry-After`; anything else is an answer, not a fault.
 */

export interface RetryPolicy {
  /** how many times a request is sent at most, the first time included */
  maxAttempts: number;
  /** the first delay without Retry-After, in ms; doubled each attempt */
  baseDelayMs: number;
  /** no delay is longer than this, Retry-After included */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** What came back from one attempt. */
export interface AttemptOutcome {
  /** HTTP status; null when no response arrived (network error, connection cut) */
  status: number | null;
  /** `extensions.code` of the first GraphQL error, if any */
  code?: string | null;
  /** the `Retry-After` header as sent (seconds or an HTTP date) */
  retryAfter?: string | null;
}

export const RETRYABLE_CODES = ['SERVICE_UNAVAILABLE', 'RATE_LIMITED'] as const;

/** The server said "not now" without doing anything: safe to resend any request. */
function refusedForNow(o: AttemptOutcome): boolean {
  return o.status === 429 || o.code === 'RATE_LIMITED';
}

/** A fault: the request may or may not have been carried out. */
function transient(o: AttemptOutcome): boolean {
  return o.status === null || o.status === 503 || o.code === 'SERVICE_UNAVAILABLE';
}

/** Whether an outcome is a fault to retry later (the offline queue keeps such work pending). */
export function isRetryableOutcome(o: AttemptOutcome): boolean {
  return refusedForNow(o) || transient(o);
}

/** `Retry-After` in ms: delta-seconds or an HTTP date (relative to `now`); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The delay before the next attempt in ms, or null when the request must not be sent again.
 *
 * - `attempt`: how many attempts were made so far (1 after the first);
 * - `idempotent`: a query, or a mutation that is safe to repeat (recordings carry a client id).
 *   Only those are retried after a fault (503, network); a 429 is retried whatever the request,
 *   because it was refused before anything happened;
 * - `random`: a number in [0, 1), for the jitter that spreads clients' retries apart.
 */
export function retryDelay(
  outcome: AttemptOutcome,
  attempt: number,
  options: { idempotent: boolean; policy?: RetryPolicy; random?: number; now?: number },
): number | null {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  if (attempt >= policy.maxAttempts) return null;
  if (!refusedForNow(outcome) && !(transient(outcome) && options.idempotent)) return null;
  const told = parseRetryAfter(outcome.retryAfter, options.now);
  if (told !== null) return Math.min(told, policy.maxDelayMs);
  // exponential backoff with "equal jitter": half fixed, half random
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const random = options.random ?? Math.random();
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
