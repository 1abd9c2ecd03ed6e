import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES, validateScoringRules, type ScoringRules } from './rules';
import { bonusOnLateConfirmation, recomputeStandings, scoreActivity, type ActivityForScoring, type Award } from './score-activity';

const rules = DEFAULT_SCORING_RULES;
const fresh = { awardedToUnitOnDay: 0, citizenServiceAlreadyCounted: false };

const classHeld = (id: string, unitId: string, occurredOn: string, attendeeCount: number): ActivityForScoring => ({
  id,
  unitId,
  kind: 'CLASS',
  occurredOn,
  attendeeCount,
});
const assist = (id: string, unitId: string, service: string, citizenKey: string | null, extra: Partial<ActivityForScoring> = {}): ActivityForScoring => ({
  id,
  unitId,
  kind: 'ASSIST',
  occurredOn: '2025-07-14',
  service,
  citizenKey,
  ...extra,
});
const quiz = (id: string, citizenKey: string | null, score: number): ActivityForScoring => ({
  id,
  unitId: 'u1',
  kind: 'QUIZ',
  occurredOn: '2025-07-14',
  citizenKey,
  quizId: 'core',
  score,
  passScore: 70,
});

describe('scoreActivity', () => {
  it.each<[string, ActivityForScoring, Parameters<typeof scoreActivity>[2], Partial<Award>]>([
    ['awards a class its rule points', classHeld('a', 'u1', '2025-07-14', 20), fresh, { points: 20, basePoints: 20, capped: false, reason: 'AWARDED' }],
    ['awards an assist with the priority multiplier', assist('a', 'u1', 'VNEID_L2', 'c1', { priorityGroups: ['ELDERLY'] }), fresh, { points: 7.5, reason: 'AWARDED' }],
    [
      'gives nothing for a citizen already counted for the service',
      assist('a', 'u1', 'VNEID_L2', 'c1'),
      { awardedToUnitOnDay: 0, citizenServiceAlreadyCounted: true },
      { points: 0, basePoints: 5, capped: false, reason: 'CITIZEN_ALREADY_COUNTED' },
    ],
    [
      'always counts an anonymous citizen',
      assist('a', 'u1', 'VNEID_L2', null),
      { awardedToUnitOnDay: 0, citizenServiceAlreadyCounted: true },
      { points: 5, reason: 'AWARDED' },
    ],
    [
      'cuts an award to what fits under the daily cap',
      classHeld('a', 'u1', '2025-07-14', 60),
      { awardedToUnitOnDay: 490, citizenServiceAlreadyCounted: false },
      { points: 10, basePoints: 40, capped: true, reason: 'DAILY_CAP' },
    ],
    [
      'gives nothing once the daily cap is reached',
      classHeld('a', 'u1', '2025-07-14', 60),
      { awardedToUnitOnDay: 500, citizenServiceAlreadyCounted: false },
      { points: 0, capped: true, reason: 'DAILY_CAP' },
    ],
    ['awards a passed quiz', quiz('q', 'c1', 90), fresh, { points: 3, basePoints: 3, reason: 'AWARDED' }],
    ['gives nothing for a failed quiz', quiz('q', 'c1', 50), fresh, { points: 0, basePoints: 0, reason: 'AWARDED' }],
    [
      'awards only the improvement on a better quiz attempt',
      quiz('q', 'c1', 100),
      { ...fresh, quizPointsAlreadyAwarded: 2.5 },
      { points: 1, basePoints: 3.5, reason: 'AWARDED' },
    ],
    [
      'gives nothing for a quiz attempt no better than the best so far',
      quiz('q', 'c1', 80),
      { ...fresh, quizPointsAlreadyAwarded: 3 },
      { points: 0, basePoints: 2.5, reason: 'CITIZEN_ALREADY_COUNTED' },
    ],
  ])('%s', (_label, activity, ctx, expected) => {
    expect(scoreActivity(rules, activity, ctx)).toMatchObject({ activityId: activity.id, unitId: activity.unitId, ...expected });
  });

  it('counts a citizen every time when the movement turns the once-per-service rule off', () => {
    const everyTime: ScoringRules = { ...rules, citizenOncePerServicePerMovement: false };
    expect(scoreActivity(everyTime, assist('a', 'u1', 'VNEID_L2', 'c1'), { awardedToUnitOnDay: 0, citizenServiceAlreadyCounted: true }).points).toBe(5);
  });
});

describe('recomputeStandings', () => {
  it.each<[string, ActivityForScoring[], Record<string, number>]>([
    ['sums the awards of each unit', [classHeld('a', 'u1', '2025-07-14', 20), classHeld('b', 'u2', '2025-07-14', 0), assist('c', 'u1', 'E_HEALTH', null)], { u1: 23, u2: 10 }],
    ['counts a citizen once per service across units', [assist('a', 'u1', 'VNEID_L2', 'c1'), assist('b', 'u2', 'VNEID_L2', 'c1'), assist('c', 'u2', 'E_HEALTH', 'c1')], { u1: 5, u2: 3 }],
    [
      'applies the daily cap per unit and per day',
      [
        ...Array.from({ length: 13 }, (_, i) => classHeld(`d1-${i}`, 'u1', '2025-07-14', 60)),
        classHeld('d2', 'u1', '2025-07-15', 60),
        classHeld('other', 'u2', '2025-07-14', 60),
      ],
      { u1: 540, u2: 40 },
    ],
    ['keeps only the best quiz attempt of a citizen', [quiz('q1', 'c1', 80), quiz('q2', 'c1', 75), quiz('q3', 'c1', 100), quiz('q4', 'c2', 70)], { u1: 5.5 }],
    ['counts anonymous quiz attempts each time', [quiz('q1', null, 80), quiz('q2', null, 80)], { u1: 5 }],
    ['returns no totals for no activities', [], {}],
  ])('%s', (_label, activities, totals) => {
    expect(Object.fromEntries(recomputeStandings(rules, activities).totalsByUnit)).toEqual(totals);
  });

  it('lets the first approved assist claim the citizen', () => {
    const { awards } = recomputeStandings(rules, [assist('first', 'u2', 'VNEID_L2', 'c1'), assist('second', 'u1', 'VNEID_L2', 'c1')]);
    expect(awards.map((a) => [a.activityId, a.points, a.reason])).toEqual([
      ['first', 5, 'AWARDED'],
      ['second', 0, 'CITIZEN_ALREADY_COUNTED'],
    ]);
  });

  it('produces one award per activity, in order, whose points sum to the totals', () => {
    const activities = [classHeld('a', 'u1', '2025-07-14', 33), assist('b', 'u1', 'SCAM_AWARENESS', 'c9', { priorityGroups: ['NEAR_POOR'] }), quiz('c', 'c9', 91)];
    const { awards, totalsByUnit } = recomputeStandings(rules, activities);
    expect(awards.map((a) => a.activityId)).toEqual(['a', 'b', 'c']);
    expect(totalsByUnit.get('u1')).toBe(32.15);
  });

  it('claims the citizen even when the daily cap left the first award at nothing', () => {
    const fullDay = Array.from({ length: 13 }, (_, i) => classHeld(`c${i}`, 'u1', '2025-07-14', 60));
    const { awards } = recomputeStandings(rules, [...fullDay, assist('capped', 'u1', 'VNEID_L2', 'c1'), assist('later', 'u2', 'VNEID_L2', 'c1')]);
    expect(awards.slice(-2).map((a) => [a.activityId, a.points, a.reason])).toEqual([
      ['capped', 0, 'DAILY_CAP'],
      ['later', 0, 'CITIZEN_ALREADY_COUNTED'],
    ]);
  });

  it('gives different totals under a different rule version', () => {
    const activities = [classHeld('a', 'u1', '2025-07-14', 100)];
    const generous: ScoringRules = { ...rules, class: { base: 10, perAttendee: 1, maxPerClass: 200 } };
    expect(recomputeStandings(rules, activities).totalsByUnit.get('u1')).toBe(40);
    expect(recomputeStandings(generous, activities).totalsByUnit.get('u1')).toBe(110);
  });
});

describe('a bonus for assists the person helped confirmed', () => {
  const withBonus = { ...DEFAULT_SCORING_RULES, confirmedAssistBonus: 2 };
  const assist = { id: 'a', unitId: 'u', kind: 'ASSIST' as const, occurredOn: '2025-06-01', service: 'VNEID_L2' };
  const fresh = { awardedToUnitOnDay: 0, citizenServiceAlreadyCounted: false };

  it('adds the bonus to a confirmed assist only, and only when the rules give one', () => {
    expect(scoreActivity(withBonus, { ...assist, confirmed: true }, fresh).points).toBe(7);
    expect(scoreActivity(withBonus, assist, fresh).points).toBe(5);
    expect(scoreActivity(DEFAULT_SCORING_RULES, { ...assist, confirmed: true }, fresh).points).toBe(5);
  });

  it('caps a late confirmation with the day, and gives nothing to an assist that earned nothing', () => {
    expect(bonusOnLateConfirmation(withBonus, { awardedToUnitOnDay: 0, awardReason: 'AWARDED' })).toBe(2);
    expect(bonusOnLateConfirmation(withBonus, { awardedToUnitOnDay: 499, awardReason: 'AWARDED' })).toBe(1);
    expect(bonusOnLateConfirmation(withBonus, { awardedToUnitOnDay: 0, awardReason: 'CITIZEN_ALREADY_COUNTED' })).toBe(0);
    expect(bonusOnLateConfirmation(DEFAULT_SCORING_RULES, { awardedToUnitOnDay: 0, awardReason: 'AWARDED' })).toBe(0);
  });

  it('is validated as data: optional, 0 to 50', () => {
    expect(validateScoringRules({ ...DEFAULT_SCORING_RULES, confirmedAssistBonus: 3 })).toMatchObject({ ok: true, rules: { confirmedAssistBonus: 3 } });
    expect(validateScoringRules(DEFAULT_SCORING_RULES)).toMatchObject({ ok: true });
    expect(validateScoringRules({ ...DEFAULT_SCORING_RULES, confirmedAssistBonus: 51 }).ok).toBe(false);
    expect(validateScoringRules({ ...DEFAULT_SCORING_RULES, confirmedAssistBonus: -1 }).ok).toBe(false);
  });
});
