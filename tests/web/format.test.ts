import { afterAll, describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatDateTime, lowerFirst } from '../../web/src/app/format';

/*
 * Issue 15: dates and times have one format everywhere in the web app — dd/MM/yyyy HH:mm in
 * Vietnam time, dd/MM/yyyy for days — whatever time zone the device is set to.
 */

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// Node applies a change of process.env.TZ at once; each zone puts 2026-03-31T17:30Z on another day or hour
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh'];

describe.each(ZONES)('on a device set to %s', (zone) => {
  it('the device really is in that zone (the test can tell zones apart)', () => {
    process.env.TZ = zone;
    const offset = new Date('2026-03-31T17:30:00Z').getTimezoneOffset();
    const expected = { UTC: 0, 'America/Los_Angeles': 420, 'Asia/Tokyo': -540, 'Pacific/Kiritimati': -840, 'Asia/Ho_Chi_Minh': -420 }[zone];
    expect(offset).toBe(expected);
  });

  it('writes a moment as dd/MM/yyyy HH:mm in Vietnam time', () => {
    process.env.TZ = zone;
    // 17:30 UTC is 00:30 the next day in Vietnam (UTC+7)
    expect(formatDateTime('2026-03-31T17:30:00Z')).toBe('01/04/2026 00:30');
    expect(formatDateTime('2026-12-05T02:05:00.000Z')).toBe('05/12/2026 09:05');
    expect(formatDateTime(Date.UTC(2026, 0, 1, 16, 59))).toBe('01/01/2026 23:59');
    expect(formatDateTime(new Date('2026-01-01T17:00:00Z'))).toBe('02/01/2026 00:00');
  });

  it('writes a day as dd/MM/yyyy: calendar days as they are, instants as their day in Vietnam', () => {
    process.env.TZ = zone;
    expect(formatDate('2026-03-31')).toBe('31/03/2026');
    expect(formatDate('2025-09-01')).toBe('01/09/2025');
    expect(formatDate('2026-03-31T17:30:00Z')).toBe('01/04/2026');
    expect(formatDate('2026-03-31T16:59:00Z')).toBe('31/03/2026');
  });

  it('writes the time of day as HH:mm in Vietnam time', () => {
    process.env.TZ = zone;
    expect(formatClock(new Date('2026-03-31T08:59:00Z'))).toBe('15:59');
    expect(formatClock(Date.UTC(2026, 2, 31, 17, 0))).toBe('00:00');
  });
});

it('leaves nothing for no value and shows an unreadable value as it came', () => {
  expect(formatDate(null)).toBeNull();
  expect(formatDate('')).toBeNull();
  expect(formatDateTime(undefined)).toBeNull();
  expect(formatDateTime('not a date')).toBe('not a date');
});

it('is the only place in the web app that formats dates (no toLocale*String or Intl.DateTimeFormat elsewhere)', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join, relative } = await import('node:path');
  const root = new URL('../../web/src/', import.meta.url).pathname;
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'gql' ? [] : walk(path);
      return /\.(ts|vue)$/.test(name) ? [path] : [];
    });
  })(root);
  const offenders = files
    .filter((path) => relative(root, path) !== join('app', 'format.ts'))
    .filter((path) => /toLocaleDateString|toLocaleTimeString|toLocaleString\(|Intl\.DateTimeFormat|toUTCString|toDateString/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(root, path));
  expect(offenders, `format dates with web/src/app/format.ts instead: ${offenders.join(', ')}`).toEqual([]);
});

describe('lowerFirst', () => {
  it.each([
    ['Kích hoạt tài khoản định danh điện tử VNeID mức 2', 'kích hoạt tài khoản định danh điện tử VNeID mức 2'],
    ['VNeID mức 2', 'VNeID mức 2'],
    ['AI cho người cao tuổi', 'AI cho người cao tuổi'],
    ['Đặt lịch khám', 'đặt lịch khám'],
    ['', ''],
  ])('%s → %s', (label, expected) => {
    expect(lowerFirst(label)).toBe(expected);
  });
});
