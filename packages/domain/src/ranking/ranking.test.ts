import { describe, expect, it } from 'vitest';
import { aroundMe, perThousand, rankMovement, rankStandings, rankValue, rerankStandings, targetCompletion, type RankSlot, type StandingEntry } from './ranking';

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

describe('rerankStandings', () => {
  /** deterministic pseudo-random numbers (mulberry32) */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  interface Slot extends RankSlot {
    id: number;
  }
  const slotsOf = (entries: StandingEntry[]) => {
    const { ranked, unranked } = rankStandings(entries);
    return {
      ranked: ranked.map((e): Slot => ({ id: Number(e.unitId), value: e.value, points: e.points, order: e.order!, rank: e.rank })),
      unranked: unranked.map((e): Slot => ({ id: Number(e.unitId), value: null, points: e.points, order: e.order!, rank: null })),
    };
  };
  const plain = (s: { ranked: Slot[]; unranked: Slot[] }) => ({ ranked: s.ranked.map((e) => [e.id, e.rank, e.value, e.points]), unranked: s.unranked.map((e) => [e.id, e.points]) });

  it('equals ranking the whole updated board, for few and for many changes, ties and unrankable values included', () => {
    const next = random(17);
    for (let round = 0; round < 2000; round++) {
      const n = 1 + Math.floor(next() * (round % 4 ? 60 : 400));
      // few distinct values and points, so ties (shared ranks, the tie-break) are common
      const make = (i: number): StandingEntry => ({
        unitId: String(i),
        value: next() < 0.15 ? null : Math.floor(next() * 6) + (next() < 0.2 ? 0.004 : 0),
        points: Math.floor(next() * 4),
        name: `u${i}`,
        order: i,
      });
      let entries = Array.from({ length: n }, (_, i) => make(i));
      const board = slotsOf(entries);
      const changes = Math.floor(next() * (round % 2 ? 3 : n)) + 1;
      const changedIds = new Set(Array.from({ length: changes }, () => Math.floor(next() * n)));
      entries = entries.map((e, i) => (changedIds.has(i) ? make(i) : e));
      const changed = [...changedIds].map((i): Slot => ({ id: i, value: rankValue(entries[i]!.value), points: entries[i]!.points, order: i, rank: 7 }));
      const before = plain(board);
      const patched = rerankStandings(board.ranked, board.unranked, changed, (e) => e.id, (e, rank) => ({ ...e, rank }));
      expect(plain(patched)).toEqual(plain(slotsOf(entries)));
      // the board it started from is left as it was
      expect(plain(board)).toEqual(before);
    }
  });

  it('keeps the board when nothing changed', () => {
    const board = slotsOf([{ unitId: '1', value: 3, points: 3, name: 'a', order: 0 }]);
    const same = rerankStandings(board.ranked, board.unranked, [], (e) => e.id, (e, rank) => ({ ...e, rank }));
    expect(plain(same)).toEqual(plain(board));
  });
});
