import { LRUCache } from 'lru-cache';
import { readSource, type Context } from '../../graphql/context';
import { eventBus } from '../../graphql/pubsub';
import type { MovementRow } from '../movements/movements.queries';
import { POINTS_CHANGED } from '../scoring/events';
import { targetProgressFor } from '../leaderboards/targets.service';
import type { MovementTotals, RecentActivity } from './overview.type';
import { digitalBadgeCounts, movementTotalsRow, recentApprovals } from './overview.queries';
import type { Unit } from '../units/unit.type';

/** The most activities the public feed answers at once. */
export const FEED_MAX = 50;

/**
 * A movement's totals (and its targets at the scope root) are read by every visitor of the home
 * page: kept per movement until its points change (or 30 s pass, for badges), like the boards.
 */
const totalsCache = new LRUCache<string, MovementTotals>({ max: 200, ttl: 30_000 });
let generation = 0;

eventBus.onEvent((topic, payload) => {
  if (topic !== POINTS_CHANGED || typeof payload !== 'string') return;
  generation++;
  for (const key of [...totalsCache.keys()]) if (key.startsWith(payload)) totalsCache.delete(key);
});

export class OverviewService {
  constructor(private readonly ctx: Context) {}

  async totals(movement: MovementRow): Promise<MovementTotals> {
    const key = `${movement.id}|${movement.status}`;
    const hit = totalsCache.get(key);
    if (hit) return hit;
    const started = generation;
    const frozen = movement.status === 'CLOSED';
    // public: on the read replica when there is one
    const source = readSource(this.ctx);
    const [row, badges, targets] = await Promise.all([
      movementTotalsRow(source.db, movement.id, movement.scopeUnitId, frozen),
      digitalBadgeCounts(source.db, movement.scopeUnitId),
      targetProgressFor(this.ctx, movement, movement.scopeUnitId),
    ]);
    const totals: MovementTotals = {
      movementId: movement.id,
      ...row,
      digitalCitizens: badges.citizens,
      digitalHouseholds: badges.households,
      frozen,
      targets,
      computedAt: source.asOf,
    };
    // computed across a change of points, or from a replica more than a second behind: served, not kept
    if (started === generation && Date.now() - source.asOf.getTime() < 1000) totalsCache.set(key, totals);
    return totals;
  }

  async recent(movement: MovementRow, first: number): Promise<RecentActivity[]> {
    const rows = await recentApprovals(readSource(this.ctx).db, movement.id, Math.min(Math.max(1, first), FEED_MAX));
    return rows.map((r) => ({ ...r, unit: undefined as unknown as Unit }));
  }
}
