import { describe, expect, it } from 'vitest';
import { activityPayloadFingerprint } from './fingerprint';

describe('activityPayloadFingerprint', () => {
  it.each<[string, unknown, unknown]>([
    ['ignores key order', { unitId: 'u1', attendeeCount: 20 }, { attendeeCount: 20, unitId: 'u1' }],
    ['ignores key order in nested objects', { a: { y: 1, x: 2 } }, { a: { x: 2, y: 1 } }],
    ['drops undefined fields like JSON does', { note: undefined, unitId: 'u1' }, { unitId: 'u1' }],
    ['treats negative zero as zero', { points: -0 }, { points: 0 }],
    ['writes a date as its ISO instant', { at: new Date('2025-07-14T00:00:00Z') }, { at: '2025-07-14T00:00:00.000Z' }],
  ])('%s', (_label, a, b) => {
    expect(activityPayloadFingerprint(a)).toBe(activityPayloadFingerprint(b));
  });

  it.each<[string, unknown, unknown]>([
    ['keeps array order', { topics: ['VNEID', 'E_HEALTH'] }, { topics: ['E_HEALTH', 'VNEID'] }],
    ['tells a number from its text', { attendeeCount: 20 }, { attendeeCount: '20' }],
    ['tells a missing field from a null one', { note: null }, {}],
    ['tells a changed value apart', { attendeeCount: 20 }, { attendeeCount: 21 }],
  ])('%s', (_label, a, b) => {
    expect(activityPayloadFingerprint(a)).not.toBe(activityPayloadFingerprint(b));
  });

  it('writes plain canonical JSON', () => {
    expect(activityPayloadFingerprint({ b: [3, { d: 1, c: 'Hạ Long' }], a: true })).toBe('{"a":true,"b":[3,{"c":"Hạ Long","d":1}]}');
  });

  it('refuses a payload that refers to itself', () => {
    const payload: Record<string, unknown> = { id: 'x' };
    payload.self = payload;
    expect(() => activityPayloadFingerprint(payload)).toThrow(TypeError);
  });

  it('accepts the same object twice in one payload', () => {
    const shared = { x: 1 };
    expect(activityPayloadFingerprint({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
