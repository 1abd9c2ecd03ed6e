import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/harness';

/**
 * The demo accounts of API.md ("Demo data"): each logs in with the demo password and `me` shows
 * its role and the unit it acts for.
 */
const HA_LONG = '06688'; // phường Hạ Long, Quảng Ninh
const LONG_COC = '08620'; // xã Long Cốc, Phú Thọ
const QUANG_NINH = '22';

interface Me {
  username: string;
  role: string;
  unit: { code: string | null; name: string; fullName: string; kind: string; ancestors: { code: string | null; kind: string }[] } | null;
}

const ME = /* GraphQL */ `{ me { username role unit { code name fullName kind ancestors { code kind } } } }`;

/** the codes of the unit and everything above it */
const lineage = (unit: NonNullable<Me['unit']>) => [unit.code, ...unit.ancestors.map((a) => a.code)];

const accounts: { username: string; role: string; describe: string; check(unit: NonNullable<Me['unit']>): void }[] = [
  {
    username: 'admin',
    role: 'ADMIN',
    describe: 'the whole country',
    check: (unit) => expect(unit).toMatchObject({ kind: 'COUNTRY', name: 'Việt Nam' }),
  },
  {
    username: 'organizer',
    role: 'ORGANIZER',
    describe: 'Công an tỉnh Quảng Ninh',
    check: (unit) => {
      expect(unit.kind).toBe('ORGANIZATION');
      expect(unit.fullName).toMatch(/công an/i);
      expect(lineage(unit)).toContain(QUANG_NINH);
    },
  },
  {
    username: 'leader',
    role: 'LEADER',
    describe: 'tỉnh Quảng Ninh',
    check: (unit) => expect(unit).toMatchObject({ kind: 'PROVINCE', code: QUANG_NINH }),
  },
  {
    username: 'officer',
    role: 'OFFICER',
    describe: 'an organization in phường Hạ Long',
    check: (unit) => {
      expect(unit.kind).toBe('ORGANIZATION');
      expect(lineage(unit)).toContain(HA_LONG);
    },
  },
  {
    username: 'officer2',
    role: 'OFFICER',
    describe: 'an organization in xã Long Cốc',
    check: (unit) => {
      expect(unit.kind).toBe('ORGANIZATION');
      expect(lineage(unit)).toContain(LONG_COC);
    },
  },
  {
    username: 'citizen',
    role: 'CITIZEN',
    describe: 'a place in phường Hạ Long',
    check: (unit) => expect(lineage(unit)).toContain(HA_LONG),
  },
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t?.close());

describe('demo accounts', () => {
  for (const { username, role, describe: actsFor, check } of accounts) {
    it(`${username} logs in and me shows role ${role}, acting for ${actsFor}`, async () => {
      const client = t.client();
      await client.login(username);
      const { me } = dataOf(await client.gql<{ me: Me }>(ME));
      expect(me).toMatchObject({ username, role });
      expect(me.unit).not.toBeNull();
      check(me.unit!);
    });
  }
});
