/**
 * Signals that make a reviewer look twice before approving. They never reject on their own:
 * a large commune can legitimately hold a class of 300.
 */
export const PLAUSIBILITY_FLAGS = ['ATTENDEES_FAR_ABOVE_USUAL', 'INSTRUCTOR_MANY_CLASSES_IN_DAY', 'DUPLICATE_ATTENDEE_LIST'] as const;
export type PlausibilityFlag = (typeof PLAUSIBILITY_FLAGS)[number];

export const PLAUSIBILITY_FLAG_MESSAGES_VI: Record<PlausibilityFlag, string> = {
  ATTENDEES_FAR_ABOVE_USUAL: 'Số người tham dự cao bất thường so với các lớp trước của đơn vị.',
  INSTRUCTOR_MANY_CLASSES_IN_DAY: 'Người hướng dẫn đã có nhiều lớp khác trong cùng ngày.',
  DUPLICATE_ATTENDEE_LIST: 'Danh sách người tham dự trùng với một lớp đã ghi nhận trước đó của đơn vị.',
};

/** More than this many times the unit's median class… */
export const USUAL_ATTENDANCE_FACTOR = 3;
/** …and more than this many people: small classes tripling (5 → 16) are not suspicious. */
export const USUAL_ATTENDANCE_FLOOR = 50;
/** Classes an instructor already has that day before a new one looks implausible. */
export const MAX_CLASSES_PER_INSTRUCTOR_DAY = 4;

export interface PlausibilityInput {
  attendeeCount?: number | null;
  instructorIds?: readonly string[] | null;
  /** Hash of the attendee list, when one was attached; null or empty when none. */
  attendeeListHash?: string | null;
}

export interface PlausibilityHistory {
  /** The unit's usual class size: the median attendee count of its earlier classes in the movement (null: none yet). */
  usualAttendance: number | null;
  /** For each instructor of the new class: classes they already have on the same day. */
  instructorClassesThatDay: Readonly<Record<string, number>>;
  /** Attendee-list hashes of the unit's earlier classes. */
  pastAttendeeListHashes: ReadonlySet<string>;
}

export function median(values: readonly number[]): number | null {
  return medianOfSorted([...values].sort((a, b) => a - b));
}

/** The median of an ascending list, in constant time. */
export function medianOfSorted(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Inserts a value into an ascending list, keeping it ascending (binary search; for running medians over a batch). */
export function insertSorted(sorted: number[], value: number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
}

/**
 * Which parts of the unit's history can change the flags of this class: a class of at most
 * USUAL_ATTENDANCE_FLOOR people is never "far above usual", a class without an attendee list
 * cannot repeat one, a class without instructors cannot overload one. Whatever is not needed
 * need not be read.
 */
export function historyNeeded(input: PlausibilityInput): { attendance: boolean; attendeeList: boolean; instructors: boolean } {
  return {
    attendance: (input.attendeeCount ?? 0) > USUAL_ATTENDANCE_FLOOR,
    attendeeList: !!input.attendeeListHash?.trim(),
    instructors: (input.instructorIds ?? []).length > 0,
  };
}

export function plausibilityFlags(input: PlausibilityInput, history: PlausibilityHistory): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];

  const usual = history.usualAttendance;
  const count = input.attendeeCount ?? 0;
  // With no earlier class there is no "usual" to compare with.
  if (usual !== null && count > USUAL_ATTENDANCE_FACTOR * usual && count > USUAL_ATTENDANCE_FLOOR) flags.push('ATTENDEES_FAR_ABOVE_USUAL');

  const busy = (input.instructorIds ?? []).some((id) => (Object.hasOwn(history.instructorClassesThatDay, id) ? history.instructorClassesThatDay[id] : 0) >= MAX_CLASSES_PER_INSTRUCTOR_DAY);
  if (busy) flags.push('INSTRUCTOR_MANY_CLASSES_IN_DAY');

  const hash = input.attendeeListHash?.trim();
  if (hash && history.pastAttendeeListHashes.has(hash)) flags.push('DUPLICATE_ATTENDEE_LIST');

  return flags;
}
