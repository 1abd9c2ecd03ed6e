import { describe, expect, it } from 'vitest';
import { insertSorted, median, medianOfSorted, plausibilityFlags, type PlausibilityHistory, type PlausibilityInput } from './plausibility';

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
