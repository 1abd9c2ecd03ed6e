import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_CODE_ALPHABET,
  CONFIRMATION_CODE_BITS,
  confirmationCodeFromBytes,
  confirmationPath,
  formatConfirmationCode,
  isValidRating,
  normalizeConfirmationCode,
} from './codes';

describe('confirmation codes', () => {
  it('are 8 characters of an alphabet without I, L, O or U, carrying 40 bits', () => {
    expect(CONFIRMATION_CODE_BITS).toBeGreaterThanOrEqual(40);
    expect(CONFIRMATION_CODE_ALPHABET).toHaveLength(32);
    expect(CONFIRMATION_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 200; i++) expect(confirmationCodeFromBytes(randomBytes(5))).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('map every 40-bit value to its own code', () => {
    expect(confirmationCodeFromBytes(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(confirmationCodeFromBytes(new Uint8Array([255, 255, 255, 255, 255]))).toBe('ZZZZZZZZ');
    expect(confirmationCodeFromBytes(new Uint8Array([0, 0, 0, 0, 33]))).toBe('00000011');
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(confirmationCodeFromBytes(randomBytes(5)));
    expect(seen.size).toBe(5000);
  });

  it('forgive how a person types them', () => {
    expect(normalizeConfirmationCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeConfirmationCode(' ab cd ef gh ')).toBe('ABCDEFGH');
    expect(normalizeConfirmationCode('OIL0-1234')).toBe('01101234');
    expect(normalizeConfirmationCode('https://thidua.example.vn/xac-nhan/ABCD-EFGH')).toBe('ABCDEFGH');
  });

  it('refuse what cannot be a code', () => {
    for (const bad of ['', 'ABCDEFG', 'ABCDEFGHJ', 'ABCD EFGU', 'ABCD\u0000EFG', 'ẢBCDEFGH', 'x'.repeat(300), '/xac-nhan/']) expect(normalizeConfirmationCode(bad)).toBeNull();
    expect(normalizeConfirmationCode(null)).toBeNull();
  });

  it('are shown as two groups of four in the public link', () => {
    expect(formatConfirmationCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(confirmationPath('ABCDEFGH')).toBe('/xac-nhan/ABCD-EFGH');
  });

  it('take ratings 1 to 5 only', () => {
    expect([1, 2, 3, 4, 5].every(isValidRating)).toBe(true);
    for (const bad of [0, 6, 2.5, -1, Number.NaN, '5', null]) expect(isValidRating(bad)).toBe(false);
  });
});
