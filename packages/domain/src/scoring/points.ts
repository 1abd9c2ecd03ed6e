import type { ScoringRules } from './rules';

/**
 * Rounds to 2 decimals, half away from zero. Scaling through `toPrecision(12)` first removes
 * binary float noise (1.005 × 100 = 100.49999…), so 1.005 rounds to 1.01 as a person expects,
 * and an award and its reversal round to exactly opposite values.
 */
export function roundPoints(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`Điểm không hợp lệ: ${x}`);
  // already on the cent (totals read from numeric(…, 2) columns): no string round trip; same result
  const cents = Math.round(x * 100);
  if (Math.abs(x * 100 - cents) < 1e-6 && Math.abs(cents) < 1e12) return cents / 100 || 0;
  const scaled = Number((Math.abs(x) * 100).toPrecision(12));
  const rounded = (Math.sign(x) * Math.round(scaled)) / 100;
  return rounded === 0 ? 0 : rounded; // never -0
}

/** Adds point values without accumulating float drift (0.1 + 0.2 is 0.3 here). */
export function sumPoints(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total = roundPoints(total + value);
  return total;
}

export function pointsForClass(rules: ScoringRules, input: { attendeeCount: number }): number {
  const attendees = Number.isFinite(input.attendeeCount) ? Math.max(0, Math.floor(input.attendeeCount)) : 0;
  return roundPoints(Math.min(rules.class.base + rules.class.perAttendee * attendees, rules.class.maxPerClass));
}

/** The multiplier of the most favoured group present; groups the rules do not name count as 1. */
export function priorityMultiplier(rules: ScoringRules, priorityGroups: readonly string[] | null | undefined): number {
  let highest = 1;
  for (const group of priorityGroups ?? []) {
    const multiplier = Object.hasOwn(rules.priorityMultipliers, group) ? rules.priorityMultipliers[group] : 1;
    highest = Math.max(highest, multiplier);
  }
  return highest;
}

/**
 * Points for helping one citizen with one service. An unknown service gives 0 instead of
 * throwing: input validation (`validateAssistInput`) rejects unknown services before an activity
 * exists, and a replay under a later rule version that dropped a code must still run to the end.
 */
export function pointsForAssist(rules: ScoringRules, input: { service: string; priorityGroups?: readonly string[] | null }): number {
  const base = Object.hasOwn(rules.services, input.service) ? rules.services[input.service] : 0;
  return roundPoints(base * priorityMultiplier(rules, input.priorityGroups));
}

/** Points for one quiz attempt (0-100 score); an attempt below the pass score earns nothing. */
export function pointsForQuiz(rules: ScoringRules, input: { score: number; passScore: number }): number {
  if (!(input.score >= input.passScore)) return 0;
  const { passPoints, perScorePoint, maxPoints } = rules.quiz;
  return roundPoints(Math.min(passPoints + perScorePoint * (input.score - input.passScore), maxPoints));
}

/** The part of `points` that still fits under the unit's cap for that day (never negative). */
export function applyDailyCap(rules: ScoringRules, input: { alreadyAwardedThatDay: number; points: number }): number {
  const points = Math.max(0, input.points);
  if (rules.dailyCapPerUnit === null) return roundPoints(points);
  const room = Math.max(0, rules.dailyCapPerUnit - input.alreadyAwardedThatDay);
  return roundPoints(Math.min(points, room));
}
