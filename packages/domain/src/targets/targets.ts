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

/**
 * A cumulative series from the dates things first happened (a residential group's first class, a
 * household's Gia đình số, an officer's first pass): on each date, how many had happened by then,
 * as a share of `denominator` when one is given (null when the share is unknown: no readings).
 */
export function seriesFromFirstDates(firstDates: readonly string[], denominator: number | null = null): TargetReading[] {
  if (denominator != null && !(denominator > 0)) return [];
  const perDay = new Map<string, number>();
  for (const date of firstDates) if (isIsoDate(date)) perDay.set(date, (perDay.get(date) ?? 0) + 1);
  let count = 0;
  return [...perDay]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, n]) => {
      count += n;
      return { date, value: denominator == null ? count : count / denominator };
    });
}

/** Whether a target was reached on or before its deadline, judged on its cumulative history. */
export function reachedByDeadline(series: readonly TargetReading[], level: number, deadline: string): boolean {
  const on = reachedOn(series, level);
  return on != null && on <= deadline;
}

export const DEFAULT_TREND_WINDOW_DAYS = 28;

/** How a target stands against the current pace: see projectCompletion. */
export const TARGET_PACES = ['REACHED', 'PROJECTED', 'TOO_SLOW', 'STALLED', 'NO_DATA'] as const;
export type TargetPace = (typeof TARGET_PACES)[number];

/** Past this many years from today a projected date says nothing but "not at this pace". */
export const PROJECTION_HORIZON_YEARS = 10;

/**
 * When the target will be reached at the current pace: a straight line through the value
 * `windowDays` before `asOf` (or the first reading, if later) and the value on `asOf`. A recent
 * window rather than the whole history, because pace changes (a "45 ngày đêm" campaign) and the
 * projection should follow what units are doing now.
 *   REACHED: already reached, `on` is the date it was; PROJECTED: `on` is the projected date;
 *   TOO_SLOW: the line reaches the level only more than PROJECTION_HORIZON_YEARS from now (no
 *   date: a date in the 32nd century is no forecast); STALLED: no progress in the window;
 *   NO_DATA: no readings, or none before today.
 */
export function projectCompletion(
  series: readonly TargetReading[],
  level: number,
  asOf: string,
  options: { windowDays?: number } = {},
): { pace: TargetPace; on: string | null } {
  if (!isIsoDate(asOf)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(asOf)}`);
  const readings = readingsUpTo(series, asOf);
  if (readings.length === 0) return { pace: 'NO_DATA', on: null };
  const already = reachedOn(readings, level);
  if (already) return { pace: 'REACHED', on: already };

  const windowDays = Math.max(1, Math.floor(options.windowDays ?? DEFAULT_TREND_WINDOW_DAYS));
  const windowStart = addDays(asOf, -windowDays);
  const startDate = readings[0].date > windowStart ? readings[0].date : windowStart;
  const elapsed = daysBetween(startDate, asOf);
  if (elapsed <= 0) return { pace: 'NO_DATA', on: null };
  const current = readings[readings.length - 1].value;
  const gained = current - (valueOn(readings, startDate) ?? readings[0].value);
  if (gained <= 0) return { pace: 'STALLED', on: null };

  const days = Math.ceil((level - current) / (gained / elapsed));
  if (!Number.isFinite(days) || days > PROJECTION_HORIZON_YEARS * 366) return { pace: 'TOO_SLOW', on: null };
  return { pace: 'PROJECTED', on: addDays(asOf, days) };
}

/** The date of projectCompletion: when it was or will be reached, null when no date can be told. */
export function projectCompletionDate(
  series: readonly TargetReading[],
  level: number,
  asOf: string,
  options: { windowDays?: number } = {},
): string | null {
  return projectCompletion(series, level, asOf, options).on;
}

/** Measures whose level is a share of a population (0.8 = 80 %): at most 1. */
export const RATIO_TARGET_MEASURES: readonly string[] = ['ADULTS_TRAINED', 'HOUSEHOLDS_DIGITAL', 'OFFICERS_TRAINED'];

export interface TargetRuleInput {
  measure: string;
  level: number;
  deadline?: string | null;
}

/**
 * What is wrong with a target of a movement running from `startsOn` to `endsOn` (calendar days),
 * as field → Vietnamese message: a share above 100 %, or a deadline outside the movement.
 */
export function targetProblems(target: TargetRuleInput, startsOn: string, endsOn: string): { field: 'level' | 'deadline'; message: string }[] {
  const problems: { field: 'level' | 'deadline'; message: string }[] = [];
  if (RATIO_TARGET_MEASURES.includes(target.measure) && Number.isFinite(target.level) && target.level > 1)
    problems.push({ field: 'level', message: 'Chỉ tiêu tỉ lệ không được vượt quá 100%.' });
  if (target.deadline && (target.deadline < startsOn || target.deadline > endsOn))
    problems.push({ field: 'deadline', message: `Hạn của chỉ tiêu phải nằm trong thời gian của phong trào (${startsOn} – ${endsOn}).` });
  return problems;
}
