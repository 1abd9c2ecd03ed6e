import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { areaDailyTotals, areaMovementTotals, citizenServiceCredits, placeClassCounts, pointsLedger, unitDailyTotals, unitMovementTotals, type Executor } from '@thidua/db';
import { bonusOnLateConfirmation, confirmationBonus, roundPoints, scoreActivity, sumPoints, type ActivityForScoring, type Award, type AwardReason, type ScoringRules } from '@thidua/domain';
import type { ActivityRow } from '../activities/activities.queries';

/**
 * The only code that writes the points ledger and the totals it feeds. Both happen in the caller's
 * transaction. Per event it touches the unit's own rows and its area's (the unit's commune, shared
 * only by that commune's units); provinces are rolled up from areas on read, so no row shared by a
 * whole province is locked per event.
 */

type Counters = { classes: number; attendees: number; assists: number; quizzes: number; confirmed: number; ratingSum: number };
const NO_COUNTERS: Counters = { classes: 0, attendees: 0, assists: 0, quizzes: 0, confirmed: 0, ratingSum: 0 };

/** What an approved activity counts for on the boards (its confirmation too, for an assist). */
function counters(activity: ActivityRow, sign: 1 | -1): Counters {
  return {
    classes: activity.kind === 'CLASS' ? sign : 0,
    attendees: activity.kind === 'CLASS' ? sign * (activity.attendeeCount ?? 0) : 0,
    assists: activity.kind === 'ASSIST' ? sign : 0,
    quizzes: activity.kind === 'QUIZ' ? sign : 0,
    ...confirmationCounters(activity, sign),
  };
}

/** A confirmed assist counts once toward CONFIRMED_SHARE and its rating toward SATISFACTION. */
function confirmationCounters(activity: ActivityRow, sign: 1 | -1): Pick<Counters, 'confirmed' | 'ratingSum'> {
  const confirmed = activity.kind === 'ASSIST' && activity.confirmedAt != null && activity.confirmationRating != null;
  return { confirmed: confirmed ? sign : 0, ratingSum: confirmed ? sign * activity.confirmationRating! : 0 };
}

async function addToTotals(tx: Executor, activity: ActivityRow, points: number, sign: 1 | -1 | 0, only?: Counters) {
  const c = only ?? (sign === 0 ? NO_COUNTERS : counters(activity, sign));
  const placeUnitId = (activity.details as { placeUnitId?: number | null }).placeUnitId;
  if (activity.kind === 'CLASS' && placeUnitId != null && sign !== 0)
    await tx
      .insert(placeClassCounts)
      .values({ movementId: activity.movementId, unitId: activity.unitId, placeUnitId, classes: sign })
      .onConflictDoUpdate({
        target: [placeClassCounts.movementId, placeClassCounts.unitId, placeClassCounts.placeUnitId],
        set: { classes: sql`${placeClassCounts.classes} + ${sign}` },
      });
  const unit = { movementId: activity.movementId, unitId: activity.unitId };
  // the unit's area (its commune; its province above commune level), for commune and province boards
  const area = { movementId: activity.movementId, areaUnitId: sql`(select coalesce(commune_id, province_id, id) from units where id = ${activity.unitId})` };
  const day = { day: activity.occurredOn };
  await addCounters(tx, unitDailyTotals, { ...unit, ...day }, [unitDailyTotals.movementId, unitDailyTotals.unitId, unitDailyTotals.day], points, c);
  await addCounters(tx, unitMovementTotals, unit, [unitMovementTotals.movementId, unitMovementTotals.unitId], points, c, { updatedAt: sql`now()` });
  await addCounters(tx, areaDailyTotals, { ...area, ...day }, [areaDailyTotals.movementId, areaDailyTotals.areaUnitId, areaDailyTotals.day], points, c);
  await addCounters(tx, areaMovementTotals, area, [areaMovementTotals.movementId, areaMovementTotals.areaUnitId], points, c);
}

type TotalsTable = typeof unitDailyTotals | typeof unitMovementTotals | typeof areaDailyTotals | typeof areaMovementTotals;

/** Adds points and counters to one totals row, creating it when it is the first. */
async function addCounters(tx: Executor, table: TotalsTable, key: Record<string, unknown>, target: PgColumn[], points: number, c: Counters, extra: Record<string, SQL> = {}) {
  await tx
    .insert(table)
    .values({ ...key, points, ...c } as never)
    .onConflictDoUpdate({
      target,
      set: {
        points: sql`${table.points} + ${points}`,
        classes: sql`${table.classes} + ${c.classes}`,
        attendees: sql`${table.attendees} + ${c.attendees}`,
        assists: sql`${table.assists} + ${c.assists}`,
        quizzes: sql`${table.quizzes} + ${c.quizzes}`,
        confirmed: sql`${table.confirmed} + ${c.confirmed}`,
        ratingSum: sql`${table.ratingSum} + ${c.ratingSum}`,
        ...extra,
      },
    });
}

/** Points the unit already earned on the activity's day, locking that unit-day row (daily cap). */
async function lockUnitDay(tx: Executor, activity: ActivityRow): Promise<number> {
  await tx
    .insert(unitDailyTotals)
    .values({ movementId: activity.movementId, unitId: activity.unitId, day: activity.occurredOn })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ points: unitDailyTotals.points })
    .from(unitDailyTotals)
    .where(and(eq(unitDailyTotals.movementId, activity.movementId), eq(unitDailyTotals.unitId, activity.unitId), eq(unitDailyTotals.day, activity.occurredOn)))
    .for('update');
  return row?.points ?? 0;
}

/** "A citizen counts once per service per movement": the first approved activity claims the key. */
async function claimCitizenService(tx: Executor, activity: ActivityRow, rules: ScoringRules): Promise<boolean> {
  if (activity.kind !== 'ASSIST' || !activity.citizenKey || !activity.service || !rules.citizenOncePerServicePerMovement) return false;
  const claimed = await tx
    .insert(citizenServiceCredits)
    .values({ movementId: activity.movementId, citizenKey: activity.citizenKey, service: activity.service, activityId: activity.id })
    .onConflictDoNothing()
    .returning({ activityId: citizenServiceCredits.activityId });
  return claimed.length === 0;
}

export interface AwardOptions {
  rules: ScoringRules;
  ruleVersion: number;
  actorUserId: string | null;
  /** for quizzes: what earlier attempts of the same person already earned */
  quizPointsAlreadyAwarded?: number;
  passScore?: number;
}

/**
 * What the scoring rules see of an activity — the same for live approvals and for recomputes. A
 * quiz's pass mark and quiz id travel in its details, so best-attempt scoring replays too.
 */
export function scoringInputOf(activity: ActivityRow, passScore?: number): ActivityForScoring {
  const details = activity.details as { quizId?: string; passScore?: number };
  return {
    id: activity.id,
    unitId: String(activity.unitId),
    kind: activity.kind,
    occurredOn: activity.occurredOn,
    attendeeCount: activity.attendeeCount ?? undefined,
    service: activity.service ?? undefined,
    priorityGroups: activity.priorityGroups ?? undefined,
    citizenKey: activity.citizenKey,
    score: activity.score ?? undefined,
    passScore: passScore ?? details.passScore,
    quizId: details.quizId ?? null,
    confirmed: activity.kind === 'ASSIST' && activity.confirmedAt != null,
  };
}

/** Scores an approved activity and appends its AWARD row (once: a unique index guards it). */
export async function awardActivity(tx: Executor, activity: ActivityRow, options: AwardOptions): Promise<Award> {
  const awardedToUnitOnDay = await lockUnitDay(tx, activity);
  const citizenServiceAlreadyCounted = await claimCitizenService(tx, activity, options.rules);
  const award = scoreActivity(
    options.rules,
    scoringInputOf(activity, options.passScore),
    { awardedToUnitOnDay, citizenServiceAlreadyCounted, quizPointsAlreadyAwarded: options.quizPointsAlreadyAwarded },
  );
  await tx.insert(pointsLedger).values({
    movementId: activity.movementId,
    unitId: activity.unitId,
    activityId: activity.id,
    ruleVersion: options.ruleVersion,
    entryKind: 'AWARD',
    points: award.points,
    occurredOn: activity.occurredOn,
    note: award.reason === 'AWARDED' ? null : award.reason,
    createdBy: options.actorUserId,
  });
  await addToTotals(tx, activity, award.points, 1);
  return award;
}

/**
 * Reverses what an activity holds in the ledger (its award and any rule-change adjustments) with a
 * REVERSAL row of the opposite sign (revocation).
 */
export async function reverseActivity(tx: Executor, activity: ActivityRow, actorUserId: string, reason: string): Promise<number> {
  const rows = await tx
    .select({ points: pointsLedger.points, ruleVersion: pointsLedger.ruleVersion, entryKind: pointsLedger.entryKind })
    .from(pointsLedger)
    .where(eq(pointsLedger.activityId, activity.id));
  const award = rows.find((r) => r.entryKind === 'AWARD');
  if (!award) return 0;
  const points = roundPoints(-sumPoints(rows.map((r) => r.points)));
  await tx.insert(pointsLedger).values({
    movementId: activity.movementId,
    unitId: activity.unitId,
    activityId: activity.id,
    ruleVersion: award.ruleVersion,
    entryKind: 'REVERSAL',
    points,
    occurredOn: activity.occurredOn,
    note: reason,
    createdBy: actorUserId,
  });
  await addToTotals(tx, activity, points, -1);
  // the citizen may be counted again by another activity
  await tx.delete(citizenServiceCredits).where(eq(citizenServiceCredits.activityId, activity.id));
  return points;
}

/**
 * A change of rules applied to an approved activity: an ADJUSTMENT row of the difference (never an
 * update), fed to the same totals as awards; the activity's counters do not change.
 */
export async function adjustActivity(tx: Executor, activity: ActivityRow, points: number, ruleVersion: number, actorUserId: string, reason: string): Promise<void> {
  if (points === 0) return;
  await tx.insert(pointsLedger).values({
    movementId: activity.movementId,
    unitId: activity.unitId,
    activityId: activity.id,
    ruleVersion,
    entryKind: 'ADJUSTMENT',
    points,
    occurredOn: activity.occurredOn,
    note: reason,
    createdBy: actorUserId,
  });
  await addToTotals(tx, activity, points, 0);
}

/** The ledger note of a confirmation's bonus. */
export const CONFIRMATION_BONUS_NOTE = 'Người được hỗ trợ đã xác nhận';

/**
 * An approved activity has just been confirmed by the person helped (the activity row given already
 * carries the rating): an assist now counts as confirmed on the boards, and earns the rules' bonus
 * for confirmed assists, capped with the unit's day, as an ADJUSTMENT row. Returns the bonus.
 */
export async function confirmApprovedActivity(tx: Executor, activity: ActivityRow, options: { rules: ScoringRules; ruleVersion: number }): Promise<number> {
  if (activity.kind !== 'ASSIST') return 0;
  let bonus = 0;
  if (confirmationBonus(options.rules) > 0) {
    const awardedToUnitOnDay = await lockUnitDay(tx, activity);
    const [award] = await tx
      .select({ note: pointsLedger.note })
      .from(pointsLedger)
      .where(and(eq(pointsLedger.activityId, activity.id), eq(pointsLedger.entryKind, 'AWARD')));
    if (award) bonus = bonusOnLateConfirmation(options.rules, { awardedToUnitOnDay, awardReason: (award.note as AwardReason | null) ?? 'AWARDED' });
  }
  if (bonus > 0)
    await tx.insert(pointsLedger).values({
      movementId: activity.movementId,
      unitId: activity.unitId,
      activityId: activity.id,
      ruleVersion: options.ruleVersion,
      entryKind: 'ADJUSTMENT',
      points: bonus,
      occurredOn: activity.occurredOn,
      note: CONFIRMATION_BONUS_NOTE,
      createdBy: null,
    });
  await addToTotals(tx, activity, bonus, 0, { ...NO_COUNTERS, ...confirmationCounters(activity, 1) });
  return bonus;
}
