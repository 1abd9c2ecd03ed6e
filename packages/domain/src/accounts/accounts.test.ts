import { describe, expect, it } from 'vitest';
import { ROLES } from '../units/kinds';
import {
  GRANTABLE_ROLES,
  SETUP_CODE_ALPHABET,
  SETUP_CODE_LENGTH,
  formatSetupCode,
  mayGrantRole,
  normalizeSetupCode,
  passwordShapeProblem,
  setupCodeFromRandom,
} from './index';

describe('granting roles', () => {
  it.each([
    ['ADMIN', 'ADMIN', true],
    ['ADMIN', 'ORGANIZER', true],
    ['ADMIN', 'LEADER', true],
    ['ADMIN', 'OFFICER', true],
    ['ADMIN', 'CITIZEN', false],
    ['LEADER', 'OFFICER', true],
    ['LEADER', 'LEADER', false],
    ['LEADER', 'ADMIN', false],
    ['LEADER', 'ORGANIZER', false],
    ['ORGANIZER', 'OFFICER', false],
    ['OFFICER', 'OFFICER', false],
    ['CITIZEN', 'CITIZEN', false],
  ] as const)('%s may give %s: %s', (actor, target, allowed) => {
    expect(mayGrantRole(actor, target)).toBe(allowed);
  });

  it('never lets a role give a role it does not hold or one above it', () => {
    const rank = { ADMIN: 4, ORGANIZER: 3, LEADER: 2, OFFICER: 1, CITIZEN: 0 } as const;
    for (const actor of ROLES) for (const target of GRANTABLE_ROLES[actor]) expect(rank[target]).toBeLessThanOrEqual(rank[actor]);
  });
});

describe('setup codes', () => {
  it('are ten characters of the alphabet, from two random bytes each', () => {
    const bytes = new Uint8Array(20).map((_, i) => i * 37);
    const code = setupCodeFromRandom(bytes);
    expect(code).toHaveLength(SETUP_CODE_LENGTH);
    for (const ch of code) expect(SETUP_CODE_ALPHABET).toContain(ch);
  });

  it('carry at least 40 bits', () => {
    expect(SETUP_CODE_LENGTH * Math.log2(SETUP_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
  });

  it('have no look-alike characters', () => {
    for (const ch of '0O1IL2Z5S8BUV') expect(SETUP_CODE_ALPHABET).not.toContain(ch);
  });

  it('read back whatever the case, spaces and dashes', () => {
    const code = setupCodeFromRandom(new Uint8Array(20).fill(200));
    expect(normalizeSetupCode(formatSetupCode(code).toLowerCase())).toBe(code);
    expect(normalizeSetupCode(` ${code.slice(0, 3)} ${code.slice(3)} `)).toBe(code);
  });

  it('refuse what cannot be a code without a lookup', () => {
    expect(normalizeSetupCode('12345678')).toBeNull();
    expect(normalizeSetupCode('OOOOOOOOOO')).toBeNull();
    expect(normalizeSetupCode('')).toBeNull();
  });
});

describe('password shape', () => {
  it.each([
    ['short1234', 'an', 'too-short'],
    ['x'.repeat(129), 'an', 'too-long'],
    ['nguyenvana2025!', 'nguyenvana', 'contains-username'],
    ['Hoa sen nở sớm', 'nguyenvana', null],
    ['ten chars!', 'an', null],
  ] as const)('%s (user %s) → %s', (password, username, problem) => {
    expect(passwordShapeProblem(password, username)).toBe(problem);
  });
});
