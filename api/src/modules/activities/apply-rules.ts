import { and, asc, eq, sql } from 'drizzle-orm';
import { activities, citizenServiceCredits, movements, pointsLedger } from '@thidua/db';
import { isResponsibleForMovement, NOTE_MAX_LENGTH, recomputeStandings, roundPoints, sumPoints, type ScoringRules } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { fieldProblem } from '../../graphql/input-guard';
import { AppError, ErrorCode, badInput, forbidden, notFound, viMessage } from '../../errors';
import { requireRole } from '../auth/scope';
import { audit } from '../audit/audit';
import { findMovementForUpdate, findRuleVersion } from '../movements/movements.queries';
import { findUnitsByIds } from '../units/units.queries';
import { movementChanged } from '../movements/movement-cache';
import { adjustActivity, scoringInputOf } from '../scoring/ledger';
import { notifyPointsChanged } from '../scoring/events';
import { RECOMPUTERS } from './recompute';

export interface RuleVersionApplied {
  movementId: string;
  ruleVersion: number;
  previousRuleVersion: number;
  activitiesChanged: number;
  unitsChanged: number;
  pointsDifference: number;
}

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * Applies a rule version to a running movement: replays its approved activities in approval order
 * under that version (as `recomputeStandings` does) and appends, per activity, the difference
 * between the replayed points and what the ledger holds for it as an ADJUSTMENT row, through the
 * one path that writes the ledger and the totals. The version becomes the movement's current one.
 * Applying the same version again finds no difference and writes nothing. A closed movement's final
 * standings were frozen and published when it closed: they are never changed.
 */
export async function applyRuleVersion(ctx: Context, movementId: string, version: number, reasonInput: string): Promise<RuleVersionApplied> {
  const user = requireRole(ctx, RECOMPUTERS);
  const reason = reasonInput?.trim() ?? '';
  if (!reason) throw badInput([{ field: 'reason', message: 'Cần nêu lý do.', rule: 'required' }]);
  if (reason.length > NOTE_MAX_LENGTH) throw badInput([fieldProblem('reason', { rule: 'tooLong', max: NOTE_MAX_LENGTH })]);
  if (!Number.isInteger(version) || version < 1) throw badInput([{ field: 'ruleVersion', message: 'Phiên bản quy tắc không hợp lệ.', rule: 'outOfRange' }]);
  if (!UUID.test(movementId)) throw notFound('phong trào');

  const result = await ctx.db.transaction(async (tx) => {
    // the movement row is locked: approvals (which share-lock it) wait until the change is done
    const movement = await findMovementForUpdate(tx, movementId);
    if (!movement) throw notFound('phong trào');
    const [organizer] = await findUnitsByIds(tx, [movement.organizerUnitId]); // via tx: PGlite has one connection
    if (!organizer || !isResponsibleForMovement({ id: user.unitId, path: user.unitPath }, organizer))
      throw forbidden('Chỉ đơn vị tổ chức phong trào và cấp trên của đơn vị đó được áp dụng quy tắc tính điểm.');
    if (movement.status === 'DRAFT') throw new AppError(ErrorCode.MOVEMENT_NOT_ACTIVE, 'Phong trào chưa được phát động: chưa có điểm để áp dụng lại.');
    // closing a movement freezes and publishes its final standings at once
    if (movement.status === 'CLOSED') throw new AppError(ErrorCode.MOVEMENT_FINAL_FROZEN, viMessage(ErrorCode.MOVEMENT_FINAL_FROZEN));
    const ruleRow = await findRuleVersion(tx, movementId, version);
    if (!ruleRow) throw notFound(`quy tắc tính điểm phiên bản ${version}`);
    const rules = ruleRow.rules as ScoringRules;

    const approved = await tx
      .select()
      .from(activities)
      .where(and(eq(activities.movementId, movementId), eq(activities.status, 'APPROVED')))
      .orderBy(asc(activities.reviewedAt), asc(activities.id));
    const { awards } = recomputeStandings(rules, approved.map((a) => scoringInputOf(a)));
    const held = await tx
      .select({ activityId: pointsLedger.activityId, points: sql<string>`sum(${pointsLedger.points})` })
      .from(pointsLedger)
      .where(eq(pointsLedger.movementId, movementId))
      .groupBy(pointsLedger.activityId);
    const heldBy = new Map(held.map((h) => [h.activityId, Number(h.points)]));

    const units = new Set<number>();
    const differences: number[] = [];
    for (let i = 0; i < approved.length; i++) {
      const activity = approved[i]!;
      const difference = roundPoints(awards[i]!.points - (heldBy.get(activity.id) ?? 0));
      if (difference === 0) continue;
      await adjustActivity(tx, activity, difference, version, user.id, reason);
      units.add(activity.unitId);
      differences.push(difference);
    }

    // "a citizen counts once per service": later approvals see the claims the new rules make
    await tx.delete(citizenServiceCredits).where(eq(citizenServiceCredits.movementId, movementId));
    if (rules.citizenOncePerServicePerMovement) {
      const claims = new Map<string, { movementId: string; citizenKey: string; service: string; activityId: string }>();
      for (const a of approved)
        if (a.kind === 'ASSIST' && a.citizenKey && a.service && !claims.has(JSON.stringify([a.citizenKey, a.service])))
          claims.set(JSON.stringify([a.citizenKey, a.service]), { movementId, citizenKey: a.citizenKey, service: a.service, activityId: a.id });
      const rows = [...claims.values()];
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(citizenServiceCredits).values(rows.slice(i, i + 1000)).onConflictDoNothing();
    }

    const previousRuleVersion = movement.currentRuleVersion;
    if (previousRuleVersion !== version) await tx.update(movements).set({ currentRuleVersion: version }).where(eq(movements.id, movementId));
    const summary: RuleVersionApplied = {
      movementId,
      ruleVersion: version,
      previousRuleVersion,
      activitiesChanged: differences.length,
      unitsChanged: units.size,
      pointsDifference: roundPoints(sumPoints(differences)),
    };
    await audit(tx, {
      actorUserId: user.id,
      action: 'movement.apply-rule-version',
      entityType: 'movement',
      entityId: movementId,
      movementId,
      reason,
      data: { ...summary },
    });
    return summary;
  });
  movementChanged(movementId);
  if (result.activitiesChanged > 0) notifyPointsChanged([movementId]);
  return result;
}
