import { addDays, daysBetween, daysInMonth, fromDayNumber, isIsoDate, isoWeekday, parseIsoDate, toDayNumber } from './iso-date';

/** A span of calendar days, both ends included ("2025-07-01".."2025-07-31" is July). */
export interface Period {
  from: string;
  to: string;
}

export interface IsoWeek extends Period {
  /** The ISO week-numbering year, which differs from the calendar year around New Year. */
  year: number;
  week: number;
  /** "2026-W01" */
  label: string;
}

/** Vietnamese messages for a malformed period; empty when it is valid. */
export function validatePeriod(period: Period): string[] {
  const errors: string[] = [];
  if (!isIsoDate(period.from)) errors.push('Ngày bắt đầu không hợp lệ (cần dạng YYYY-MM-DD).');
  if (!isIsoDate(period.to)) errors.push('Ngày kết thúc không hợp lệ (cần dạng YYYY-MM-DD).');
  if (errors.length === 0 && period.from > period.to) errors.push('Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.');
  return errors;
}

/** Number of days in the period, both ends counted. */
export function periodLength(period: Period): number {
  return daysBetween(period.from, period.to) + 1;
}

export function isWithinPeriod(date: string, period: Period): boolean {
  const day = toDayNumber(date);
  return day >= toDayNumber(period.from) && day <= toDayNumber(period.to);
}

export function wholeMovement(startsOn: string, endsOn: string): Period {
  const period = { from: startsOn, to: endsOn };
  const errors = validatePeriod(period);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
  return period;
}

export function monthOf(date: string): Period {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(date)}`);
  const prefix = date.slice(0, 8);
  return { from: `${prefix}01`, to: `${prefix}${String(daysInMonth(parts.year, parts.month)).padStart(2, '0')}` };
}

/**
 * ISO-8601 week: weeks start on Monday and belong to the year that holds their Thursday, so
 * 2027-01-01 (a Friday) is in 2026-W53 and 2024-12-30 (a Monday) is in 2025-W01.
 */
export function isoWeekOf(date: string): IsoWeek {
  const monday = toDayNumber(date) - (isoWeekday(date) - 1);
  const thursday = fromDayNumber(monday + 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${thursday.slice(0, 4)}-01-01`, thursday) / 7) + 1;
  return {
    from: fromDayNumber(monday),
    to: fromDayNumber(monday + 6),
    year,
    week,
    label: `${thursday.slice(0, 4)}-W${String(week).padStart(2, '0')}`,
  };
}

/**
 * The period of the same length that ends the day before this one starts: what "rank movement
 * since the previous period" compares against. A calendar month maps to the previous calendar
 * month (not "the previous 31 days"), because that is what a reader of a monthly board expects.
 */
export function previousPeriod(period: Period): Period {
  const month = monthOf(period.from);
  if (month.from === period.from && month.to === period.to) return monthOf(addDays(period.from, -1));
  const length = periodLength(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** The part of `period` inside the movement's dates, or null when they do not overlap. */
export function clampToMovement(period: Period, movement: Period): Period | null {
  const from = toDayNumber(period.from) > toDayNumber(movement.from) ? period.from : movement.from;
  const to = toDayNumber(period.to) < toDayNumber(movement.to) ? period.to : movement.to;
  return toDayNumber(from) <= toDayNumber(to) ? { from, to } : null;
}
