import type { Executor } from '@thidua/db';
import { LRUCache } from 'lru-cache';
import { eventBus } from '../../graphql/pubsub';
import { findUnitsWithAncestors, type UnitRow } from './units.queries';

export const UNITS_CHANGED = 'UNITS_CHANGED';

/** Bounds on the units kept per database (the national tree is ~50,000 units, ~25 MB). */
const MAX_UNITS = 100_000;
const MAX_BYTES = 48 * 1024 * 1024;
const unitBytes = (u: UnitRow) => 512 + 2 * ((u.name?.length ?? 0) + (u.fullName?.length ?? 0)) + 8 * u.path.length;
/** A safety net for API processes that share a database without sharing an event bus (no REDIS_URL). */
const MAX_AGE_MS = 60_000;

/**
 * Units and their ancestors, kept per database: every recording reads them. Units change rarely
 * (an admin renames one, corrects its denominators, deactivates a subtree, imports a sheet); each
 * change announces UNITS_CHANGED on the event bus (so, with Redis, in every API process), which
 * empties this cache and every other cache that holds units (leaderboards, public answers)
 * before the next read.
 */
let epoch = 0;
const caches = new WeakMap<object, { epoch: number; since: number; units: LRUCache<number, UnitRow> }>();

eventBus.onEvent((topic) => {
  if (topic === UNITS_CHANGED) epoch++;
});

/** Call after the transaction that changed units has committed. */
export function unitsChanged(ids: readonly number[]): void {
  epoch++;
  eventBus.dispatchEvent(new CustomEvent(UNITS_CHANGED, { detail: ids.slice(0, 1000) }));
}

function cacheOf(db: Executor): LRUCache<number, UnitRow> {
  const now = Date.now();
  let entry = caches.get(db);
  if (!entry || entry.epoch !== epoch || now - entry.since > MAX_AGE_MS) caches.set(db, (entry = { epoch, since: now, units: new LRUCache<number, UnitRow>({ max: MAX_UNITS, maxSize: MAX_BYTES, sizeCalculation: unitBytes }) }));
  return entry.units;
}

/** Returns the rows found among `ids`, and caches their ancestors too. */
export async function cachedUnitsWithAncestors(db: Executor, ids: readonly number[]): Promise<Map<number, UnitRow>> {
  const readAt = epoch;
  let cache = cacheOf(db);
  const complete = (id: number) => {
    const unit = cache.get(id);
    return !!unit && unit.path.every((a) => cache.has(a));
  };
  const missing = ids.filter((id) => !complete(id));
  const fetched = missing.length ? await findUnitsWithAncestors(db, missing) : [];
  // a change heard while reading: use what was read for this call, but keep none of it
  const keep = readAt === epoch;
  cache = cacheOf(db);
  if (keep) {
    for (const u of fetched) cache.set(u.id, u);
  }
  const fetchedById = new Map(fetched.map((u) => [u.id, u]));
  const byId = keep ? (id: number) => cache.get(id) : (id: number) => fetchedById.get(id) ?? cache.get(id);
  const out = new Map<number, UnitRow>();
  for (const id of ids) {
    const unit = byId(id);
    if (!unit) continue;
    out.set(id, unit);
    for (const a of unit.path) {
      const ancestor = byId(a);
      if (ancestor) out.set(a, ancestor);
    }
  }
  return out;
}
