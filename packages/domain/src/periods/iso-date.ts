/**
 * Calendar dates as ISO strings ("2025-07-14"), computed with integer day numbers.
 * Why not `Date`: a `Date` is an instant, and turning it back into a calendar day depends on the
 * process's time zone; day numbers cannot drift by a day on a server running in UTC.
 */

export interface IsoDateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Vietnam has used UTC+7 without daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real calendar date written YYYY-MM-DD, or null ("2025-02-30" is null). */
export function parseIsoDate(text: string): IsoDateParts | null {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

function requireDate(text: string): IsoDateParts {
  const parts = parseIsoDate(text);
  if (!parts) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(text)}`);
  return parts;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil: exact for every proleptic Gregorian date). */
export function toDayNumber(text: string): number {
  const { year, month, day } = requireDate(text);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Signed number of days from `from` to `to` ("2025-01-01" → "2025-01-03" is 2). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function compareIsoDates(a: string, b: string): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** The calendar day in Vietnam at an instant: what "today" means for a user of the platform. */
export function vietnamDateOf(instant: Date): string {
  return fromDayNumber(Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / MS_PER_DAY));
}

/** "2025-07-04" → "04/07/2025", the way dates are written in Vietnamese messages. */
export function formatDateVi(date: string): string {
  const { year, month, day } = requireDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}
