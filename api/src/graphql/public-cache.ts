import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { LRUCache } from 'lru-cache';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';
import type { Context } from './context';
import { eventBus } from './pubsub';

/**
 * Public answers (leaderboards: units only, never people) are cached whole for readers without a
 * session, keyed by the request and by a data version that moves on every mutation of this
 * process and every live event from any process (points changed), so a cached board is never
 * older than the last change this process heard of; changes it cannot hear of (another process's
 * edit without Redis) are bounded by the max age.
 *
 * Identical anonymous requests that arrive while one of them is being answered wait for that
 * answer instead of computing it again (single flight): a crowd reading the same board after a
 * change costs one answer. With PUBLIC_FRESHNESS_MS > 0 (a national campaign: approvals pouring
 * in), the version moves at once on the first change after a quiet window and at most once per
 * window while changes keep coming, so anonymous answers may be that much behind a change and a
 * stream of approvals costs each public board one answer per window, not one per approval.
 * Signed-in readers never read this cache.
 */
export const PUBLIC_MAX_AGE_SECONDS = 10;

let freshnessMs = 0;
/** PUBLIC_FRESHNESS_MS: how far behind the last change an anonymous answer may be (0: never). */
export function setPublicFreshness(ms: number): void {
  freshnessMs = Math.max(0, Math.min(10_000, Math.trunc(ms) || 0));
}

/** Apollo's cache-control directive, declared so that types and fields can carry hints. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'Gợi ý lưu đệm câu trả lời công khai (Apollo cache control).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } }) },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** Bounds on the cached public answers of this process (keyed by a hash of the request). */
const PUBLIC_CACHE = { max: 2_000, maxSize: 16 * 1024 * 1024 };

/** Apollo's key-value cache interface over an LRU bounded by entries and bytes (Apollo's ttl is in seconds). */
export function boundedAnswerCache(bounds = PUBLIC_CACHE) {
  const lru = new LRUCache<string, string>({ ...bounds, sizeCalculation: (value, key) => 2 * (value.length + key.length) + 64 });
  return {
    async get(key: string) {
      const hit = lru.get(key);
      if (hit !== undefined) return hit;
      const flight = await joinFlight(key);
      return flight ? lru.get(key) : undefined;
    },
    async set(key: string, value: string, options?: { ttl?: number | null }) {
      lru.set(key, value, { ttl: options?.ttl ? options.ttl * 1000 : 0 });
      landFlight(key, true);
    },
    async delete(key: string) {
      return lru.delete(key);
    },
    get calculatedSize() {
      return lru.calculatedSize;
    },
  };
}

// ---- single flight: one answer computed per key at a time, the identical requests meanwhile wait for it

/** the answers being computed, by cache key: bounded by the requests running (admission control) */
const flights = new Map<string, { landed: Promise<void>; land(): void }>();
/** keys whose answer was not kept (not cacheable): their requests do not wait for one another */
const solo = new LRUCache<string, true>({ max: 2_000, ttl: 10_000 });
/** the keys the current request is computing, so they land when it ends whatever happened */
const flying = new AsyncLocalStorage<string[]>();
/** a waiter never waits longer than this, whatever happens to the request it waits for */
const MAX_WAIT_MS = 5_000;

/** Runs one GraphQL request; the answers it computes for waiting identical requests land when it ends. */
export async function withAnswerFlights<T>(run: () => Promise<T>): Promise<T> {
  const keys: string[] = [];
  try {
    return await flying.run(keys, run);
  } finally {
    for (const key of keys) landFlight(key, false);
  }
}

/** Waits for the identical request computing `key`, if any (true: it ended); else this request computes it. */
async function joinFlight(key: string): Promise<boolean> {
  const mine = flying.getStore();
  if (!mine || solo.has(key)) return false;
  const flight = flights.get(key);
  if (flight) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([flight.landed, new Promise<void>((r) => (timer = setTimeout(r, MAX_WAIT_MS)))]);
    clearTimeout(timer);
    return true;
  }
  let land!: () => void;
  const landed = new Promise<void>((r) => (land = r));
  flights.set(key, { landed, land });
  mine.push(key);
  return false;
}

function landFlight(key: string, kept: boolean): void {
  const flight = flights.get(key);
  if (!flight) return;
  flights.delete(key);
  if (!kept) solo.set(key, true);
  flight.land();
}

let dataVersion = 0;
/** when the version last moved (ms): an answer kept under it holds every change before then */
let changedAt = 0;
let trailing: NodeJS.Timeout | null = null;

function moveVersion(): void {
  dataVersion++;
  changedAt = Date.now();
}

/** Makes every cached public answer stale (they are keyed by the version): now, or within PUBLIC_FRESHNESS_MS. */
export function publicDataChanged(): void {
  if (!freshnessMs) return moveVersion();
  if (trailing) return;
  const wait = changedAt + freshnessMs - Date.now();
  if (wait <= 0) return moveVersion();
  trailing = setTimeout(() => {
    trailing = null;
    moveVersion();
  }, wait);
  trailing.unref();
}

// every live event (points changed, here or — with Redis — in another process) moves the version
eventBus.onEvent(() => publicDataChanged());

export function publicCachePlugins(): ApolloServerPlugin<Context>[] {
  const anonymous = async (rc: { contextValue: Context }) => rc.contextValue.user === null;
  return [
    responseCachePlugin<Context>({
      cache: boundedAnswerCache(),
      sessionId: async () => null,
      shouldReadFromCache: anonymous,
      // an answer read from a replica that had not yet replayed the last change is served, not kept
      shouldWriteToCache: async (rc) => rc.contextValue.user === null && (rc.contextValue.readAsOf?.getTime() ?? Number.POSITIVE_INFINITY) >= changedAt,
      extraCacheKeyData: async () => dataVersion,
    }),
    {
      async requestDidStart() {
        return {
          async willSendResponse(rc) {
            if (rc.operation?.operation === 'mutation') publicDataChanged();
          },
        };
      },
    },
  ];
}
