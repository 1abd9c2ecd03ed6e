import { describe, expect, it } from 'vitest';
import { isInServedArea, isResponsibleForMovement, isSelfAward, servedAreaRootId } from './index';

// a small tree: Việt Nam 1 > Quảng Ninh 10 > phường Hạ Long 100 > tổ 1000; Hạ Long's police station 101;
// Công an tỉnh Quảng Ninh 11 (under the province); Phú Thọ 20 > xã Long Cốc 200 > thôn 2000
const unit = (id: number, kind: 'COUNTRY' | 'PROVINCE' | 'COMMUNE' | 'RESIDENTIAL_GROUP' | 'ORGANIZATION', path: number[], communeId: number | null = null) => ({
  id,
  kind,
  path,
  parentId: path.length > 1 ? path[path.length - 2] : null,
  communeId,
});
const vietNam = unit(1, 'COUNTRY', [1]);
const quangNinh = unit(10, 'PROVINCE', [1, 10]);
const caQuangNinh = unit(11, 'ORGANIZATION', [1, 10, 11]);
const haLong = unit(100, 'COMMUNE', [1, 10, 100], 100);
const haLongStation = unit(101, 'ORGANIZATION', [1, 10, 100, 101], 100);
const haLongGroup = unit(1000, 'RESIDENTIAL_GROUP', [1, 10, 100, 1000], 100);
const phuTho = unit(20, 'PROVINCE', [1, 20]);
const longCocGroup = unit(2000, 'RESIDENTIAL_GROUP', [1, 20, 200, 2000], 200);

describe('the area a unit serves', () => {
  it('is its own subtree for a commune, a province or the country', () => {
    expect(servedAreaRootId(haLong)).toBe(100);
    expect(servedAreaRootId(quangNinh)).toBe(10);
    expect(servedAreaRootId(vietNam)).toBe(1);
  });
  it('is the commune an organization hangs under', () => expect(servedAreaRootId(haLongStation)).toBe(100));
  it('is the parent area of an organization outside any commune', () => expect(servedAreaRootId(caQuangNinh)).toBe(10));
  it.each([
    ['a station', haLongStation, haLongGroup, true],
    ['a station', haLongStation, longCocGroup, false],
    ['a province', quangNinh, haLongGroup, true],
    ['a province', phuTho, haLongGroup, false],
    ['the country', vietNam, longCocGroup, true],
  ] as const)('%s serving a residential group: %s', (_, actor, target, expected) => {
    expect(isInServedArea(actor, target)).toBe(expected);
  });
});

describe('who answers for a movement', () => {
  it.each([
    ['the organizer unit itself', caQuangNinh, true],
    ['the province above the organizer', quangNinh, true],
    ['the country', vietNam, true],
    ['another province', phuTho, false],
    ['a commune of the same province, outside the organizer subtree', haLong, false],
  ] as const)('%s: %s', (_, actor, expected) => {
    expect(isResponsibleForMovement(actor, caQuangNinh)).toBe(expected);
  });
});

describe('self-awarded badges', () => {
  const me = { userId: 'u1', citizenId: 'c1', householdId: 'h1' };
  it('refuses a badge to one’s own account', () => expect(isSelfAward(me, { userId: 'u1' })).toBe(true));
  it('refuses a badge to the citizen record one’s account stands for', () => expect(isSelfAward(me, { citizenId: 'c1' })).toBe(true));
  it('refuses a badge to one’s own household', () => expect(isSelfAward(me, { householdId: 'h1' })).toBe(true));
  it('allows a badge to someone else', () => expect(isSelfAward(me, { userId: 'u2', citizenId: 'c2', householdId: 'h2' })).toBe(false));
  it('does not match on missing links', () => expect(isSelfAward({ userId: 'u1' }, { citizenId: null, householdId: null })).toBe(false));
});
