import { describe, expect, it } from 'vitest';
import { evaluateCriteria, validateCriteria, type Facts } from './criteria';
import { BADGE_FACT_TYPES, BADGE_FACTS, STARTING_BADGES, qualifyingBadges, type BadgeAudience } from './starting-badges';

const badge = (code: string) => {
  const found = STARTING_BADGES.find((b) => b.code === code);
  if (!found) throw new Error(`no badge ${code}`);
  return found;
};

describe('STARTING_BADGES', () => {
  it.each(STARTING_BADGES.map((b) => [b.code, b]))('defines %s with valid criteria over known facts', (_code, definition) => {
    expect(validateCriteria(definition.criteria, BADGE_FACT_TYPES).ok).toBe(true);
  });

  it.each(STARTING_BADGES.map((b) => [b.code, b]))('tests in %s only facts its audience has', (_code, definition) => {
    const factNames = JSON.stringify(definition.criteria).match(/"fact":"(\w+)"/g)?.map((m) => m.slice(8, -1)) ?? [];
    for (const name of factNames) {
      expect(BADGE_FACTS[name as keyof typeof BADGE_FACTS].audience).toContain(definition.audience);
    }
  });

  it('uses each code once', () => {
    expect(new Set(STARTING_BADGES.map((b) => b.code)).size).toBe(STARTING_BADGES.length);
  });

  it.each<[string, Facts, boolean]>([
    ['MOT_DANH_TINH_SO', { services: ['VNEID_L2'] }, true],
    ['MOT_DANH_TINH_SO', { services: ['E_HEALTH'] }, false],
    ['CONG_DAN_SO', { coreQuizPassed: true, services: ['VNEID_L2', 'PUBLIC_SERVICE_ONLINE'] }, true],
    ['CONG_DAN_SO', { coreQuizPassed: false, services: ['VNEID_L2', 'PUBLIC_SERVICE_ONLINE'] }, false],
    ['CONG_DAN_SO', { coreQuizPassed: true, services: ['VNEID_L2'] }, false],
    ['GIA_DINH_SO', { memberCongDanSo: 1 }, true],
    ['GIA_DINH_SO', { memberCongDanSo: 0 }, false],
    ['DAI_SU_SO', { mentoredCitizensPassed: 10 }, true],
    ['DAI_SU_SO', { mentoredCitizensPassed: 9 }, false],
    ['TOP_BA_PHONG_TRAO', { finalRank: 3 }, true],
    ['TOP_BA_PHONG_TRAO', { finalRank: 4 }, false],
    ['TOP_BA_PHONG_TRAO', {}, false],
    ['VUOT_CHI_TIEU_SOM', { targetReachedBeforeDeadline: true }, true],
    ['VUOT_CHI_TIEU_SOM', { targetReachedBeforeDeadline: false }, false],
  ])('decides %s for %j: %s', (code, facts, expected) => {
    expect(evaluateCriteria(badge(code).criteria, facts)).toBe(expected);
  });
});

describe('qualifyingBadges', () => {
  it.each<[BadgeAudience, Facts, string[]]>([
    ['CITIZEN', { coreQuizPassed: true, services: ['VNEID_L2', 'PUBLIC_SERVICE_ONLINE'] }, ['MOT_DANH_TINH_SO', 'CONG_DAN_SO']],
    ['CITIZEN', { services: ['VNEID_L2'] }, ['MOT_DANH_TINH_SO']],
    ['HOUSEHOLD', { memberCongDanSo: 2 }, ['GIA_DINH_SO']],
    ['UNIT', { finalRank: 1, targetReachedBeforeDeadline: true }, ['TOP_BA_PHONG_TRAO', 'VUOT_CHI_TIEU_SOM']],
    ['OFFICER', { services: ['VNEID_L2'] }, []],
  ])('gives a %s with facts %j the badges %j', (audience, facts, expected) => {
    expect(qualifyingBadges(STARTING_BADGES, audience, facts)).toEqual(expected);
  });
});
