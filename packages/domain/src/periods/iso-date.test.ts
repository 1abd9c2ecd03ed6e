import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatDateVi, fromDayNumber, isIsoDate, isoWeekday, parseIsoDate, toDayNumber, vietnamDateOf } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['2025-07-14', { year: 2025, month: 7, day: 14 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
  ])('reads %s as a calendar date', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-7-4', '14/07/2025', '2025-07-14T00:00:00Z', ''])(
    'rejects %j',
    (text) => {
      expect(parseIsoDate(text)).toBeNull();
      expect(isIsoDate(text)).toBe(false);
    },
  );

  it('rejects values that are not strings', () => {
    expect(isIsoDate(20250714)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2025-07-14', 20283],
  ])('numbers %s as day %i', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });

  it('agrees with the UTC calendar for every day from 1899 to 2101', () => {
    const mismatches: number[] = [];
    for (let n = toDayNumber('1899-01-01'); n <= toDayNumber('2101-12-31'); n++) {
      const utc = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== utc || toDayNumber(utc) !== n) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
  });

  it('throws on a date that does not exist', () => {
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-07-14', 0, '2025-07-14'],
  ])('adds to %s %i days giving %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2025-01-01', '2025-01-03', 2],
    ['2025-01-03', '2025-01-01', -2],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-03-29', '2025-03-31', 2],
  ])('counts from %s to %s as %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2025-07-14', 1],
    ['2025-07-20', 7],
    ['2026-01-01', 4],
    ['1970-01-01', 4],
  ])('knows %s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});

describe('vietnamDateOf', () => {
  it.each([
    ['2025-07-14T16:59:59Z', '2025-07-14'],
    ['2025-07-14T17:00:00Z', '2025-07-15'],
    ['2025-12-31T17:30:00Z', '2026-01-01'],
  ])('sees the instant %s as %s in Vietnam', (instant, expected) => {
    expect(vietnamDateOf(new Date(instant))).toBe(expected);
  });
});

describe('formatDateVi', () => {
  it('writes dates day first as Vietnamese readers expect', () => {
    expect(formatDateVi('2025-07-04')).toBe('04/07/2025');
  });
});
