import { addDays, daysBetween, isIsoDate } from '../periods/iso-date';

/** A cumulative reading of a target's indicator: its value as of `date`. */
export interface TargetReading {
  date: string;
  value: number;
}

/** How far along a target is (0.8 = 80 %), uncapped; null when the denominator is unknown or 0. */
export function progressRatio(value: number, denominator: number | null | undefined): number | null {
  if (denominator == null || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.max(0, value) / denominator;
}

/** Readings on or before `asOf`, oldest first, the last one per date winning. */
function readingsUpTo(series: readonly TargetReading[], asOf: string): TargetReading[] {
  const byDate = new Map<string, number>();
  for (const reading of series) {
    if (isIsoDate(reading.date) && reading.date <= asOf && Number.isFinite(reading.value)) byDate.set(reading.date, reading.value);
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}

/** The value held on `date`: the latest reading on or before it (readings are cumulative). */
function valueOn(readings: readonly TargetReading[], date: string): number | undefined {
  let value: number | undefined;
  for (const reading of readings) if (reading.date <= date) value = reading.value;
  return value;
}

/** The first date the indicator reached `level`, or null. */
export function reachedOn(series: readonly TargetReading[], level: number, asOf = '9999-12-31'): string | null {
  return readingsUpTo(series, asOf).find((reading) => reading.value >= level)?.date ?? null;
}

export const DEFAULT_TREND_WINDOW_DAYS = 28;

/**
 * When the target will be reached at the current pace: a straight line through the value
 * `windowDays` before `asOf` (or the first reading, if later) and the value on `asOf`. A recent
 * window rather than the whole history, because pace changes (a "45 ngày đêm" campaign) and the
 * projection should follow what units are doing now. Returns the date it was reached when it
 * already was, and null when there is no progress in the window to extrapolate.
 */
export function projectCompletionDate(
  series: readonly TargetReading[],
  level: number,
  asOf: string,
  options: { windowDays?: number } = {},
): string | null {
  if (!isIsoDate(asOf)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(asOf)}`);
  const readings = readingsUpTo(series, asOf);
  if (readings.length === 0) return null;
  const already = reachedOn(readings, level);
  if (already) return already;

  const windowDays = Math.max(1, Math.floor(options.windowDays ?? DEFAULT_TREND_WINDOW_DAYS));
  const windowStart = addDays(asOf, -windowDays);
  const startDate = readings[0].date > windowStart ? readings[0].date : windowStart;
  const elapsed = daysBetween(startDate, asOf);
  const current = readings[readings.length - 1].value;
  const gained = current - (valueOn(readings, startDate) ?? readings[0].value);
  if (elapsed <= 0 || gained <= 0) return null;

  const perDay = gained / elapsed;
  return addDays(asOf, Math.ceil((level - current) / perDay));
}
