import { retryDelay, type AttemptOutcome } from '@thidua/domain';

/**
 * fetch() for the GraphQL client that retries, on its own, what the server calls a passing fault:
 * 503 SERVICE_UNAVAILABLE (the database restarting), 429 RATE_LIMITED, and requests that never
 * reached the server — waiting as long as `Retry-After` says, else backing off (the policy is
 * `retryDelay` in @thidua/domain). After a fault only queries and the mutations that are safe to
 * repeat are sent again: recordings carry the client's id, so a repeat returns the first record.
 */

/** Mutations that give the same result when sent twice (recordings carry client-generated ids; logging out twice is logging out). */
const IDEMPOTENT_MUTATIONS = new Set(['RecordClass', 'RecordAssist', 'SyncActivities', 'Logout']);

function isIdempotent(body: BodyInit | null | undefined): boolean {
  if (typeof body !== 'string') return false;
  try {
    const { query, operationName } = JSON.parse(body) as { query?: string; operationName?: string };
    // strip comments, then look at the operation's keyword
    const text = (query ?? '').replace(/#[^\n]*/g, '').trimStart();
    if (!/^mutation\b/.test(text) && !/^subscription\b/.test(text)) return true;
    const name = operationName ?? /^mutation\s+(\w+)/.exec(text)?.[1];
    return !!name && IDEMPOTENT_MUTATIONS.has(name);
  } catch {
    return false;
  }
}

/** The code of the first GraphQL error of a JSON answer (read from a copy; the caller gets the body intact). */
async function errorCode(response: Response): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function createRetryingFetch(base: typeof fetch = (...args) => globalThis.fetch(...args)): typeof fetch {
  return async (input, init) => {
    const idempotent = isIdempotent(init?.body);
    for (let attempt = 1; ; attempt++) {
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await base(input, init);
      } catch (error) {
        // the caller gave up (a cancelled query): no retry
        if (init?.signal?.aborted) throw error;
        // no signal at all: answer at once, so the page shows the last data seen and recordings go
        // to the device's queue (which sends them when the `online` event comes)
        if (typeof navigator !== 'undefined' && navigator.onLine === false) throw error;
        failure = error;
      }
      // a 200 whose errors say SERVICE_UNAVAILABLE (a proxy rewrote the status) is a fault too
      const outcome: AttemptOutcome = response
        ? { status: response.status, code: response.status === 200 ? null : await errorCode(response), retryAfter: response.headers.get('retry-after') }
        : { status: null };
      const delay = retryDelay(outcome, attempt, { idempotent });
      if (delay === null) {
        if (response) return response;
        throw failure;
      }
      await response?.body?.cancel().catch(() => {});
      await sleep(delay, init?.signal);
    }
  };
}
