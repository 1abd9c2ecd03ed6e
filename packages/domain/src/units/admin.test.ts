import { describe, expect, it } from 'vitest';
import { parentKindProblem, unitKindFromLabel, validateDeactivationReason, validateUnitFields } from './admin';

describe('where a unit may be created', () => {
  it.each([
    ['RESIDENTIAL_GROUP', 'COMMUNE', true],
    ['RESIDENTIAL_GROUP', 'PROVINCE', false],
    ['RESIDENTIAL_GROUP', 'ORGANIZATION', false],
    ['ORGANIZATION', 'COUNTRY', true],
    ['ORGANIZATION', 'PROVINCE', true],
    ['ORGANIZATION', 'COMMUNE', true],
    ['ORGANIZATION', 'RESIDENTIAL_GROUP', true],
    ['ORGANIZATION', 'ORGANIZATION', true],
    ['COMMUNE', 'PROVINCE', false],
    ['PROVINCE', 'COUNTRY', false],
  ] as const)('%s under %s: %s', (kind, parent, ok) => {
    expect(parentKindProblem(kind, parent) === null).toBe(ok);
  });
});

describe('the kind a spreadsheet names', () => {
  it.each([
    ['Tổ dân phố', 'RESIDENTIAL_GROUP', 'tổ dân phố'],
    ['THÔN', 'RESIDENTIAL_GROUP', 'thôn'],
    ['ap', 'RESIDENTIAL_GROUP', 'ap'],
    ['Bản', 'RESIDENTIAL_GROUP', 'bản'],
    ['Tổ chức', 'ORGANIZATION', null],
    ['Công an phường', 'ORGANIZATION', 'công an phường'],
    ['Chi đoàn', 'ORGANIZATION', 'chi đoàn'],
    ['Trường THCS', 'ORGANIZATION', 'trường thcs'],
    ['Tổ công nghệ số cộng đồng', 'ORGANIZATION', 'tổ công nghệ số cộng đồng'],
  ] as const)('%s → %s', (label, kind, subtype) => {
    expect(unitKindFromLabel(label)).toEqual({ kind, subtype });
  });
  it('does not guess an unknown kind', () => {
    expect(unitKindFromLabel('hành tinh')).toBeNull();
    expect(unitKindFromLabel('  ')).toBeNull();
  });
});

describe('unit fields', () => {
  const problemsOf = (input: Parameters<typeof validateUnitFields>[0], current?: { population: number | null; adultPopulation: number | null; households: number | null }) =>
    validateUnitFields(input, { creating: !current, current }).problems.map((p) => p.field);

  it('trims and collapses the name', () => {
    expect(validateUnitFields({ name: '  Tổ   1 ' }, { creating: true }).value.name).toBe('Tổ 1');
  });
  it.each([
    [{ name: '' }, ['name']],
    [{ name: 'x'.repeat(201) }, ['name']],
    [{ name: 'Tổ\u00001' }, ['name']],
    [{ name: 'Tổ 1', code: 'a b' }, ['code']],
    [{ name: 'Tổ 1', population: 10 }, ['denominatorsSource']],
    [{ name: 'Tổ 1', population: -1, denominatorsSource: 'x' }, ['population']],
    [{ name: 'Tổ 1', population: 1.5, denominatorsSource: 'x' }, ['population']],
    [{ name: 'Tổ 1', population: 100_000_001, denominatorsSource: 'x' }, ['population']],
    [{ name: 'Tổ 1', population: 10, adultPopulation: 11, denominatorsSource: 'x' }, ['adultPopulation']],
    [{ name: 'Tổ 1', population: 10, households: 11, denominatorsSource: 'x' }, ['households']],
    [{ name: 'Tổ 1', population: 10, adultPopulation: 8, households: 4, denominatorsSource: 'Điều tra 2025' }, []],
    [{ name: 'Tổ 1', denominatorsSource: 'x'.repeat(501) }, ['denominatorsSource']],
    // the optional figures left empty, as the form sends them: no source asked for
    [{ name: 'Tổ 1', population: null, adultPopulation: null, households: null, denominatorsSource: null }, []],
    [{ name: 'Tổ 1', population: 10, adultPopulation: null, households: null, denominatorsSource: null }, ['denominatorsSource']],
  ])('%j → %j', (input, fields) => {
    expect(problemsOf(input)).toEqual(fields);
  });
  it('compares a changed denominator with the unit’s current population', () => {
    expect(problemsOf({ adultPopulation: 900, denominatorsSource: 'x' }, { population: 800, adultPopulation: 500, households: 200 })).toEqual(['adultPopulation']);
    expect(problemsOf({ name: 'Tên mới' }, { population: 800, adultPopulation: 900, households: 200 })).toEqual([]);
  });
  it('requires a reason to deactivate', () => {
    expect(validateDeactivationReason(' ').problem?.field).toBe('reason');
    expect(validateDeactivationReason('Sáp nhập').reason).toBe('Sáp nhập');
  });
});
