import { and, eq, sql } from 'drizzle-orm';
import { citizenServiceCredits, pointsLedger, queryRows, type Executor } from '@thidua/db';
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

type LedgerEntry = { ruleVersion: number; entryKind: 'AWARD' | 'REVERSAL' | 'ADJUSTMENT'; points: number; note: string | null; createdBy: string | null };

/** the counter columns of every totals table, and what an upsert adds to a row already there */
const COUNTERS = ['points', 'classes', 'attendees', 'assists', 'quizzes', 'confirmed', 'rating_sum'];
const COUNTER_COLUMNS = sql.raw(COUNTERS.join(', '));
const ADD_COUNTERS = sql.raw(COUNTERS.map((c) => `${c} = t.${c} + excluded.${c}`).join(', '));

/**
 * Books an event in one statement: its ledger row (when given) and what it adds to the four totals
 * rows it feeds (the unit's day and movement, its area's day and movement; the unit's area is its
 * commune, its province above commune level), and a class's count at the place it was held. One
 * statement instead of six: an approval is a stream of small writes, and each statement costs the
 * API building and sending it and PostgreSQL a round trip. Tables and columns are those of
 * packages/db/src/schema/activities.ts.
 */
async function book(tx: Executor, activity: ActivityRow, entry: LedgerEntry | null, points: number, c: Counters, placeClasses: number) {
  const placeUnitId = (activity.details as { placeUnitId?: number | null }).placeUnitId ?? null;
  await tx.execute(sql`
    with v as (
      select ${activity.movementId}::uuid as movement_id, ${activity.unitId}::int as unit_id, ${activity.occurredOn}::date as day,
             ${String(points)}::numeric as points, ${c.classes}::int as classes, ${c.attendees}::int as attendees,
             ${c.assists}::int as assists, ${c.quizzes}::int as quizzes, ${c.confirmed}::int as confirmed, ${c.ratingSum}::int as rating_sum,
             ${placeUnitId}::int as place_unit_id, ${placeClasses}::int as place_classes,
             ${entry ? activity.id : null}::uuid as activity_id, ${entry?.ruleVersion ?? null}::int as rule_version,
             ${entry?.entryKind ?? null}::ledger_entry_kind as entry_kind, ${entry ? String(entry.points) : null}::numeric as entry_points,
             ${entry?.note ?? null}::text as note, ${entry?.createdBy ?? null}::uuid as created_by
    ),
    area as (select coalesce(u.commune_id, u.province_id, u.id) as area_unit_id from units u, v where u.id = v.unit_id),
    ledger as (
      insert into points_ledger (movement_id, unit_id, activity_id, rule_version, entry_kind, points, occurred_on, note, created_by)
      select movement_id, unit_id, activity_id, rule_version, entry_kind, entry_points, day, note, created_by from v where entry_kind is not null
    ),
    unit_day as (
      insert into unit_daily_totals as t (movement_id, unit_id, day, ${COUNTER_COLUMNS})
      select movement_id, unit_id, day, ${COUNTER_COLUMNS} from v
      on conflict (movement_id, unit_id, day) do update set ${ADD_COUNTERS}
    ),
    unit_movement as (
      insert into unit_movement_totals as t (movement_id, unit_id, ${COUNTER_COLUMNS})
      select movement_id, unit_id, ${COUNTER_COLUMNS} from v
      on conflict (movement_id, unit_id) do update set ${ADD_COUNTERS}, updated_at = now()
    ),
    area_day as (
      insert into area_daily_totals as t (movement_id, area_unit_id, day, ${COUNTER_COLUMNS})
      select movement_id, area_unit_id, day, ${COUNTER_COLUMNS} from v, area
      on conflict (movement_id, area_unit_id, day) do update set ${ADD_COUNTERS}
    ),
    area_movement as (
      insert into area_movement_totals as t (movement_id, area_unit_id, ${COUNTER_COLUMNS})
      select movement_id, area_unit_id, ${COUNTER_COLUMNS} from v, area
      on conflict (movement_id, area_unit_id) do update set ${ADD_COUNTERS}
    ),
    place as (
      insert into place_class_counts as t (movement_id, unit_id, place_unit_id, classes)
      select movement_id, unit_id, place_unit_id, place_classes from v where place_unit_id is not null and place_classes <> 0
      on conflict (movement_id, unit_id, place_unit_id) do update set classes = t.classes + excluded.classes
    )
    select 1 as booked`);
}

/**
 * Books a ledger row with what it adds to the totals: its points, and the activity's counters with
 * `sign` (1 approved, -1 revoked, 0 points only: a rule-change adjustment).
 */
function bookEvent(tx: Executor, activity: ActivityRow, entry: LedgerEntry, sign: 1 | -1 | 0) {
  return book(tx, activity, entry, entry.points, sign === 0 ? NO_COUNTERS : counters(activity, sign), activity.kind === 'CLASS' ? sign : 0);
}

/**
 * Points the unit already earned on the activity's day, locking that unit-day row (daily cap): one
 * statement creates the row when it is the first of the day, or locks it (a no-op update) and
 * returns its points.
 */
async function lockUnitDay(tx: Executor, activity: ActivityRow): Promise<number> {
  const [row] = await queryRows<{ points: string | number }>(
    tx,
    sql`insert into unit_daily_totals as t (movement_id, unit_id, day) values (${activity.movementId}::uuid, ${activity.unitId}::int, ${activity.occurredOn}::date)
        on conflict (movement_id, unit_id, day) do update set points = t.points
        returning t.points`,
  );
  return Number(row?.points ?? 0);
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
  const { award, write } = await scoreAward(tx, activity, options);
  await write();
  return award;
}

/**
 * The scoring half of `awardActivity`: locks the unit's day, scores, and returns the award with
 * the statement that books it, for the caller to send beside its own last statements (postgres.js
 * pipelines statements sent together on a transaction: one round trip instead of several).
 */
export async function scoreAward(tx: Executor, activity: ActivityRow, options: AwardOptions): Promise<{ award: Award; write: () => Promise<void> }> {
  const awardedToUnitOnDay = await lockUnitDay(tx, activity);
  const citizenServiceAlreadyCounted = await claimCitizenService(tx, activity, options.rules);
  const award = scoreActivity(
    options.rules,
    scoringInputOf(activity, options.passScore),
    { awardedToUnitOnDay, citizenServiceAlreadyCounted, quizPointsAlreadyAwarded: options.quizPointsAlreadyAwarded },
  );
  const entry: LedgerEntry = { ruleVersion: options.ruleVersion, entryKind: 'AWARD', points: award.points, note: award.reason === 'AWARDED' ? null : award.reason, createdBy: options.actorUserId };
  return { award, write: () => bookEvent(tx, activity, entry, 1) };
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
  await bookEvent(tx, activity, { ruleVersion: award.ruleVersion, entryKind: 'REVERSAL', points, note: reason, createdBy: actorUserId }, -1);
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
  await bookEvent(tx, activity, { ruleVersion, entryKind: 'ADJUSTMENT', points, note: reason, createdBy: actorUserId }, 0);
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
  const entry: LedgerEntry | null = bonus > 0 ? { ruleVersion: options.ruleVersion, entryKind: 'ADJUSTMENT', points: bonus, note: CONFIRMATION_BONUS_NOTE, createdBy: null } : null;
  await book(tx, activity, entry, bonus, { ...NO_COUNTERS, ...confirmationCounters(activity, 1) }, 0);
  return bonus;
}
