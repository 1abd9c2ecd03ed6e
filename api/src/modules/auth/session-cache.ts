import { LRUCache } from 'lru-cache';
import { eventBus } from '../../graphql/pubsub';
import type { SessionUser } from './session-user';

export const SESSIONS_CHANGED = 'SESSIONS_CHANGED';

/** How long a looked-up session is trusted before it is read again. */
export const SESSION_CACHE_MS = 30_000;
const MAX_ENTRIES = 50_000;
const MAX_BYTES = 16 * 1024 * 1024;

type Entry = { epoch: number; until: number; expires: number; user: SessionUser };
const entryBytes = (e: Entry, token: string) => 256 + 2 * (token.length + JSON.stringify(e.user).length);

/**
 * Every request with a cookie looks up its session; an officer syncing or a leader approving sends
 * many. Looked-up sessions are kept per database for 30 s (never past their expiry), in an LRU
 * bounded by entries and bytes. Ending a
 * session announces SESSIONS_CHANGED on the event bus (so, with Redis, in every process), which
 * makes every cached session stale at once: a logout is never honoured late.
 */
let epoch = 0;
const caches = new WeakMap<object, LRUCache<string, Entry>>();

eventBus.onEvent((topic) => {
  if (topic === SESSIONS_CHANGED) epoch++;
});

export function sessionsChanged(): void {
  epoch++;
  eventBus.dispatchEvent(new CustomEvent(SESSIONS_CHANGED, { detail: null }));
}

export function cachedSession(db: object, token: string, now: number): SessionUser | undefined {
  const hit = caches.get(db)?.get(token);
  return hit && hit.epoch === epoch && hit.until > now ? hit.user : undefined;
}

export function rememberSession(db: object, token: string, user: SessionUser, expiresAt: Date, now: number, readAtEpoch: number): void {
  if (readAtEpoch !== epoch) return; // something changed while it was being read
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, Entry>({ max: MAX_ENTRIES, maxSize: MAX_BYTES, sizeCalculation: entryBytes })));
  cache.set(token, { epoch, until: Math.min(now + SESSION_CACHE_MS, expiresAt.getTime()), expires: expiresAt.getTime(), user });
}

/**
 * A token this process has seen as a valid session (however long ago; nothing ended since, and
 * it has not expired): what admission control sorts signed-in work by before a request is read.
 * A made-up token is never one, so it cannot jump the queue of anonymous reads.
 */
export function knownSession(db: object, token: string, now: number): boolean {
  const hit = caches.get(db)?.peek(token, { allowStale: true });
  return !!hit && hit.epoch === epoch && hit.expires > now;
}

export const sessionEpoch = () => epoch;
