import { createHmac } from 'node:crypto';

/**
 * The keyed hash that stands in for a national ID (CCCD) everywhere: the number itself is never
 * stored or logged. HMAC-SHA256 with the configured key, so the hash cannot be reversed by
 * hashing all 10^12 numbers without the key.
 */
export function hashNationalId(key: string, digits: string): string {
  return createHmac('sha256', key).update(digits).digest('hex');
}
