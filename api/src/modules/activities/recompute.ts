import { and, asc, eq, inArray } from 'drizzle-orm';
import { activities, unitMovementTotals } from '@thidua/db';
import { isResponsibleForMovement, recomputeStandings, type ScoringRules } from '@thidua/domain';
import { scoringInputOf } from '../scoring/ledger';
import type { Context } from '../../graphql/context';
import { forbidden, notFound } from '../../errors';
import { requireRole } from '../auth/scope';
import { cachedMovement } from '../movements/movement-cache';
import { findRuleVersion } from '../movements/movements.queries';
import type { RecomputedStanding } from './activity.type';

/**
 * Replays the approved activities of a movement, in approval order, under a chosen rule version,
 * and sets the result beside the live totals. An audit tool: it reads raw activities on purpose.
 */
export const RECOMPUTERS = ['ADMIN', 'ORGANIZER', 'LEADER'] as const;

export async function recomputeForVersion(ctx: Context, movementId: string, version: number): Promise<RecomputedStanding[]> {
  const user = requireRole(ctx, RECOMPUTERS);
  // only those who answer for the movement: its organizer's subtree and the units above it
  const movement = /^[0-9a-f-]{36}$/i.test(movementId) ? (await cachedMovement(ctx.db, movementId))?.movement : undefined;
  if (!movement) throw notFound('phong trào');
  const organizer = await ctx.loaders.unitById.load(movement.organizerUnitId);
  if (!organizer || !isResponsibleForMovement({ id: user.unitId, path: user.unitPath }, organizer))
    throw forbidden('Chỉ đơn vị tổ chức phong trào và cấp trên của đơn vị đó được tính lại điểm.');
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
