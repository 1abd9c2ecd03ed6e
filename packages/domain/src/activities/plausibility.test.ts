import { describe, expect, it } from 'vitest';
import { historyNeeded, insertSorted, median, medianOfSorted, plausibilityFlags, type PlausibilityHistory, type PlausibilityInput } from './plausibility';

const history = (overrides: Partial<PlausibilityHistory> = {}): PlausibilityHistory => ({
  usualAttendance: median([20, 25, 30]),
  instructorClassesThatDay: {},
  pastAttendeeListHashes: new Set(),
  ...overrides,
});

describe('plausibilityFlags', () => {
  it.each<[string, PlausibilityInput, PlausibilityHistory, string[]]>([
    ['raises nothing for an ordinary class', { attendeeCount: 30, instructorIds: ['i1'] }, history(), []],
    ['flags attendance far above the unit median', { attendeeCount: 76 }, history(), ['ATTENDEES_FAR_ABOVE_USUAL']],
    ['does not flag exactly three times the median', { attendeeCount: 75 }, history(), []],
    ['does not flag a small class that tripled', { attendeeCount: 40 }, history({ usualAttendance: median([5, 6, 10]) }), []],
    ['does not flag a unit with no earlier class', { attendeeCount: 400 }, history({ usualAttendance: median([]) }), []],
    ['flags an instructor who already has four classes that day', { attendeeCount: 20, instructorIds: ['i1', 'i2'] }, history({ instructorClassesThatDay: { i2: 4 } }), ['INSTRUCTOR_MANY_CLASSES_IN_DAY']],
    ['does not flag an instructor with three classes that day', { attendeeCount: 20, instructorIds: ['i1'] }, history({ instructorClassesThatDay: { i1: 3 } }), []],
    ['flags an attendee list seen before in the unit', { attendeeCount: 20, attendeeListHash: 'h1' }, history({ pastAttendeeListHashes: new Set(['h0', 'h1']) }), ['DUPLICATE_ATTENDEE_LIST']],
    ['ignores an empty attendee list hash', { attendeeCount: 20, attendeeListHash: '' }, history({ pastAttendeeListHashes: new Set(['']) }), []],
    [
      'raises several flags at once',
      { attendeeCount: 200, instructorIds: ['i1'], attendeeListHash: 'h1' },
      history({ instructorClassesThatDay: { i1: 6 }, pastAttendeeListHashes: new Set(['h1']) }),
      ['ATTENDEES_FAR_ABOVE_USUAL', 'INSTRUCTOR_MANY_CLASSES_IN_DAY', 'DUPLICATE_ATTENDEE_LIST'],
    ],
  ])('%s', (_label, input, past, expected) => {
    expect(plausibilityFlags(input, past)).toEqual(expected);
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
    [[], null],
  ])('finds the median of %j: %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('running median over a batch', () => {
  it('keeps the list ascending and agrees with median() after every insertion', () => {
    const values = [30, 5, 5, 80, 12, 12, 1, 400, 25, 25, 26];
    const sorted: number[] = [];
    values.forEach((v, i) => {
      insertSorted(sorted, v);
      expect(sorted).toEqual([...values.slice(0, i + 1)].sort((a, b) => a - b));
      expect(medianOfSorted(sorted)).toBe(median(values.slice(0, i + 1)));
    });
  });
});

describe('historyNeeded', () => {
  // the most damning history there is: tiny usual classes, a busy instructor, every list seen
  const worst = (input: PlausibilityInput): PlausibilityHistory => ({
    usualAttendance: 1,
    instructorClassesThatDay: Object.fromEntries((input.instructorIds ?? []).map((i) => [i, 99])),
    pastAttendeeListHashes: new Set([input.attendeeListHash ?? '']),
  });
  const none: PlausibilityHistory = { usualAttendance: null, instructorClassesThatDay: {}, pastAttendeeListHashes: new Set() };

  it.each<[string, PlausibilityInput]>([
    ['a class of 50', { attendeeCount: 50 }],
    ['a class of 51', { attendeeCount: 51 }],
    ['a class of 12 with a list', { attendeeCount: 12, attendeeListHash: 'h' }],
    ['a class of 300 with instructors', { attendeeCount: 300, instructorIds: ['i1', 'i2'] }],
    ['a class of 10 with an empty list hash', { attendeeCount: 10, attendeeListHash: ' ' }],
    ['a class with no count', {}],
  ])('says what can change the flags of %s', (_label, input) => {
    const needed = historyNeeded(input);
    const flags = plausibilityFlags(input, worst(input));
    // a part not needed can never raise its flag, whatever the history holds
    if (!needed.attendance) expect(flags).not.toContain('ATTENDEES_FAR_ABOVE_USUAL');
    if (!needed.attendeeList) expect(flags).not.toContain('DUPLICATE_ATTENDEE_LIST');
    if (!needed.instructors) expect(flags).not.toContain('INSTRUCTOR_MANY_CLASSES_IN_DAY');
    // and a part that is needed does matter: the worst history raises it, no history does not
    if (needed.attendance) expect(flags).toContain('ATTENDEES_FAR_ABOVE_USUAL');
    if (needed.attendeeList) expect(flags).toContain('DUPLICATE_ATTENDEE_LIST');
    if (needed.instructors) expect(flags).toContain('INSTRUCTOR_MANY_CLASSES_IN_DAY');
    expect(plausibilityFlags(input, none)).toEqual([]);
  });
});
