import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, FIELD_RULE_MESSAGES, errorMessage, fieldRuleMessage, pickLanguage } from './catalogue';

const API_SRC = new URL('../../../../api/src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// An error code is UPPER_SNAKE (BAD_USER_INPUT) or domain/kebab-case (activity/own-review).
const CODE = String.raw`([A-Z]+(?:_[A-Z]+)+|[a-z]+\/[a-z]+(?:-[a-z]+)*)`;

/**
 * Every error code the API can answer, as its sources write it:
 * - every value of the ErrorCode list (api/src/errors.ts: "the error list");
 * - literal codes where an error is made or told apart: `new AppError('…'`, `code: '…'`,
 *   `code === '…'`, `fail(res, 404, '…'`.
 */
function codesInApi(): Set<string> {
  const files = sourceFiles(API_SRC).map((path) => readFileSync(path, 'utf8'));
  const errorsTs = readFileSync(join(API_SRC, 'errors.ts'), 'utf8');
  const list = errorsTs.slice(errorsTs.indexOf('export const ErrorCode = {'), errorsTs.indexOf('} as const;'));
  const byName = new Map([...list.matchAll(/^\s+([A-Z_]+): '([^']+)',/gm)].map((m) => [m[1]!, m[2]!]));
  const codes = new Set<string>(byName.values());
  for (const text of files) {
    const literal = new RegExp(String.raw`(?:new AppError\(|code: |code === |fail\(res, \d{3}, )'${CODE}'`, 'g');
    for (const m of text.matchAll(literal)) codes.add(m[1]!);
  }
  return codes;
}

describe('the error catalogue', () => {
  const catalogue = Object.keys(ERROR_MESSAGES);
  const found = codesInApi();

  it('finds the codes of the API (the scan itself works)', () => {
    for (const code of ['UNAUTHENTICATED', 'BAD_USER_INPUT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'activity/own-review', 'GRAPHQL_PARSE_FAILED'])
      expect(found, code).toContain(code);
  });

  it('has a Vietnamese and an English message for every code the API answers', () => {
    const missing = [...found].filter((code) => !catalogue.includes(code)).sort();
    expect(missing, `codes in api/src with no message in packages/domain/src/errors/catalogue.ts: ${missing.join(', ')}`).toEqual([]);
    const empty = catalogue.filter((code) => {
      const wording: { vi: string; en: string } = ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES];
      return !wording.vi.trim() || !wording.en.trim() || wording.vi === wording.en;
    });
    expect(empty, `codes whose vi or en message is empty or untranslated: ${empty.join(', ')}`).toEqual([]);
  });

  it('holds no code the API never answers', () => {
    const unused = catalogue.filter((code) => !found.has(code)).sort();
    expect(unused, `codes in the catalogue that no file in api/src uses: ${unused.join(', ')}`).toEqual([]);
  });

  it('words every field rule in both languages', () => {
    for (const [rule, wording] of Object.entries(FIELD_RULE_MESSAGES)) {
      expect(wording.vi.trim(), rule).not.toBe('');
      expect(wording.en.trim(), rule).not.toBe('');
    }
  });

  it('fills parameters, writing numbers the way each language does', () => {
    expect(errorMessage('RATE_LIMITED', 'en', { retryAfter: 30 })).toBe('Too many requests. Please try again in 30 seconds.');
    expect(errorMessage('RATE_LIMITED', 'vi', { retryAfter: 30 })).toBe('Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau 30 giây.');
    expect(fieldRuleMessage('note', 'tooLong', 'vi', { max: 2000 })).toBe('note: quá dài (tối đa 2.000 ký tự).');
    expect(fieldRuleMessage('note', 'tooLong', 'en', { max: 2000 })).toBe('note: is too long (at most 2,000 characters).');
    expect(errorMessage('no/such-code', 'en')).toBeNull();
  });
});

describe('pickLanguage', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR,de;q=0.5', 'vi'],
    ['vi;q=0.4, en;q=0.8', 'en'],
    ['en;q=0, vi', 'vi'],
    ['*', 'vi'],
  ] as const)('%s → %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});
