/**
 * One-time setup codes: a new account, or one whose password was reset, sets its password with one.
 * Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V), shown
 * as two groups of five: easy to read out and type from a printed slip, and 10·log2(28) ≈ 48 bits,
 * far beyond guessing at the rate activation attempts are allowed.
 */
export const SETUP_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const SETUP_CODE_LENGTH = 10;
/** A code is good for 72 hours unless configured otherwise. */
export const SETUP_CODE_TTL_HOURS = 72;

/** Builds a code from random bytes, two per character (a 16-bit value modulo 23 is as good as uniform). */
export function setupCodeFromRandom(bytes: Uint8Array): string {
  if (bytes.length < SETUP_CODE_LENGTH * 2) throw new Error('setupCodeFromRandom needs 2 random bytes per character');
  let code = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i++) {
    const n = (bytes[2 * i] << 8) | bytes[2 * i + 1];
    code += SETUP_CODE_ALPHABET[n % SETUP_CODE_ALPHABET.length];
  }
  return code;
}

/** `ABCDE-FGHJK`: how a code is printed and shown. */
export function formatSetupCode(code: string): string {
  return code.length === SETUP_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/**
 * What a person typed, as the code it means: case, spaces and dashes do not matter. Returns null
 * when it cannot be a code (wrong length or a character outside the alphabet), so the check can
 * refuse it without a lookup.
 */
export function normalizeSetupCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== SETUP_CODE_LENGTH) return null;
  for (const ch of code) if (!SETUP_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
