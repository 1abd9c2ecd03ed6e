import { describe, expect, it } from 'vitest';
import { evaluateCriteria, unmetCriteria, validateCriteria, type Criterion, type Facts, type FactType } from './criteria';
import { criterionToDo } from './starting-badges';

const facts: Facts = { points: 120, quizPassed: true, services: ['VNEID_L2', 'E_HEALTH'], rank: 2 };

describe('evaluateCriteria', () => {
  it.each<[string, Criterion, boolean]>([
    ['passes gte at the boundary', { fact: 'points', op: 'gte', value: 120 }, true],
    ['fails gte below it', { fact: 'points', op: 'gte', value: 121 }, false],
    ['passes lte at the boundary', { fact: 'rank', op: 'lte', value: 2 }, true],
    ['passes eq on a boolean', { fact: 'quizPassed', op: 'eq', value: true }, true],
    ['fails eq on a different type', { fact: 'points', op: 'eq', value: '120' }, false],
    ['passes has on a listed value', { fact: 'services', op: 'has', value: 'VNEID_L2' }, true],
    ['fails has on an unlisted value', { fact: 'services', op: 'has', value: 'AI_TOOLS' }, false],
    ['fails has on a fact that is not a list', { fact: 'points', op: 'has', value: '120' }, false],
    ['fails gte on a fact that is not a number', { fact: 'services', op: 'gte', value: 1 }, false],
    ['fails any test on a missing fact', { fact: 'households', op: 'gte', value: 0 }, false],
    ['fails a test on an inherited property name', { fact: 'constructor', op: 'eq', value: true }, false],
    [
      'passes all when every part passes',
      { all: [{ fact: 'quizPassed', op: 'eq', value: true }, { fact: 'services', op: 'has', value: 'E_HEALTH' }] },
      true,
    ],
    [
      'fails all when one part fails',
      { all: [{ fact: 'quizPassed', op: 'eq', value: true }, { fact: 'services', op: 'has', value: 'AI_TOOLS' }] },
      false,
    ],
    [
      'passes any when one part passes',
      { any: [{ fact: 'points', op: 'gte', value: 1000 }, { fact: 'rank', op: 'lte', value: 3 }] },
      true,
    ],
    [
      'evaluates nested groups',
      { any: [{ all: [{ fact: 'points', op: 'gte', value: 100 }, { fact: 'rank', op: 'eq', value: 2 }] }, { fact: 'quizPassed', op: 'eq', value: false }] },
      true,
    ],
  ])('%s', (_label, criteria, expected) => {
    expect(evaluateCriteria(criteria, facts)).toBe(expected);
  });
});

describe('unmetCriteria', () => {
  it.each<[string, Criterion, Criterion[]]>([
    ['lists nothing when the criteria hold', { fact: 'points', op: 'gte', value: 100 }, []],
    [
      'lists each failing part of an all',
      { all: [{ fact: 'points', op: 'gte', value: 500 }, { fact: 'quizPassed', op: 'eq', value: true }, { fact: 'services', op: 'has', value: 'AI_TOOLS' }] },
      [{ fact: 'points', op: 'gte', value: 500 }, { fact: 'services', op: 'has', value: 'AI_TOOLS' }],
    ],
    [
      'lists the branch of an any closest to passing',
      {
        any: [
          { all: [{ fact: 'points', op: 'gte', value: 500 }, { fact: 'rank', op: 'eq', value: 1 }] },
          { fact: 'services', op: 'has', value: 'AI_TOOLS' },
        ],
      },
      [{ fact: 'services', op: 'has', value: 'AI_TOOLS' }],
    ],
  ])('%s', (_label, criteria, expected) => {
    expect(unmetCriteria(criteria, facts)).toEqual(expected);
  });
});

describe('validateCriteria', () => {
  const types: Record<string, FactType> = { points: 'number', quizPassed: 'boolean', services: 'list' };

  it.each<[string, unknown]>([
    ['a number test', { fact: 'points', op: 'gte', value: 10 }],
    ['a list test', { fact: 'services', op: 'has', value: 'VNEID_L2' }],
    ['a nested group', { all: [{ fact: 'quizPassed', op: 'eq', value: true }, { any: [{ fact: 'points', op: 'lte', value: 3 }] }] }],
  ])('accepts %s', (_label, input) => {
    expect(validateCriteria(input, types)).toEqual({ ok: true, criteria: input });
  });

  it.each<[string, unknown, string]>([
    ['an empty all, which would hold for everyone', { all: [] }, 'criteria.all: cần ít nhất một điều kiện.'],
    ['an unknown fact', { fact: 'age', op: 'gte', value: 60 }, 'criteria.fact: dữ kiện không được hỗ trợ: age.'],
    ['has on a number fact', { fact: 'points', op: 'has', value: '1' }, 'criteria.op: phép so sánh "has" không dùng được với dữ kiện points.'],
    ['a text value for a number fact', { fact: 'points', op: 'gte', value: '10' }, 'criteria.value: giá trị không phù hợp với dữ kiện points.'],
    ['an extra key', { fact: 'points', op: 'gte', value: 10, note: 'x' }, 'criteria.note: trường không được hỗ trợ.'],
    ['a group with a second key', { all: [{ fact: 'points', op: 'gte', value: 1 }], any: [] }, 'criteria: nhóm điều kiện chỉ được có một trường "all".'],
    ['a list in place of a criterion', [{ fact: 'points', op: 'gte', value: 1 }], 'criteria: phải là một điều kiện.'],
    ['a bad child, named by its path', { any: [{ fact: 'points', op: 'gte', value: 1 }, 'x'] }, 'criteria.any[1]: phải là một điều kiện.'],
    [
      'nesting deeper than five levels',
      { all: [{ all: [{ all: [{ all: [{ all: [{ fact: 'points', op: 'gte', value: 1 }] }] }] }] }] },
      'criteria.all[0].all[0].all[0].all[0].all[0]: điều kiện lồng nhau quá 5 cấp.',
    ],
  ])('rejects %s', (_label, input, message) => {
    const result = validateCriteria(input, types);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(message);
  });
});

describe('criterionToDo', () => {
  it.each([
    ['coreQuizPassed', true, 'Đạt bài kiểm tra kỹ năng số cơ bản'],
    ['services', 'VNEID_L2', 'Được hỗ trợ hoàn thành: kích hoạt tài khoản định danh điện tử VNeID mức 2'],
    ['services', 'AI_TOOLS', 'Được hỗ trợ hoàn thành: sử dụng công cụ trí tuệ nhân tạo (AI)'],
    ['citizensHelped', 20, 'Số lượt hỗ trợ người dân đã được duyệt: cần ít nhất 20'],
  ])('%s %j → %s', (fact, value, expected) => {
    expect(criterionToDo(fact, value)).toBe(expected);
  });
});
