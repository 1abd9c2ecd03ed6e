import { describe, expect, it } from 'vitest';
import { competesAsUnit, competitorFinalRanks, mentoredLearnersPassed, type FrozenStanding } from './facts';

const standing = (scope: string, unitId: number, rank: number, kind: string, points = 10, subtype: string | null = null): FrozenStanding => ({ scope, unitId, rank, points, kind, subtype });

describe('competesAsUnit', () => {
  it('lets an organization compete only of the movement subtype, when one is set', () => {
    expect(competesAsUnit({ kind: 'ORGANIZATION', subtype: 'công an xã/phường' }, { kinds: ['ORGANIZATION'], subtype: 'công an xã/phường' })).toBe(true);
    expect(competesAsUnit({ kind: 'ORGANIZATION', subtype: 'đoàn thanh niên' }, { kinds: ['ORGANIZATION'], subtype: 'công an xã/phường' })).toBe(false);
    expect(competesAsUnit({ kind: 'COMMUNE', subtype: 'phường' }, { kinds: ['ORGANIZATION'], subtype: null })).toBe(false);
  });
});

describe('competitorFinalRanks', () => {
  it('gives no rank to a commune when only organizations compete', () => {
    const ranks = competitorFinalRanks([standing('COMMUNE', 100, 1, 'COMMUNE'), standing('UNIT', 7, 1, 'ORGANIZATION')], { kinds: ['ORGANIZATION'], subtype: null });
    expect([...ranks]).toEqual([[7, 1]]);
  });

  it('recounts ranks among competitors: a non-competing unit above them takes no place', () => {
    const ranks = competitorFinalRanks(
      [standing('UNIT', 1, 1, 'RESIDENTIAL_GROUP'), standing('UNIT', 2, 2, 'ORGANIZATION'), standing('UNIT', 3, 2, 'ORGANIZATION'), standing('UNIT', 4, 4, 'ORGANIZATION')],
      { kinds: ['ORGANIZATION'], subtype: null },
    );
    expect(Object.fromEntries(ranks)).toEqual({ 2: 1, 3: 1, 4: 3 });
  });

  it('ranks communes on the commune board only, not again on the unit board', () => {
    const ranks = competitorFinalRanks(
      [standing('UNIT', 100, 5, 'COMMUNE'), standing('COMMUNE', 101, 1, 'COMMUNE'), standing('COMMUNE', 100, 2, 'COMMUNE')],
      { kinds: ['COMMUNE'], subtype: null },
    );
    expect(Object.fromEntries(ranks)).toEqual({ 100: 2, 101: 1 });
  });

  it('ranks no unit without points', () => {
    expect(competitorFinalRanks([standing('COMMUNE', 100, 1, 'COMMUNE', 0)], { kinds: ['COMMUNE'], subtype: null }).size).toBe(0);
  });
});

describe('mentoredLearnersPassed', () => {
  it.each<[string, { citizenId: string; on: string }[], { citizenId: string; on: string }[], number]>([
    ['counts a pass after the help', [{ citizenId: 'a', on: '2026-11-01' }], [{ citizenId: 'a', on: '2026-11-05' }], 1],
    ['counts a pass on the day of the help', [{ citizenId: 'a', on: '2026-11-01' }], [{ citizenId: 'a', on: '2026-11-01' }], 1],
    ['does not count a pass before the help', [{ citizenId: 'a', on: '2026-11-10' }], [{ citizenId: 'a', on: '2026-11-05' }], 0],
    ['counts a learner helped twice and passing twice once', [{ citizenId: 'a', on: '2026-11-01' }, { citizenId: 'a', on: '2026-11-03' }], [{ citizenId: 'a', on: '2026-11-02' }, { citizenId: 'a', on: '2026-11-04' }], 1],
    ['does not count a pass of someone never helped', [{ citizenId: 'a', on: '2026-11-01' }], [{ citizenId: 'b', on: '2026-11-05' }], 0],
  ])('%s', (_name, helps, passes, expected) => {
    expect(mentoredLearnersPassed(helps, passes)).toBe(expected);
  });
});
