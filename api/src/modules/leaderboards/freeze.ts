import { frozenStandings } from '@thidua/db';
import { eventBus } from '../../graphql/pubsub';
import { closeHooks } from '../movements/close-hooks';
import { SCORES_RESET, UNITS_SCORED, type UnitsScored } from '../scoring/events';
import { UNITS_CHANGED } from '../units/unit-cache';
import { leaderboardEngine } from './leaderboards.service';
import { snapshotTotals } from './leaderboards.queries';

// Live boards are cached until the movement's points change, or any unit changes (a name or a
// population shows on every board), in this process or (with Redis) any other. Units scored:
// their boards are brought up to date on the next read; points changed naming no units: ranked again.
// (POINTS_CHANGED, which follows both, is for subscribers.)
eventBus.onEvent((topic, payload) => {
  if (topic === UNITS_SCORED) {
    const scored = payload as Partial<UnitsScored> | null;
    if (typeof scored?.movementId === 'string' && Array.isArray(scored.unitIds)) leaderboardEngine.unitsScored(scored.movementId, scored.unitIds.map(Number));
  } else if (topic === SCORES_RESET && typeof payload === 'string') leaderboardEngine.invalidate(payload);
  else if (topic === UNITS_CHANGED) leaderboardEngine.invalidateAll();
});

/** When a movement closes, its final standings (points, every scope) are written once and published. */
closeHooks.register(async (_ctx, tx, movement) => {
  await snapshotTotals(tx, movement.id);
  for (const scope of ['PROVINCE', 'COMMUNE', 'UNIT'] as const) {
    const board = await leaderboardEngine.compute(tx, movement, { scope, metric: 'POINTS' }, null);
    const rows = board.ranked.map((e) => ({ movementId: movement.id, scope, unitId: e.unitId, rank: e.rank!, points: e.points }));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(frozenStandings).values(rows.slice(i, i + 1000)).onConflictDoNothing();
  }
  leaderboardEngine.invalidate(movement.id);
});
