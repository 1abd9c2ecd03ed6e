import type { UnitKind } from '../units/kinds';

/** What the scope rules need to know of a unit. `path` lists the ids from Việt Nam to the unit itself. */
export interface ScopedUnit {
  id: number;
  kind: UnitKind;
  parentId: number | null;
  communeId: number | null;
  path: readonly number[];
}

/**
 * The area whose residents and places a unit's people serve. Most units serve their own subtree;
 * an organization (police station, youth branch, school…) has no residents below it and serves
 * the commune it hangs under (or, outside any commune, its parent's area).
 */
export function servedAreaRootId(unit: Pick<ScopedUnit, 'id' | 'kind' | 'parentId' | 'communeId'>): number {
  return unit.kind === 'ORGANIZATION' && unit.parentId != null ? (unit.communeId ?? unit.parentId) : unit.id;
}

/** Whether a unit (a citizen's residential group, a class's venue) lies in the area the actor's unit serves. */
export function isInServedArea(actorUnit: Pick<ScopedUnit, 'id' | 'kind' | 'parentId' | 'communeId'>, target: Pick<ScopedUnit, 'path'>): boolean {
  return target.path.includes(servedAreaRootId(actorUnit));
}

/**
 * Who answers for a movement: people acting for a subtree that holds its organizer unit (the
 * organizer itself, the steering committee above it, a national ADMIN), or for a unit inside the
 * organizer's own subtree. A leader of another province is neither.
 */
export function isResponsibleForMovement(actorUnit: Pick<ScopedUnit, 'id' | 'path'>, organizerUnit: Pick<ScopedUnit, 'id' | 'path'>): boolean {
  return organizerUnit.path.includes(actorUnit.id) || actorUnit.path.includes(organizerUnit.id);
}
