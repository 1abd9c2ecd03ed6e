import { createPubSub } from '@graphql-yoga/subscription';
import { eventBus } from '../../graphql/pubsub';
import { POINTS_CHANGED } from '../scoring/events';

/**
 * Live boards are pushed at most once a second per movement, however many approvals arrive: the
 * first change after a quiet second is pushed at once, the changes that follow within the second
 * are coalesced into one push at its end (trailing edge), so the last board a subscriber gets
 * holds every change. Each process coalesces for its own subscribers, from the POINTS_CHANGED
 * events it receives (its own, and with Redis every other process's), on a bus of its own: a tick
 * never crosses processes, so a subscriber gets one per second whatever the number of processes.
 */
export const LIVE_TICK_MS = 1_000;
export const LEADERBOARD_TICK = 'LEADERBOARD_TICK';

export const liveTicks = createPubSub<{ [LEADERBOARD_TICK]: [movementId: string, payload: string] }>();

/** per movement: when its board was last pushed, and the trailing push when one is coming (one small entry per movement) */
const pushes = new Map<string, { at: number; trailing: NodeJS.Timeout | null }>();

function push(movementId: string, state: { at: number }) {
  state.at = Date.now();
  liveTicks.publish(LEADERBOARD_TICK, movementId, movementId);
}

/** A change of the movement's points: pushed now, or folded into the push at the end of the second. */
export function pointsChanged(movementId: string): void {
  let state = pushes.get(movementId);
  if (!state) pushes.set(movementId, (state = { at: -Infinity, trailing: null }));
  if (state.trailing) return; // folded into the coming push
  const wait = state.at + LIVE_TICK_MS - Date.now();
  if (wait <= 0) return push(movementId, state);
  const s = state;
  s.trailing = setTimeout(() => {
    s.trailing = null;
    push(movementId, s);
  }, wait);
  s.trailing.unref();
}

// the local delivery of POINTS_CHANGED: once per event in this process, whichever process sent it
eventBus.addEventListener(POINTS_CHANGED, (event) => {
  const movementId = (event as CustomEvent).detail;
  if (typeof movementId === 'string') pointsChanged(movementId);
});
