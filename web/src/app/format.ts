// Numbers and dates are always shown the Vietnamese way (1.234.567; 01/09/2025), whatever the UI language.
const FORMAT_LOCALE = 'vi-VN';

const integerFormat = new Intl.NumberFormat(FORMAT_LOCALE, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(FORMAT_LOCALE, { maximumFractionDigits: 2 });

/**
 * Dates and times: ONE format everywhere in the app, whatever the UI language and whatever the
 * device's time zone — a day is dd/MM/yyyy, a moment dd/MM/yyyy HH:mm, in Vietnam time
 * (Asia/Ho_Chi_Minh). Pages format dates only through this module.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// en-GB with h23 gives two-digit parts reliably; the parts are assembled by hand below
const vietnamParts = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: VIETNAM_TIME_ZONE,
});

function partsInVietnam(date: Date): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const part = Object.fromEntries(vietnamParts.formatToParts(date).map((p) => [p.type, p.value]));
  return { day: part.day!, month: part.month!, year: part.year!, hour: part.hour === '24' ? '00' : part.hour!, minute: part.minute! };
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function formatInteger(value: number | null | undefined): string | null {
  return value == null ? null : integerFormat.format(value);
}

export function formatDecimal(value: number | null | undefined): string | null {
  return value == null ? null : decimalFormat.format(value);
}

/**
 * A day, dd/MM/yyyy. `Date` scalars are calendar days ("2025-09-01") and are shown as they are;
 * an instant ("2025-09-01T17:30:00Z") is shown as its day in Vietnam (02/09/2025).
 */
export function formatDate(value: string | number | Date | null | undefined): string | null {
  if (value == null || value === '') return null;
  const day = typeof value === 'string' ? CALENDAR_DAY.exec(value) : null;
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p = partsInVietnam(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** A moment, dd/MM/yyyy HH:mm in Vietnam time. */
export function formatDateTime(value: string | number | Date | null | undefined): string | null {
  if (value == null || value === '') return null;
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p = partsInVietnam(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** The time of day of a moment, HH:mm in Vietnam time (when a board was last brought up to date). */
export function formatClock(value: string | number | Date): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const p = partsInVietnam(date);
  return `${p.hour}:${p.minute}`;
}


export { lowerFirst } from '@thidua/domain';
