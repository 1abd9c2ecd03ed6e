import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID, DEMO_QUANG_NINH_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/**
 * The authorization holes of issue 14, one by one: self-awarded badges, citizens and class venues
 * outside the recorder's area, and recomputation by people who do not answer for the movement.
 */

const AWARD = `mutation($input: AwardBadgeInput!) { awardBadge(input: $input) { id status } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status } }`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status place { id } } }`;
const SYNC = `mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode } }`;
const RECOMPUTE = `query($movementId: ID!, $v: Int!) { recomputeStandings(movementId: $movementId, ruleVersion: $v) { unitId } }`;

let t: TestApp;
let officer: GqlClient; // an organization in phường Hạ Long (Quảng Ninh)
let officer2: GqlClient; // an organization in xã Long Cốc (Phú Thọ)
let officerUnitId: string;
let officer2UnitId: string;
let haLongGroupId: string; // a tổ dân phố of phường Hạ Long
let longCocGroupId: string; // a khu of xã Long Cốc
let phuThoId: number;
let quangNinhCitizenId: string; // the demo `citizen`, a resident of phường Hạ Long

const one = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.db, query))[0];
const activityCount = async (id: string) => (await one<{ n: number }>(sql`select count(*)::int as n from activities where id = ${id}`)).n;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  officer = await t.as('officer');
  officer2 = await t.as('officer2');
  officerUnitId = String((await one<{ unit_id: number }>(sql`select unit_id from users where username = 'officer'`)).unit_id);
  officer2UnitId = String((await one<{ unit_id: number }>(sql`select unit_id from users where username = 'officer2'`)).unit_id);
  haLongGroupId = String((await one<{ id: number }>(sql`select g.id from units g join units c on c.id = g.parent_id where c.code = '06688' and g.kind = 'RESIDENTIAL_GROUP' order by g.id limit 1`)).id);
  const longCoc = await one<{ id: number; province_id: number }>(sql`select id, province_id from units where code = '08620'`);
  phuThoId = longCoc.province_id;
  longCocGroupId = String((await one<{ id: number }>(sql`select id from units where parent_id = ${longCoc.id} and kind = 'RESIDENTIAL_GROUP' order by id limit 1`)).id);
  quangNinhCitizenId = (await one<{ citizen_id: string }>(sql`select citizen_id from users where username = 'citizen'`)).citizen_id;
});
afterAll(() => t?.close());

describe('nobody awards a badge to themself', () => {
  it.each(['leader', 'organizer', 'admin'])('refuses %s awarding Đại sứ số to their own account', async (username) => {
    const client = await t.as(username);
    const me = dataOf(await client.gql('{ me { id } }')).me;
    const result = await client.gql(AWARD, { input: { badgeCode: 'DAI_SU_SO', userId: me.id, reason: 'Tự đề cử' } });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from badge_awards where holder_key = ${`user:${me.id}`} and badge_code = 'DAI_SU_SO'`)).n).toBe(0);
  });

  it('still lets a leader award Đại sứ số to an officer of their province', async () => {
    const colleague = await newUser(t.db, { role: 'OFFICER', unitId: Number(officerUnitId) });
    const award = dataOf(await (await t.as('leader')).gql(AWARD, { input: { badgeCode: 'DAI_SU_SO', userId: colleague.id, reason: 'Kèm cặp nhiều người dân' } })).awardBadge;
    expect(award.status).toBe('VALID');
  });
});

describe('an assisted citizen must live in the recorder’s area', () => {
  const assist = (citizenId: string, unitId: string, id = randomUUID()) => ({
    id,
    movementId: DEMO_NATIONAL_MOVEMENT_ID,
    unitId,
    helpedOn: '2026-11-20',
    service: 'VNEID_L2',
    citizenId,
  });

  it('refuses a Phú Thọ officer naming a Quảng Ninh citizen', async () => {
    const input = assist(quangNinhCitizenId, officer2UnitId);
    expect(errorCodes(await officer2.gql(RECORD_ASSIST, { input }))).toEqual(['FORBIDDEN']);
    expect(await activityCount(input.id)).toBe(0);
  });

  it('refuses the same item in an offline sync, and keeps the others of the batch', async () => {
    const bad = assist(quangNinhCitizenId, officer2UnitId);
    const good = { ...assist(quangNinhCitizenId, officer2UnitId), citizenId: undefined };
    const results = dataOf(await officer2.gql(SYNC, { input: [{ assist: bad }, { assist: good }] })).syncActivities;
    expect(results.map((r: { outcome: string; errorCode: string | null }) => [r.outcome, r.errorCode])).toEqual([
      ['REJECTED', 'FORBIDDEN'],
      ['APPLIED', null],
    ]);
    expect(await activityCount(bad.id)).toBe(0);
  });

  it('accepts a Hạ Long officer naming the same citizen', async () => {
    const input = assist(quangNinhCitizenId, officerUnitId);
    expect(dataOf(await officer.gql(RECORD_ASSIST, { input })).recordAssist.id).toBe(input.id);
  });

  it('still acknowledges a retry of an assist recorded before the citizen moved away', async () => {
    const [{ id: citizenId }] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into citizens (unit_id, full_name, birth_year) values (${Number(haLongGroupId)}, 'Trần Thị Chuyển', 1960) returning id`,
    );
    const input = assist(citizenId, officerUnitId);
    const first = dataOf(await officer.gql(RECORD_ASSIST, { input })).recordAssist;
    await t.db.execute(sql`update citizens set unit_id = ${Number(longCocGroupId)} where id = ${citizenId}`);
    expect(dataOf(await officer.gql(RECORD_ASSIST, { input })).recordAssist).toEqual(first);
    const fresh = assist(citizenId, officerUnitId);
    expect(errorCodes(await officer.gql(RECORD_ASSIST, { input: fresh }))).toEqual(['FORBIDDEN']);
  });
});

describe('a class is held in the recorder’s area', () => {
  const klass = (placeUnitId: string) => ({
    id: randomUUID(),
    movementId: DEMO_NATIONAL_MOVEMENT_ID,
    unitId: officerUnitId,
    heldOn: '2026-11-20',
    attendeeCount: 12,
    topics: ['VNEID'],
    placeUnitId,
  });

  it('refuses a Hạ Long officer naming a venue in Phú Thọ', async () => {
    const input = klass(longCocGroupId);
    expect(errorCodes(await officer.gql(RECORD_CLASS, { input }))).toEqual(['FORBIDDEN']);
    expect(await activityCount(input.id)).toBe(0);
  });

  it('accepts a venue in phường Hạ Long', async () => {
    const input = klass(haLongGroupId);
    expect(dataOf(await officer.gql(RECORD_CLASS, { input })).recordClass.place.id).toBe(haLongGroupId);
  });
});

describe('only those who answer for a movement recompute its standings', () => {
  it('refuses a leader of another province', async () => {
    const phuThoLeader = await newUser(t.db, { role: 'LEADER', unitId: phuThoId });
    const client = t.client();
    await client.login(phuThoLeader.username, phuThoLeader.password);
    expect(errorCodes(await client.gql(RECOMPUTE, { movementId: DEMO_QUANG_NINH_MOVEMENT_ID, v: 1 }))).toEqual(['FORBIDDEN']);
  });

  it('refuses a Quảng Ninh leader recomputing the national movement, organized above them', async () => {
    expect(errorCodes(await (await t.as('leader')).gql(RECOMPUTE, { movementId: DEMO_NATIONAL_MOVEMENT_ID, v: 1 }))).toEqual(['FORBIDDEN']);
  });

  it.each(['leader', 'organizer', 'admin'])('lets %s recompute the Quảng Ninh movement', async (username) => {
    const rows = dataOf(await (await t.as(username)).gql(RECOMPUTE, { movementId: DEMO_QUANG_NINH_MOVEMENT_ID, v: 1 })).recomputeStandings;
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('a province ADMIN keeps to its province', () => {
  it('refuses a movement of a Quảng Ninh organizer scoped to Phú Thọ', async () => {
    const quangNinhId = (await one<{ province_id: number }>(sql`select province_id from units where code = '06688'`)).province_id;
    const organizerUnitId = (await one<{ unit_id: number }>(sql`select unit_id from users where username = 'organizer'`)).unit_id;
    const admin = await newUser(t.db, { role: 'ADMIN', unitId: quangNinhId });
    const client = t.client();
    await client.login(admin.username, admin.password);
    const create = (scopeUnitId: number) =>
      client.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Phong trào liên tỉnh', organizerUnitId: String(organizerUnitId), scopeUnitId: String(scopeUnitId), competingKinds: ['COMMUNE'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
      });
    expect(errorCodes(await create(phuThoId))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create(1))).toEqual(['FORBIDDEN']);
    expect(dataOf(await create(quangNinhId)).createMovement.id).toBeTruthy();
  });
});
