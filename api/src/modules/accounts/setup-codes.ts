import { createHash, randomBytes } from 'node:crypto';
import { formatSetupCode, normalizeSetupCode, setupCodeFromRandom, SETUP_CODE_TTL_HOURS } from '@thidua/domain';

/**
 * The one mechanism behind every first password: staff accounts, resets, citizens' accounts and the
 * command line's first ADMIN. Only a hash of the code is stored, beside its expiry; setting a
 * password clears both, so a code works once.
 */
export interface IssuedSetupCode {
  /** as shown and printed: ABCDE-FGHJK */
  code: string;
  hash: string;
  expiresAt: Date;
}

export function hashSetupCode(normalized: string): string {
  return createHash('sha256').update(`setup:${normalized}`).digest('hex');
}

export function issueSetupCode(now = Date.now(), ttlHours = SETUP_CODE_TTL_HOURS): IssuedSetupCode {
  const code = setupCodeFromRandom(randomBytes(20));
  return { code: formatSetupCode(code), hash: hashSetupCode(code), expiresAt: new Date(now + ttlHours * 3_600_000) };
}

/** The hash of what the person typed, or null when it cannot be a code at all. */
export function hashTypedSetupCode(typed: string): string | null {
  const code = normalizeSetupCode(typed);
  return code ? hashSetupCode(code) : null;
}

/** `/kich-hoat?ten=<username>`: the link a slip's QR code opens. */
export function activationUrl(publicUrl: string, username: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/kich-hoat?ten=${encodeURIComponent(username)}`;
}
