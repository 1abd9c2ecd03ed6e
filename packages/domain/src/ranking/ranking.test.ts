import { describe, expect, it } from 'vitest';
import { aroundMe, perThousand, rankMovement, rankStandings, targetCompletion, type StandingEntry } from './ranking';

const entry = (unitId: string, value: number | null, points = value ?? 0, name = unitId, code: string | null = null): StandingEntry => ({
  unitId,
  value,
  points,
  name,
  code,
});

const order = (entries: StandingEntry[]) => rankStandings(entries).ranked.map((r) => `${r.rank}:${r.unitId}`);

describe('rankStandings', () => {
  it.each<[string, StandingEntry[], string[]]>([
    ['ranks the highest value first', [entry('a', 10), entry('b', 30), entry('c', 20)], ['1:b', '2:c', '3:a']],
    ['gives equal values the same rank and skips the next ones', [entry('a', 50), entry('b', 40), entry('c', 40), entry('d', 10)], ['1:a', '2:b', '2:c', '4:d']],
    ['shares first place', [entry('a', 5), entry('b', 5), entry('c', 5)], ['1:a', '1:b', '1:c']],
    ['orders a shared rank by raw points first', [entry('small', 12.5, 40), entry('big', 12.5, 400)], ['1:big', '1:small']],
    [
      'orders a shared rank by Vietnamese name when points are equal',
      [entry('u1', 7, 7, 'Phường Đông Triều'), entry('u2', 7, 7, 'Phường Hạ Long'), entry('u3', 7, 7, 'Phường Dương Kinh')],
      ['1:u3', '1:u1', '1:u2'],
    ],
    ['orders identical names by code', [entry('u1', 7, 7, 'Xã Ba Chẽ', '22300'), entry('u2', 7, 7, 'Xã Ba Chẽ', '22150')], ['1:u2', '1:u1']],
    ['orders identical names without codes by unit id', [entry('u2', 7, 7, 'Xã Ba Chẽ'), entry('u1', 7, 7, 'Xã Ba Chẽ')], ['1:u1', '1:u2']],
    ['treats values equal to two decimals as a tie', [entry('a', 1 / 3, 1), entry('b', 0.333333, 2)], ['1:b', '1:a']],
    ['ranks zero like any other value', [entry('a', 0), entry('b', 0), entry('c', 1)], ['1:c', '2:a', '2:b']],
    ['ranks an empty board as empty', [], []],
  ])('%s', (_label, entries, expected) => {
    expect(order(entries)).toEqual(expected);
  });

  it('keeps units without a value out of the ranking and lists them separately', () => {
    const result = rankStandings([entry('a', 3), entry('nopop', null, 80), entry('b', null, 90)]);
    expect(result.ranked.map((r) => r.unitId)).toEqual(['a']);
    expect(result.unranked.map((r) => r.unitId)).toEqual(['b', 'nopop']);
  });

  it('orders ties by a precomputed name order exactly as by the collation', () => {
    const names = ['Phường Đống Đa', 'Phường Ba Đình', 'Xã Ân Thi', 'Phường Bà Rịa', 'Xã An Lão', 'Xã Ấp Bắc', 'Phường Cửa Nam', 'Xã Ea Súp'];
    const entries = names.map((name, i) => entry(String(i + 1), i % 3, i % 2, name, `0${i}`));
    const nameOrder = rankStandings(entries.map((e) => ({ ...e, value: 0, points: 0 }))).ranked.map((e) => e.unitId);
    const withOrder = entries.map((e) => ({ ...e, order: nameOrder.indexOf(e.unitId) }));
    expect(order(withOrder)).toEqual(order(entries));
  });

  it('gives the same order whatever the input order', () => {
    const entries = [entry('a', 5, 5, 'Bình'), entry('b', 5, 5, 'An'), entry('c', 9), entry('d', 5, 6, 'Cẩm')];
    expect(order(entries)).toEqual(order([...entries].reverse()));
  });
});

describe('perThousand', () => {
  it.each([
    [250, 10_000, 25],
    [1, 3, 333.33],
    [0, 500, 0],
    [10, 0, null],
    [10, null, null],
    [10, undefined, null],
    [10, -5, null],
  ])('turns %d points for a population of %j into %j', (points, population, expected) => {
    expect(perThousand(points, population)).toBe(expected);
  });
});

describe('targetCompletion', () => {
  it.each([
    ['averages the completion of each target', [{ progress: 40, level: 80 }, { progress: 10, level: 10 }], 75],
    ['counts an overshot target as 100 %', [{ progress: 300, level: 100 }, { progress: 0, level: 50 }], 50],
    ['weights targets when asked', [{ progress: 10, level: 10, weight: 3 }, { progress: 0, level: 10, weight: 1 }], 75],
    ['skips a target with no level', [{ progress: 5, level: 0 }, { progress: 1, level: 4 }], 25],
    ['treats negative progress as none', [{ progress: -3, level: 10 }], 0],
    ['rounds to two decimals', [{ progress: 1, level: 3 }], 33.33],
    ['has no completion without targets', [], null],
  ])('%s', (_label, targets, expected) => {
    expect(targetCompletion(targets)).toBe(expected);
  });
});

describe('aroundMe', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e', 'f'].map((unitId) => ({ unitId }));
  it.each([
    ['c', 1, ['b', 'c', 'd']],
    ['c', 2, ['a', 'b', 'c', 'd', 'e']],
    ['a', 2, ['a', 'b', 'c']],
    ['f', 2, ['d', 'e', 'f']],
    ['d', 0, ['d']],
    ['c', 10, ['a', 'b', 'c', 'd', 'e', 'f']],
    ['zzz', 2, []],
  ])('shows %s with %i neighbours each side as %j', (unitId, radius, expected) => {
    expect(aroundMe(ranked, unitId, radius).map((r) => r.unitId)).toEqual(expected);
  });
});

describe('rankMovement', () => {
  it.each([
    [5, 2, 'UP'],
    [2, 5, 'DOWN'],
    [3, 3, 'SAME'],
    [null, 1, 'NEW'],
    [undefined, 4, 'NEW'],
  ])('calls a move from rank %j to %i %s', (previousRank, rank, expected) => {
    expect(rankMovement(previousRank, rank)).toBe(expected);
  });
});
