import { describe, expect, it } from 'vitest';
import { applyDailyCap, pointsForAssist, pointsForClass, pointsForQuiz, priorityMultiplier, roundPoints, sumPoints } from './points';
import { DEFAULT_SCORING_RULES, type ScoringRules } from './rules';

const rules = DEFAULT_SCORING_RULES;

describe('roundPoints', () => {
  it.each([
    [1.005, 1.01],
    [0.1 + 0.2, 0.3],
    [2.675, 2.68],
    [-1.005, -1.01],
    [-0.001, 0],
    [12.344, 12.34],
    [1234567.125, 1234567.13],
    [7.5, 7.5],
  ])('rounds %d to %d', (x, expected) => {
    expect(roundPoints(x)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundPoints(-0.004), 0)).toBe(true);
  });

  it('refuses to round a value that is not finite', () => {
    expect(() => roundPoints(NaN)).toThrow(RangeError);
  });

  it('sums many small awards without float drift', () => {
    expect(sumPoints(Array.from({ length: 1000 }, () => 0.1))).toBe(100);
  });
});

describe('pointsForClass', () => {
  it.each([
    [0, 10],
    [1, 10.5],
    [25, 22.5],
    [60, 40],
    [61, 40],
    [500, 40],
    [NaN, 10],
  ])('gives a class with %d attendees %d points', (attendeeCount, points) => {
    expect(pointsForClass(rules, { attendeeCount })).toBe(points);
  });
});

describe('pointsForAssist', () => {
  it.each([
    ['VNEID_L2', [], 5],
    ['PUBLIC_SERVICE_ONLINE', [], 4],
    ['AI_TOOLS', [], 2],
    ['VNEID_L2', ['ELDERLY'], 7.5],
    ['VNEID_L2', ['NEAR_POOR'], 6.5],
    ['VNEID_L2', ['NEAR_POOR', 'ETHNIC_MINORITY', 'ELDERLY'], 7.5],
    ['SCAM_AWARENESS', ['ETHNIC_MINORITY', 'NEAR_POOR'], 2.6],
    ['VNEID_L2', ['UNKNOWN_GROUP'], 5],
    ['NOT_A_SERVICE', ['ELDERLY'], 0],
  ])('gives helping with %s for groups %j %d points', (service, priorityGroups, points) => {
    expect(pointsForAssist(rules, { service, priorityGroups })).toBe(points);
  });

  it('does not treat inherited object properties as service codes', () => {
    expect(pointsForAssist(rules, { service: 'toString' })).toBe(0);
  });
});

describe('priorityMultiplier', () => {
  it.each([
    [[], 1],
    [undefined, 1],
    [['ELDERLY', 'DISABLED', 'NEAR_POOR'], 1.5],
    [['ETHNIC_MINORITY'], 1.3],
  ])('uses the highest multiplier, not the product, for %j', (groups, expected) => {
    expect(priorityMultiplier(rules, groups)).toBe(expected);
  });
});

describe('pointsForQuiz', () => {
  it.each([
    [69.9, 70, 0],
    [70, 70, 2],
    [80, 70, 2.5],
    [100, 70, 3.5],
    [100, 0, 5],
    [0, 0, 2],
  ])('gives a score of %d against a pass score of %d %d points', (score, passScore, points) => {
    expect(pointsForQuiz(rules, { score, passScore })).toBe(points);
  });

  it('gives nothing for a score that is not a number', () => {
    expect(pointsForQuiz(rules, { score: NaN, passScore: 50 })).toBe(0);
  });
});

describe('applyDailyCap', () => {
  const uncapped: ScoringRules = { ...rules, dailyCapPerUnit: null };
  it.each([
    ['a cap of 500', rules, 0, 40, 40],
    ['a cap of 500', rules, 480, 40, 20],
    ['a cap of 500', rules, 500, 40, 0],
    ['a cap of 500', rules, 520, 40, 0],
    ['a cap of 500', rules, 0, -5, 0],
    ['no cap', uncapped, 10_000, 40, 40],
  ])('with %s, %d already awarded and %d new points awards %d', (_label, ruleSet, alreadyAwardedThatDay, points, expected) => {
    expect(applyDailyCap(ruleSet, { alreadyAwardedThatDay, points })).toBe(expected);
  });
});
