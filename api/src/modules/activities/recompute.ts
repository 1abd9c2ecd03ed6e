import { and, asc, eq, inArray } from 'drizzle-orm';
import { activities, unitMovementTotals } from '@thidua/db';
import { recomputeStandings, type ScoringRules } from '@thidua/domain';
import { scoringInputOf } from '../scoring/ledger';
import type { Context } from '../../graphql/context';
import { notFound } from '../../errors';
import { findRuleVersion } from '../movements/movements.queries';
import type { RecomputedStanding } from './activity.type';

/**
 * Replays the approved activities of a movement, in approval order, under a chosen rule version,
 * and sets the result beside the live totals. An audit tool: it reads raw activities on purpose.
 */
export async function recomputeForVersion(ctx: Context, movementId: string, version: number): Promise<RecomputedStanding[]> {
  const ruleRow = /^[0-9a-f-]{36}$/i.test(movementId) ? await findRuleVersion(ctx.db, movementId, version) : undefined;
  if (!ruleRow) throw notFound(`quy tắc tính điểm phiên bản ${version}`);
  const approved = await ctx.db
    .select()
    .from(activities)
    .where(and(eq(activities.movementId, movementId), eq(activities.status, 'APPROVED')))
    .orderBy(asc(activities.reviewedAt), asc(activities.id));
  const input = approved.map((a) => scoringInputOf(a));
  const { totalsByUnit } = recomputeStandings(ruleRow.rules as ScoringRules, input);
  const live = await ctx.db.select({ unitId: unitMovementTotals.unitId, points: unitMovementTotals.points }).from(unitMovementTotals).where(eq(unitMovementTotals.movementId, movementId));
  const liveByUnit = new Map(live.map((l) => [String(l.unitId), l.points]));
  const unitIds = [...new Set([...totalsByUnit.keys(), ...liveByUnit.keys()])];
  const unitRows = await ctx.loaders.unitById.loadMany(unitIds.map(Number));
  return unitIds
    .map((id, i) => {
      const u = unitRows[i];
      return {
        unitId: id,
        unitName: u && !(u instanceof Error) ? u.fullName : id,
        livePoints: liveByUnit.get(id) ?? 0,
        recomputedPoints: totalsByUnit.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.livePoints - a.livePoints || a.unitId.localeCompare(b.unitId));
}
