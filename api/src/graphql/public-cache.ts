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
 */
export const PUBLIC_MAX_AGE_SECONDS = 10;

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
      return lru.get(key);
    },
    async set(key: string, value: string, options?: { ttl?: number | null }) {
      lru.set(key, value, { ttl: options?.ttl ? options.ttl * 1000 : 0 });
    },
    async delete(key: string) {
      return lru.delete(key);
    },
    get calculatedSize() {
      return lru.calculatedSize;
    },
  };
}

let dataVersion = 0;
/** when the version last moved (ms) */
let changedAt = 0;

/** Makes every cached public answer stale (they are keyed by the version). */
export function publicDataChanged(): void {
  dataVersion++;
  changedAt = Date.now();
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
