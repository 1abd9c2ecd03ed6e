import type { Executor } from '@thidua/db';
import { findUnitsWithAncestors, type UnitRow } from './units.queries';

/** Bound on the units kept per database (the national tree is ~50,000). */
const MAX_UNITS = 200_000;
const caches = new WeakMap<object, Map<number, UnitRow>>();

/**
 * Units and their ancestors, kept per database for the life of the process: a unit is never
 * updated once created (its place in the tree, kind and denominators are set at creation), so a
 * cached row cannot go stale. Returns the rows found among `ids`, and caches their ancestors too.
 */
export async function cachedUnitsWithAncestors(db: Executor, ids: readonly number[]): Promise<Map<number, UnitRow>> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const complete = (id: number) => {
    const unit = cache.get(id);
    return !!unit && unit.path.every((a) => cache.has(a));
  };
  const missing = ids.filter((id) => !complete(id));
  if (missing.length) {
    const rows = await findUnitsWithAncestors(db, missing);
    if (cache.size + rows.length > MAX_UNITS) cache.clear();
    for (const u of rows) cache.set(u.id, u);
  }
  const out = new Map<number, UnitRow>();
  for (const id of ids) {
    const unit = cache.get(id);
    if (!unit) continue;
    out.set(id, unit);
    for (const a of unit.path) {
      const ancestor = cache.get(a);
      if (ancestor) out.set(a, ancestor);
    }
  }
  return out;
}
