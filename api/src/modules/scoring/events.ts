import { pubSub } from '../../graphql/pubsub';

export const POINTS_CHANGED = 'POINTS_CHANGED';

/** Tells live views that a movement's points changed (called after the transaction commits). */
export function notifyPointsChanged(movementIds: Iterable<string>): void {
  for (const movementId of new Set(movementIds)) pubSub.publish(POINTS_CHANGED, movementId);
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
