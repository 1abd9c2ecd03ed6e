import { describe, expect, it } from 'vitest';
import { progressRatio, projectCompletion, projectCompletionDate, reachedByDeadline, reachedOn, seriesFromFirstDates, targetProblems, type TargetReading } from './targets';

const readings = (...pairs: [string, number][]): TargetReading[] => pairs.map(([date, value]) => ({ date, value }));

describe('projectCompletionDate', () => {
  it.each<[string, TargetReading[], number, string, string | null]>([
    ['extends a steady pace to the level', readings(['2025-07-01', 0], ['2025-07-11', 100]), 200, '2025-07-11', '2025-07-21'],
    ['rounds a part day up to the next day', readings(['2025-07-01', 0], ['2025-07-04', 10]), 11, '2025-07-04', '2025-07-05'],
    [
      'follows the last 28 days rather than the whole history',
      readings(['2025-01-01', 0], ['2025-06-03', 500], ['2025-07-01', 556]),
      612,
      '2025-07-01',
      '2025-07-29',
    ],
    ['holds the last reading until asOf, so a stall slows the projection', readings(['2025-07-01', 0], ['2025-07-05', 40]), 80, '2025-07-09', '2025-07-17'],
    ['ignores readings after asOf', readings(['2025-07-01', 0], ['2025-07-11', 100], ['2025-07-12', 1000]), 200, '2025-07-11', '2025-07-21'],
    ['gives the day the level was reached when it already was', readings(['2025-07-01', 10], ['2025-07-03', 60], ['2025-07-05', 90]), 50, '2025-07-10', '2025-07-03'],
    ['has no projection without progress in the window', readings(['2025-05-01', 0], ['2025-05-10', 40]), 80, '2025-07-10', null],
    ['has no projection from a single reading', readings(['2025-07-01', 30]), 80, '2025-07-10', null],
    ['has no projection when the value went down', readings(['2025-07-01', 50], ['2025-07-10', 40]), 80, '2025-07-10', null],
    ['has no projection without readings', [], 80, '2025-07-10', null],
  ])('%s', (_label, series, level, asOf, expected) => {
    expect(projectCompletionDate(series, level, asOf)).toBe(expected);
  });

  it('uses a shorter trend window when asked', () => {
    const series = readings(['2025-06-01', 0], ['2025-06-30', 10], ['2025-07-10', 110]);
    expect(projectCompletionDate(series, 210, '2025-07-10', { windowDays: 10 })).toBe('2025-07-20');
  });

  it('refuses an asOf date that is not a date', () => {
    expect(() => projectCompletionDate([], 1, '10/07/2025')).toThrow(RangeError);
  });
});

describe('projectCompletion', () => {
  it.each<[string, TargetReading[], number, string, { pace: string; on: string | null }]>([
    ['reached', readings(['2025-07-01', 10], ['2025-07-03', 60]), 50, '2025-07-10', { pace: 'REACHED', on: '2025-07-03' }],
    ['a date within ten years', readings(['2025-07-01', 0], ['2025-07-11', 100]), 200, '2025-07-11', { pace: 'PROJECTED', on: '2025-07-21' }],
    // 0.0028 % a day toward 80 %: about 78 years, which is no forecast (it once showed 29/07/3148)
    ['too slow: past ten years there is no date', readings(['2025-07-01', 0], ['2025-07-29', 0.000_78]), 0.8, '2025-07-29', { pace: 'TOO_SLOW', on: null }],
    ['stalled: no progress in the window', readings(['2025-05-01', 0], ['2025-05-10', 40]), 80, '2025-07-10', { pace: 'STALLED', on: null }],
    ['no data', [], 80, '2025-07-10', { pace: 'NO_DATA', on: null }],
    ['no data before today', readings(['2025-07-10', 5]), 80, '2025-07-10', { pace: 'NO_DATA', on: null }],
  ])('%s', (_label, series, level, asOf, expected) => {
    expect(projectCompletion(series, level, asOf)).toEqual(expected);
  });

  it('gives a date up to the horizon and none after it', () => {
    // 1 a day from 0 toward the level: the last projectable level and the first that is not
    const series = readings(['2025-07-01', 0], ['2025-07-29', 28]);
    expect(projectCompletion(series, 28 + 3660, '2025-07-29').pace).toBe('PROJECTED');
    expect(projectCompletion(series, 28 + 3661, '2025-07-29').pace).toBe('TOO_SLOW');
  });
});

describe('reachedOn', () => {
  it.each<[TargetReading[], number, string | null]>([
    [readings(['2025-07-03', 60], ['2025-07-01', 10]), 50, '2025-07-03'],
    [readings(['2025-07-01', 10]), 50, null],
    [readings(['2025-07-01', 50]), 50, '2025-07-01'],
  ])('finds in %j the first day at level %d: %j', (series, level, expected) => {
    expect(reachedOn(series, level)).toBe(expected);
  });
});

describe('progressRatio', () => {
  it.each([
    [40, 80, 0.5],
    [90, 80, 1.125],
    [0, 80, 0],
    [-5, 80, 0],
    [10, 0, null],
    [10, null, null],
    [10, undefined, null],
  ])('makes %d of %j a ratio of %j', (value, denominator, expected) => {
    expect(progressRatio(value, denominator)).toBe(expected);
  });
});

describe('targetProblems', () => {
  it('refuses a share above 100 % and a deadline outside the movement, and accepts the edges', () => {
    expect(targetProblems({ measure: 'ADULTS_TRAINED', level: 1.2 }, '2026-09-01', '2026-12-31')).toEqual([{ field: 'level', message: 'Chỉ tiêu tỉ lệ không được vượt quá 100%.' }]);
    expect(targetProblems({ measure: 'ADULTS_TRAINED', level: 1 }, '2026-09-01', '2026-12-31')).toEqual([]);
    // a count may be any size
    expect(targetProblems({ measure: 'CLASSES_HELD', level: 500 }, '2026-09-01', '2026-12-31')).toEqual([]);
    expect(targetProblems({ measure: 'CLASSES_HELD', level: 5, deadline: '2027-01-01' }, '2026-09-01', '2026-12-31').map((p) => p.field)).toEqual(['deadline']);
    expect(targetProblems({ measure: 'CLASSES_HELD', level: 5, deadline: '2026-08-31' }, '2026-09-01', '2026-12-31').map((p) => p.field)).toEqual(['deadline']);
    expect(targetProblems({ measure: 'CLASSES_HELD', level: 5, deadline: '2026-12-31' }, '2026-09-01', '2026-12-31')).toEqual([]);
  });
});

describe('seriesFromFirstDates', () => {
  it('counts what had happened by each date, cumulatively, in date order', () => {
    expect(seriesFromFirstDates(['2026-10-05', '2026-10-01', '2026-10-05'])).toEqual([
      { date: '2026-10-01', value: 1 },
      { date: '2026-10-05', value: 3 },
    ]);
  });

  it('gives shares of a denominator, and nothing when the denominator is unknown or zero', () => {
    expect(seriesFromFirstDates(['2026-10-01', '2026-10-02'], 4)).toEqual([
      { date: '2026-10-01', value: 0.25 },
      { date: '2026-10-02', value: 0.5 },
    ]);
    expect(seriesFromFirstDates(['2026-10-01'], 0)).toEqual([]);
  });
});

describe('reachedByDeadline', () => {
  const series = seriesFromFirstDates(['2026-10-01', '2026-10-20', '2026-11-15']);
  it.each<[number, string, boolean]>([
    [2, '2026-10-31', true],
    [2, '2026-10-20', true],
    [3, '2026-10-31', false],
    [4, '2026-12-31', false],
  ])('level %d by %s: %s', (level, deadline, expected) => {
    expect(reachedByDeadline(series, level, deadline)).toBe(expected);
  });
});
