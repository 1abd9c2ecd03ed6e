import { pubSub } from '../../graphql/pubsub';

export const POINTS_CHANGED = 'POINTS_CHANGED';

/** Tells live views that a movement's points changed (called after the transaction commits). */
export function notifyPointsChanged(movementIds: Iterable<string>): void {
  for (const movementId of new Set(movementIds)) pubSub.publish(POINTS_CHANGED, movementId);
}
