import { describe, expect, it } from 'vitest';
import { evaluateCriteria } from './criteria';
import { describeUnitCriteria, movementBadgeCode, validateMovementBadge } from './movement-badges';

describe('a movement’s own badges', () => {
  const criteria = { all: [{ fact: 'finalRank', op: 'lte', value: 10 }, { fact: 'points', op: 'gte', value: 500 }] };

  it('takes a name, a description and criteria over the unit facts', () => {
    const check = validateMovementBadge({ name: '  Đơn vị   xuất sắc ', description: 'Mười đơn vị dẫn đầu, từ 500 điểm.', criteria });
    expect(check).toEqual({ ok: true, value: { name: 'Đơn vị xuất sắc', description: 'Mười đơn vị dẫn đầu, từ 500 điểm.', criteria } });
    if (check.ok) {
      expect(evaluateCriteria(check.value.criteria, { finalRank: 4, points: 812 })).toBe(true);
      expect(evaluateCriteria(check.value.criteria, { finalRank: 4, points: 120 })).toBe(false);
    }
  });

  it.each([
    [{ name: 'Đơ', description: 'x', criteria }, ['name']],
    [{ name: 'Đơn vị\u0007', description: 'x', criteria }, ['name']],
    [{ name: 'Đơn vị xuất sắc', description: '', criteria }, ['description']],
    [{ name: 'Đơn vị xuất sắc', description: 'x'.repeat(301), criteria }, ['description']],
    // a citizen's fact is not a unit's
    [{ name: 'Đơn vị xuất sắc', description: 'x', criteria: { fact: 'coreQuizPassed', op: 'eq', value: true } }, ['criteria']],
    [{ name: 'Đơn vị xuất sắc', description: 'x', criteria: { fact: 'points', op: 'has', value: 5 } }, ['criteria']],
    [{ name: 'Đơn vị xuất sắc', description: 'x', criteria: 'top 3' }, ['criteria']],
  ])('refuses %j', (input, fields) => {
    const check = validateMovementBadge(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect([...new Set(check.problems.map((p) => p.field))]).toEqual(fields);
  });

  it('codes a badge by its movement and its name, without diacritics', () => {
    expect(movementBadgeCode('a1b2c3d4-0000-4000-8000-000000000001', 'Đơn vị xuất sắc!')).toBe('PT_A1B2C3D4_DON_VI_XUAT_SAC');
    expect(movementBadgeCode('a1b2c3d4-0000-4000-8000-000000000001', '***')).toBe('PT_A1B2C3D4_HUY_HIEU');
    expect(movementBadgeCode('a1b2c3d4-0000-4000-8000-000000000001', 'x'.repeat(100)).length).toBeLessThanOrEqual(64);
  });
});

describe('describeUnitCriteria', () => {
  it.each([
    [{ fact: 'finalRank', op: 'lte', value: 3 }, 'xếp hạng chung cuộc từ 1 đến 3'],
    [{ all: [{ fact: 'finalRank', op: 'lte', value: 10 }, { fact: 'points', op: 'gte', value: 1500 }] }, 'xếp hạng chung cuộc từ 1 đến 10 và tổng điểm từ 1.500'],
    [{ any: [{ fact: 'targetReachedBeforeDeadline', op: 'eq', value: true }, { fact: 'points', op: 'gte', value: 500 }] }, 'hoàn thành chỉ tiêu trước thời hạn hoặc tổng điểm từ 500'],
  ])('%j → %s', (criteria, words) => {
    expect(describeUnitCriteria(criteria as never)).toBe(words);
  });

  it('says it in English too', () => {
    expect(describeUnitCriteria({ all: [{ fact: 'finalRank', op: 'lte', value: 10 }, { fact: 'points', op: 'gte', value: 1500 }] }, 'en')).toBe('final rank 1 to 10 and total points from 1,500');
  });
});
