// Numbers and dates are always shown the Vietnamese way (1.234.567; 01/09/2025), whatever the UI language.
const FORMAT_LOCALE = 'vi-VN';

const integerFormat = new Intl.NumberFormat(FORMAT_LOCALE, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(FORMAT_LOCALE, { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat(FORMAT_LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Ho_Chi_Minh',
});
/** One format for a moment everywhere: dd/MM/yyyy HH:mm, Vietnam time. */
const dateTimeFormat = {
  format(date: Date): string {
    const part = Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
    return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
  },
};

export function formatInteger(value: number | null | undefined): string | null {
  return value == null ? null : integerFormat.format(value);
}

export function formatDecimal(value: number | null | undefined): string | null {
  return value == null ? null : decimalFormat.format(value);
}

/** `Date` scalars are calendar days ("2025-09-01"): format them without a time-zone shift. */
export function formatDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}
