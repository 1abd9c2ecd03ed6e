import { describe, expect, it } from 'vitest';
import { readSessionCookie } from '@thidua/api/src/modules/auth/auth.service';

describe('reading the session cookie from a Cookie header', () => {
  it('finds it among other cookies, with or without spaces, and keeps = inside the value', () => {
    expect(readSessionCookie('thidua_session=abc')).toBe('abc');
    expect(readSessionCookie('theme=dark; thidua_session=abc; lang=vi')).toBe('abc');
    expect(readSessionCookie('theme=dark;thidua_session=abc==;lang=vi')).toBe('abc==');
    expect(readSessionCookie('  thidua_session = abc ; x=1')).toBe('abc');
  });

  it('answers null when it is missing, empty, or only part of another name', () => {
    expect(readSessionCookie(undefined)).toBeNull();
    expect(readSessionCookie('')).toBeNull();
    expect(readSessionCookie('theme=dark; lang=vi')).toBeNull();
    expect(readSessionCookie('thidua_session=; x=1')).toBeNull();
    expect(readSessionCookie('old_thidua_session=abc; thidua_sessionx=def')).toBeNull();
    expect(readSessionCookie('flag; thidua_session=abc')).toBe('abc');
  });
});
