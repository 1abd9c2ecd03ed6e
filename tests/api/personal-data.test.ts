import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/**
 * A citizen's personal data (issue 16, "people keep their rights"): an officer in scope, or the
 * citizen themself, exports everything held about the person; an officer erases it on request, with
 * a reason. The ledger and the unit's points stay; the person is gone from every list.
 */

const HA_LONG = '06688';
const EXPORT = `query($id: ID!) { citizenDataExport(citizenId: $id) }`;
const ERASE = `mutation($id: ID!, $reason: String!) { eraseCitizen(citizenId: $id, reason: $reason) }`;
const CITIZENS = `query($search: String) { citizens(search: $search, first: 50) { totalCount nodes { id fullName } } }`;

let t: TestApp;
let ward: GqlClient; // an OFFICER of phường Hạ Long
let officer: GqlClient; // demo officer: an organization in phường Hạ Long
let officer2: GqlClient; // demo officer2: xã Long Cốc, Phú Thọ (another province)
let leader: GqlClient;
let officerUnitId: string;
let groupId: string;
let serial = 410_000;

function cccd(birthYear: number): string {
  return `022${birthYear < 2000 ? 0 : 2}${String(birthYear % 100).padStart(2, '0')}${String(++serial).padStart(6, '0')}`;
}

interface Person {
  id: string;
  householdId: string;
  assistId: string;
  fullName: string;
  nationalId: string;
}

/** A household, a person in it with a national ID and a phone, an approved assist for them, a class they attended, and badges. */
async function person(fullName: string): Promise<Person> {
  const household = dataOf(
    await ward.gql(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, { input: { unitId: groupId, headName: 'Chủ Hộ Giữ Nguyên', code: `HO-${randomUUID().slice(0, 6)}` } }),
  ).registerHousehold;
  const nationalId = cccd(1961);
  const c = dataOf(
    await ward.gql(`mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { id } }`, {
      input: { unitId: groupId, householdId: household.id, fullName, birthYear: 1961, phone: '0912345678', nationalId },
    }),
  ).registerCitizen;
  const assist = { id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: officerUnitId, helpedOn: '2026-11-20', service: 'E_HEALTH', citizenId: c.id };
  const recorded = dataOf(await officer.gql(`mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id confirmation { code } } }`, { input: assist })).recordAssist;
  // the person confirms the help with the code the officer showed, and leaves a comment
  dataOf(await t.gql(`mutation($code: String!) { confirmActivity(code: $code, rating: 5, comment: "Cô cán bộ rất tận tình") { rating } }`, { code: recorded.confirmation.code }));
  dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id: assist.id }));
  const cls = { id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: officerUnitId, heldOn: '2026-11-21', attendeeCount: 12, topics: ['VNEID'] };
  dataOf(await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, { input: cls }));
  dataOf(await officer.gql(`mutation($a: ID!, $c: [ID!]!) { linkActivityParticipants(activityId: $a, citizenIds: $c) }`, { a: cls.id, c: [c.id] }));
  // a badge held by the person (as an award by hand would leave it)
  await t.db.execute(
    sql`insert into badge_awards (badge_code, holder_key, holder_name, citizen_id, issuer_unit_id, automatic, reason)
        values ('CONG_DAN_SO', ${`citizen:${c.id}`}, 'T.T.X', ${c.id}, ${Number(groupId)}, false, 'Trao tay')`,
  );
  return { id: c.id, householdId: household.id, assistId: assist.id, fullName, nationalId };
}

async function ledgerSums() {
  return queryRows<{ movement_id: string; unit_id: number; points: string; n: number }>(
    t.db,
    sql`select movement_id, unit_id, sum(points)::text as points, count(*)::int as n from points_ledger group by 1, 2 order by 1, 2`,
  );
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const [{ id: haLongId }] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${HA_LONG}`);
  const [g] = await queryRows<{ id: number }>(t.db, sql`select id from units where parent_id = ${haLongId} and kind = 'RESIDENTIAL_GROUP' order by id limit 1`);
  groupId = String(g.id);
  const wardOfficer = await newUser(t.db, { role: 'OFFICER', unitId: haLongId });
  ward = await t.as(wardOfficer.username, wardOfficer.password);
  officer = await t.as('officer');
  officer2 = await t.as('officer2');
  leader = await t.as('leader');
  officerUnitId = dataOf(await officer.gql(`{ me { unit { id } } }`)).me.unit.id;
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('exporting a citizen’s data', { timeout: 180_000 }, () => {
  it('gives an officer in scope everything held about the person: identity, household, activities, badges', async () => {
    const p = await person('Trần Thị Xuất Khẩu');
    const data = dataOf(await ward.gql(EXPORT, { id: p.id })).citizenDataExport;
    expect(data.citizen).toMatchObject({ id: p.id, fullName: p.fullName, birthYear: 1961, phone: '0912345678', hasNationalId: true });
    expect(data.household).toMatchObject({ id: p.householdId, headName: 'Chủ Hộ Giữ Nguyên' });
    expect(data.activities.map((a: { kind: string; role: string }) => `${a.kind}/${a.role}`).sort()).toEqual(['ASSIST/HELPED', 'CLASS/PARTICIPANT']);
    const assist = data.activities.find((a: { kind: string }) => a.kind === 'ASSIST');
    expect(assist).toMatchObject({ id: p.assistId, date: '2026-11-20', status: 'APPROVED', service: 'E_HEALTH', confirmation: { rating: 5, comment: 'Cô cán bộ rất tận tình' } });
    expect(assist.unit.id).toBe(officerUnitId);
    expect(data.badges.map((b: { code: string }) => b.code)).toContain('CONG_DAN_SO');
    expect(data.account).toBeNull();
    expect(JSON.stringify(data)).not.toContain(p.nationalId);
  });

  it('refuses an officer of another province with FORBIDDEN', async () => {
    const p = await person('Lê Văn Ngoài Tỉnh');
    expect(errorCodes(await officer2.gql(EXPORT, { id: p.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await officer2.gql(ERASE, { id: p.id, reason: 'Thử xoá ngoài phạm vi' }))).toEqual(['FORBIDDEN']);
  });

  it('lets the citizen themself export their own data, and no one else’s', async () => {
    const citizen = await t.as('citizen');
    const [{ citizen_id: own }] = await queryRows<{ citizen_id: string }>(t.db, sql`select citizen_id from users where username = 'citizen'`);
    expect(dataOf(await citizen.gql(`{ me { citizenId } }`)).me.citizenId).toBe(own);
    const data = dataOf(await citizen.gql(EXPORT, { id: own })).citizenDataExport;
    expect(data.citizen.id).toBe(own);
    expect(data.account.username).toBe('citizen');
    const other = await person('Phạm Thị Người Khác');
    expect(errorCodes(await citizen.gql(EXPORT, { id: other.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await citizen.gql(ERASE, { id: own, reason: 'Tôi muốn xoá dữ liệu' }))).toEqual(['FORBIDDEN']);
  });
});

describe('erasing a citizen', { timeout: 180_000 }, () => {
  it('asks for a reason, bounded', async () => {
    const p = await person('Võ Văn Lý Do');
    expect(errorCodes(await ward.gql(ERASE, { id: p.id, reason: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ward.gql(ERASE, { id: p.id, reason: 'x'.repeat(501) }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await ward.gql(EXPORT, { id: p.id })).citizenDataExport.citizen.fullName).toBe('Võ Văn Lý Do');
  });

  it('removes the personal fields, cuts the links, revokes badges and keeps the ledger whole', async () => {
    const p = await person('Đỗ Thị Được Xoá');
    // the household holds Gia đình số because of this member (as the automatic evaluation would have left it)
    await t.db.execute(
      sql`insert into badge_awards (badge_code, holder_key, holder_name, household_id, issuer_unit_id, automatic)
          values ('GIA_DINH_SO', ${`household:${p.householdId}`}, 'Hộ C.H.G.N', ${p.householdId}, ${Number(groupId)}, true)`,
    );
    const before = await ledgerSums();
    expect(dataOf(await ward.gql(CITIZENS, { search: 'Đỗ Thị Được Xoá' })).citizens.totalCount).toBe(1);

    expect(dataOf(await ward.gql(ERASE, { id: p.id, reason: 'Người dân yêu cầu xoá theo Nghị định 13' })).eraseCitizen).toBe(true);

    const [row] = await queryRows<{ full_name: string; birth_year: number | null; phone: string | null; national_id_hash: string | null; household_id: string | null; erased_at: Date | null }>(
      t.db,
      sql`select full_name, birth_year, phone, national_id_hash, household_id, erased_at from citizens where id = ${p.id}`,
    );
    expect(row.full_name).not.toContain('Được Xoá');
    expect(row).toMatchObject({ birth_year: null, phone: null, national_id_hash: null, household_id: null });
    expect(row.erased_at).not.toBeNull();
    const [{ links }] = await queryRows<{ links: number }>(
      t.db,
      sql`select (select count(*)::int from activity_participants where citizen_id = ${p.id}) + (select count(*)::int from activities where citizen_id = ${p.id}) as links`,
    );
    expect(links).toBe(0);
    const awards = await queryRows<{ status: string; holder_name: string }>(t.db, sql`select status, holder_name from badge_awards where citizen_id = ${p.id}`);
    expect(awards.length).toBeGreaterThan(0);
    expect(awards.every((a) => a.status === 'REVOKED' && a.holder_name !== 'T.T.X')).toBe(true);
    // the household was re-checked: without its only Công dân số it is no longer Gia đình số
    const [household] = await queryRows<{ status: string }>(t.db, sql`select status from badge_awards where household_id = ${p.householdId} and badge_code = 'GIA_DINH_SO'`);
    expect(household.status).toBe('REVOKED');

    // gone from every list and search
    expect(dataOf(await ward.gql(CITIZENS, { search: 'Đỗ Thị Được Xoá' })).citizens.totalCount).toBe(0);
    expect(dataOf(await ward.gql(CITIZENS, { search: null })).citizens.nodes.map((n: { id: string }) => n.id)).not.toContain(p.id);
    const members = dataOf(await ward.gql(`query($h: ID!) { citizens(householdId: $h, first: 50) { totalCount } }`, { h: p.householdId })).citizens;
    expect(members.totalCount).toBe(0);

    // the ledger is not touched: same rows, same sums, and it still matches the totals
    expect(await ledgerSums()).toEqual(before);
    expect(await verifyLedger(t.db)).toEqual([]);
    const [{ status, confirmation_rating, confirmation_comment }] = await queryRows<{ status: string; confirmation_rating: number; confirmation_comment: string | null }>(
      t.db,
      sql`select status, confirmation_rating, confirmation_comment from activities where id = ${p.assistId}`,
    );
    expect(status).toBe('APPROVED');
    // the person's own words go; the rating (a count on the boards, not a person) stays
    expect({ confirmation_rating, confirmation_comment }).toEqual({ confirmation_rating: 5, confirmation_comment: null });

    // the audit keeps who and why, never the erased data
    const audits = await queryRows<{ actor_user_id: string | null; reason: string | null; data: unknown }>(
      t.db,
      sql`select actor_user_id, reason, data from audit_log where action = 'citizen.erase' and entity_id = ${p.id}`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].actor_user_id).toBeTruthy();
    expect(audits[0].reason).toBe('Người dân yêu cầu xoá theo Nghị định 13');
    const everyAudit = JSON.stringify(await queryRows(t.db, sql`select * from audit_log where entity_id = ${p.id} or data::text like ${`%${p.id}%`}`));
    expect(everyAudit).not.toContain('Được Xoá');
    expect(everyAudit).not.toContain('0912345678');

    // exporting, or erasing again, answers citizen/erased
    expect(errorCodes(await ward.gql(EXPORT, { id: p.id }))).toEqual(['citizen/erased']);
    expect(errorCodes(await ward.gql(ERASE, { id: p.id, reason: 'Lần thứ hai' }))).toEqual(['citizen/erased']);
  });

  it('takes the name off a household the person heads, and leaves other households alone', async () => {
    const p = await person('Chủ Hộ Giữ Nguyên');
    const other = await person('Hồ Văn Thành Viên');
    dataOf(await ward.gql(ERASE, { id: p.id, reason: 'Người dân yêu cầu xoá' }));
    const heads = await queryRows<{ id: string; head_name: string }>(t.db, sql`select id, head_name from households where id in (${p.householdId}, ${other.householdId})`);
    expect(heads.find((h) => h.id === p.householdId)?.head_name).not.toBe('Chủ Hộ Giữ Nguyên');
    expect(heads.find((h) => h.id === other.householdId)?.head_name).toBe('Chủ Hộ Giữ Nguyên');
  });

  it('lets a leader in scope erase, and says so in Vietnamese afterwards', async () => {
    const p = await person('Bùi Văn Lãnh Đạo');
    expect(dataOf(await leader.gql(ERASE, { id: p.id, reason: 'Yêu cầu bằng văn bản' })).eraseCitizen).toBe(true);
    const again = await ward.gql(EXPORT, { id: p.id });
    expect(errorCodes(again)).toEqual(['citizen/erased']);
    expect(again.errors?.[0].message).toMatch(/đã được xoá/);
  });

  it('disables the person’s own account and ends its sessions', async () => {
    const p = await person('Ngô Thị Có Tài Khoản');
    const setup = dataOf(await ward.gql(`mutation($id: ID!) { issueCitizenAccount(citizenId: $id) { username setupCode } }`, { id: p.id })).issueCitizenAccount;
    const self = t.client();
    dataOf(await self.gql(`mutation($u: String!, $c: String!, $p: String!) { activateAccount(username: $u, setupCode: $c, password: $p) { id } }`, { u: setup.username, c: setup.setupCode, p: 'mat-khau-rat-dai-2026' }));
    expect(dataOf(await self.gql(EXPORT, { id: p.id })).citizenDataExport.account.username).toBe(setup.username);
    dataOf(await ward.gql(ERASE, { id: p.id, reason: 'Người dân yêu cầu xoá' }));
    expect(errorCodes(await self.gql(EXPORT, { id: p.id }))).toEqual(['UNAUTHENTICATED']);
    const [u] = await queryRows<{ display_name: string; disabled_at: Date | null }>(t.db, sql`select display_name, disabled_at from users where username = ${setup.username}`);
    expect(u.display_name).not.toContain('Tài Khoản');
    expect(u.disabled_at).not.toBeNull();
  });
});
