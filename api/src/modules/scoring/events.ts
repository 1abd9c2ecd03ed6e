import { pubSub } from '../../graphql/pubsub';

export const POINTS_CHANGED = 'POINTS_CHANGED';
/** Which units' totals changed, sent just before the POINTS_CHANGED it belongs to. */
export const UNITS_SCORED = 'UNITS_SCORED';
/**
 * A movement's points changed without naming units (a rule version applied): every total is read
 * again. Sent instead of UNITS_SCORED, just before POINTS_CHANGED. Its own topic, not a
 * POINTS_CHANGED left unpaired: with several processes, the events of concurrent approvals
 * interleave on the bus, and pairing each POINTS_CHANGED with the UNITS_SCORED before it took some
 * for changes naming no units (every board of the movement ranked again, per approval).
 */
export const SCORES_RESET = 'SCORES_RESET';
export interface UnitsScored {
  movementId: string;
  unitIds: number[];
}

/**
 * Tells live views that a movement's points changed (called after the transaction commits). With
 * `unitIds` (an approval, a revocation: the units whose totals changed), boards are updated for
 * those units only; without, every total of the movement is read again.
 */
export function notifyPointsChanged(movementIds: Iterable<string>, unitIds?: readonly number[]): void {
  for (const movementId of new Set(movementIds)) {
    if (unitIds?.length) pubSub.publish(UNITS_SCORED, { movementId, unitIds: [...unitIds] } satisfies UnitsScored);
    else pubSub.publish(SCORES_RESET, movementId);
    pubSub.publish(POINTS_CHANGED, movementId);
  }
}

/** What changed about people or units, so badge criteria can be re-checked. */
export interface FactsChanged {
  citizenIds?: string[];
  householdIds?: string[];
  userIds?: string[];
  unitIds?: number[];
  movementId?: string;
}

type FactsListener = (change: FactsChanged) => Promise<void>;
const factsListeners: FactsListener[] = [];

/** Badges (and anything else that derives from facts) register here; modules stay independent. */
export function onFactsChanged(listener: FactsListener): void {
  factsListeners.push(listener);
}

/** Call after the transaction that changed the facts has committed. */
export async function notifyFactsChanged(change: FactsChanged): Promise<void> {
  for (const listener of factsListeners) await listener(change);
}
