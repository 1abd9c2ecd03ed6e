import { describe, expect, it } from 'vitest';
import { clampToMovement, isoWeekOf, isWithinPeriod, monthOf, periodLength, previousPeriod, validatePeriod, wholeMovement } from './periods';

describe('isoWeekOf', () => {
  it.each([
    ['2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
    ['2025-07-14', '2025-W29', '2025-07-14', '2025-07-20'],
    ['2025-07-20', '2025-W29', '2025-07-14', '2025-07-20'],
    ['2026-12-31', '2026-W53', '2026-12-28', '2027-01-03'],
  ])('puts %s in week %s (%s to %s)', (date, label, from, to) => {
    expect(isoWeekOf(date)).toMatchObject({ label, from, to });
  });

  it('reports the week-numbering year separately from the calendar year', () => {
    expect(isoWeekOf('2027-01-01')).toMatchObject({ year: 2026, week: 53 });
  });
});

describe('monthOf', () => {
  it.each([
    ['2025-07-14', '2025-07-01', '2025-07-31'],
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2025-02-28', '2025-02-01', '2025-02-28'],
    ['2025-04-01', '2025-04-01', '2025-04-30'],
  ])('puts %s in the month %s to %s', (date, from, to) => {
    expect(monthOf(date)).toEqual({ from, to });
  });
});

describe('previousPeriod', () => {
  it.each([
    [{ from: '2026-01-05', to: '2026-01-11' }, { from: '2025-12-29', to: '2026-01-04' }],
    [{ from: '2025-07-14', to: '2025-07-14' }, { from: '2025-07-13', to: '2025-07-13' }],
    [{ from: '2025-03-01', to: '2025-03-31' }, { from: '2025-02-01', to: '2025-02-28' }],
    [{ from: '2025-01-01', to: '2025-01-31' }, { from: '2024-12-01', to: '2024-12-31' }],
    [{ from: '2025-03-10', to: '2025-03-19' }, { from: '2025-02-28', to: '2025-03-09' }],
  ])('sees the period before %j as %j', (period, expected) => {
    expect(previousPeriod(period)).toEqual(expected);
  });
});

describe('clampToMovement', () => {
  const movement = { from: '2025-05-01', to: '2025-12-31' };
  it.each([
    [{ from: '2025-04-01', to: '2025-05-31' }, { from: '2025-05-01', to: '2025-05-31' }],
    [{ from: '2025-12-29', to: '2026-01-04' }, { from: '2025-12-29', to: '2025-12-31' }],
    [{ from: '2025-07-01', to: '2025-07-31' }, { from: '2025-07-01', to: '2025-07-31' }],
    [{ from: '2025-01-01', to: '2026-12-31' }, movement],
    [{ from: '2025-04-01', to: '2025-04-30' }, null],
  ])('clamps %j to %j', (period, expected) => {
    expect(clampToMovement(period, movement)).toEqual(expected);
  });
});

describe('period helpers', () => {
  it.each([
    [{ from: '2025-07-01', to: '2025-07-31' }, 31],
    [{ from: '2025-07-14', to: '2025-07-14' }, 1],
    [{ from: '2024-01-01', to: '2024-12-31' }, 366],
  ])('counts %j as %i days', (period, days) => {
    expect(periodLength(period)).toBe(days);
  });

  it.each([
    ['2025-05-01', true],
    ['2025-12-31', true],
    ['2025-04-30', false],
    ['2026-01-01', false],
  ])('knows whether %s is inside the movement', (date, inside) => {
    expect(isWithinPeriod(date, { from: '2025-05-01', to: '2025-12-31' })).toBe(inside);
  });

  it.each([
    [{ from: '2025-05-01', to: '2025-12-31' }, []],
    [{ from: '2025-12-31', to: '2025-05-01' }, ['Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.']],
    [{ from: '2025-02-30', to: '2025-05-01' }, ['Ngày bắt đầu không hợp lệ (cần dạng YYYY-MM-DD).']],
  ])('validates %j with messages %j', (period, errors) => {
    expect(validatePeriod(period)).toEqual(errors);
  });

  it('builds the whole movement and refuses reversed dates', () => {
    expect(wholeMovement('2025-05-01', '2025-12-31')).toEqual({ from: '2025-05-01', to: '2025-12-31' });
    expect(() => wholeMovement('2025-12-31', '2025-05-01')).toThrow(RangeError);
  });
});
