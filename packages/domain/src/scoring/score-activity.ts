import type { ActivityKind } from '../units/kinds';
import { applyDailyCap, pointsForAssist, pointsForClass, pointsForQuiz, roundPoints, sumPoints } from './points';
import type { ScoringRules } from './rules';

export interface ActivityForScoring {
  id: string;
  unitId: string;
  kind: ActivityKind;
  /** The day the class was held / the citizen helped / the quiz taken: the day the cap applies to. */
  occurredOn: string;
  attendeeCount?: number;
  service?: string;
  priorityGroups?: string[];
  /** Linked citizen id or national-id hash; null or absent for an anonymous citizen. */
  citizenKey?: string | null;
  score?: number;
  passScore?: number;
  /** Which quiz a QUIZ attempt belongs to; a citizen's best attempt counts once per quiz. */
  quizId?: string | null;
  /** An ASSIST the person helped confirmed with its code: earns the rules' confirmedAssistBonus. */
  confirmed?: boolean;
}

export type AwardReason = 'AWARDED' | 'CITIZEN_ALREADY_COUNTED' | 'DAILY_CAP';

export interface Award {
  activityId: string;
  unitId: string;
  /** Points actually written to the ledger. */
  points: number;
  /** Points the rules give this activity before the daily cap and the once-per-citizen rule. */
  basePoints: number;
  /** True when the daily cap cut the award (fully or partly); the reason is then DAILY_CAP. */
  capped: boolean;
  reason: AwardReason;
}

export interface ScoringContext {
  /** Points already awarded to the unit for activities on `occurredOn`. */
  awardedToUnitOnDay: number;
  /** For an ASSIST: this citizen was already counted for this service in this movement. */
  citizenServiceAlreadyCounted: boolean;
  /**
   * For a QUIZ: points already awarded for this citizen's earlier attempts at this quiz. Only
   * the improvement is awarded, so the ledger (append-only) always holds the best attempt.
   */
  quizPointsAlreadyAwarded?: number;
}

/** The rule points of an activity, before the cap and the once-per-citizen rules. */
export function basePointsFor(rules: ScoringRules, activity: ActivityForScoring): number {
  switch (activity.kind) {
    case 'CLASS':
      return pointsForClass(rules, { attendeeCount: activity.attendeeCount ?? 0 });
    case 'ASSIST':
      return roundPoints(
        pointsForAssist(rules, { service: activity.service ?? '', priorityGroups: activity.priorityGroups }) + (activity.confirmed ? confirmationBonus(rules) : 0),
      );
    case 'QUIZ':
      return pointsForQuiz(rules, { score: activity.score ?? 0, passScore: activity.passScore ?? Number.POSITIVE_INFINITY });
  }
}

/** What a confirmation by the person helped adds to an assist's rule points. */
export function confirmationBonus(rules: ScoringRules): number {
  return Math.max(0, rules.confirmedAssistBonus ?? 0);
}

/**
 * The extra points when an assist already approved (and awarded) is confirmed afterwards: the
 * bonus, cut by the daily cap like any award; nothing when the assist earned nothing because its
 * citizen was already counted for that service.
 */
export function bonusOnLateConfirmation(rules: ScoringRules, ctx: { awardedToUnitOnDay: number; awardReason: AwardReason | null }): number {
  if (ctx.awardReason === 'CITIZEN_ALREADY_COUNTED') return 0;
  return applyDailyCap(rules, { alreadyAwardedThatDay: ctx.awardedToUnitOnDay, points: confirmationBonus(rules) });
}

/** Decides the award of one approved activity given what the unit and citizen already earned. */
export function scoreActivity(rules: ScoringRules, activity: ActivityForScoring, ctx: ScoringContext): Award {
  const basePoints = basePointsFor(rules, activity);
  const award = (points: number, reason: AwardReason, capped = false): Award => ({
    activityId: activity.id,
    unitId: activity.unitId,
    points,
    basePoints,
    capped,
    reason,
  });

  let claimed = basePoints;
  if (activity.kind === 'ASSIST' && activity.citizenKey && rules.citizenOncePerServicePerMovement && ctx.citizenServiceAlreadyCounted) {
    return award(0, 'CITIZEN_ALREADY_COUNTED');
  }
  if (activity.kind === 'QUIZ' && activity.citizenKey) {
    claimed = Math.max(0, roundPoints(basePoints - (ctx.quizPointsAlreadyAwarded ?? 0)));
    if (claimed === 0 && basePoints > 0) return award(0, 'CITIZEN_ALREADY_COUNTED');
  }

  const points = applyDailyCap(rules, { alreadyAwardedThatDay: ctx.awardedToUnitOnDay, points: claimed });
  return points < claimed ? award(points, 'DAILY_CAP', true) : award(points, 'AWARDED');
}

export interface RecomputedStandings {
  awards: Award[];
  totalsByUnit: Map<string, number>;
}

/**
 * Replays approved activities, in approval order, under one rule version. Order matters: the
 * first approved assist claims the citizen for that service, and the daily cap fills up in
 * approval order. Revoked activities must be left out by the caller; a recompute may then differ
 * from live standings (a later assist to the same citizen now earns), which is what the
 * comparison is for. A citizen is claimed even when the cap left that first award at 0, so the
 * outcome never depends on how full the day was.
 */
export function recomputeStandings(rules: ScoringRules, approvedInOrder: readonly ActivityForScoring[]): RecomputedStandings {
  const awardedByUnitDay = new Map<string, number>();
  const countedCitizenServices = new Set<string>();
  const quizPointsByCitizen = new Map<string, number>();
  const awards: Award[] = [];
  const totalsByUnit = new Map<string, number>();

  for (const activity of approvedInOrder) {
    const dayKey = JSON.stringify([activity.unitId, activity.occurredOn]);
    const citizenServiceKey = activity.citizenKey ? JSON.stringify([activity.citizenKey, activity.service ?? '']) : null;
    const quizKey = activity.citizenKey ? JSON.stringify([activity.citizenKey, activity.quizId ?? '']) : null;

    const award = scoreActivity(rules, activity, {
      awardedToUnitOnDay: awardedByUnitDay.get(dayKey) ?? 0,
      citizenServiceAlreadyCounted: citizenServiceKey !== null && countedCitizenServices.has(citizenServiceKey),
      quizPointsAlreadyAwarded: quizKey ? (quizPointsByCitizen.get(quizKey) ?? 0) : 0,
    });
    awards.push(award);

    awardedByUnitDay.set(dayKey, sumPoints([awardedByUnitDay.get(dayKey) ?? 0, award.points]));
    totalsByUnit.set(activity.unitId, sumPoints([totalsByUnit.get(activity.unitId) ?? 0, award.points]));
    if (activity.kind === 'ASSIST' && citizenServiceKey) countedCitizenServices.add(citizenServiceKey);
    if (activity.kind === 'QUIZ' && quizKey) quizPointsByCitizen.set(quizKey, sumPoints([quizPointsByCitizen.get(quizKey) ?? 0, award.points]));
  }
  return { awards, totalsByUnit };
}
