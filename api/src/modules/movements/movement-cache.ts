import type { Executor } from '@thidua/db';
import type { ScoringRules } from '@thidua/domain';
import { LRUCache } from 'lru-cache';
import { eventBus } from '../../graphql/pubsub';
import { findMovementWithRules, type MovementRow } from './movements.queries';

export const MOVEMENT_CHANGED = 'MOVEMENT_CHANGED';

export interface MovementWithRules {
  movement: MovementRow;
  rules: ScoringRules;
}

/**
 * Movements are read on every recording and every board, and change a few times in their life
 * (edited as drafts, opened, rules versioned, closed). Each database keeps its own cache here;
 * every change announces MOVEMENT_CHANGED on the event bus (so, with Redis, in every process) and
 * makes all cached movements stale before the next read.
 */
let epoch = 0;
/** A safety net for API processes that share a database without sharing an event bus (no REDIS_URL). */
const MAX_AGE_MS = 60_000;
/** Movements kept per database: an LRU, so ids asked for at random cannot grow it. */
const MAX_MOVEMENTS = 2_000;
type Entry = { epoch: number; at: number; value: Promise<MovementWithRules | undefined> };
const caches = new WeakMap<object, LRUCache<string, Entry>>();

eventBus.onEvent((topic) => {
  if (topic === MOVEMENT_CHANGED) epoch++;
});

/** Call after the transaction that changed a movement has committed. */
export function movementChanged(id: string): void {
  epoch++;
  eventBus.dispatchEvent(new CustomEvent(MOVEMENT_CHANGED, { detail: id }));
}

/** The movement and the rules of its current version, from the cache when nothing changed since. */
export function cachedMovement(db: Executor, id: string): Promise<MovementWithRules | undefined> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, Entry>({ max: MAX_MOVEMENTS })));
  const hit = cache.get(id);
  if (hit && hit.epoch === epoch && Date.now() - hit.at < MAX_AGE_MS) return hit.value;
  const value = findMovementWithRules(db, id).then((found) => (found ? { movement: found.movement, rules: found.rules as ScoringRules } : undefined));
  const entry = { epoch, at: Date.now(), value };
  cache.set(id, entry);
  // a movement that does not exist (yet), or a failed read, is not remembered
  value.then(
    (found) => { if (!found && cache.get(id) === entry) cache.delete(id); },
    () => { if (cache.get(id) === entry) cache.delete(id); },
  );
  return value;
}
