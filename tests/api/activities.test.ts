import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsLedger, queryRows, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, pointsForAssist, pointsForClass } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

const HA_LONG = '06688';
const LONG_COC = '08620';

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status points flags unit { id } } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status points } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewActivity(id: $id, approve: $approve, reason: $reason) { id status points } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status points } }`;

let t: TestApp;
let officer: GqlClient;
let otherOfficer: GqlClient;
let leader: GqlClient;
let movementId: string;
let unitId: string; // an organization in phường Hạ Long
let otherUnitId: string; // an organization in xã Long Cốc (Phú Thọ)

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return row.id;
}

function classInput(overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), movementId, unitId, heldOn: '2026-10-05', attendeeCount: 30, topics: ['VNEID'], ...overrides };
}

async function unitPoints(id: string): Promise<number> {
  const [row] = await queryRows<{ points: string | null }>(t.db, sql`select points from unit_movement_totals where movement_id = ${movementId} and unit_id = ${Number(id)}`);
  return Number(row?.points ?? 0);
}

beforeAll(async () => {
  t = await startTestApp();
  const haLong = await unitIdByCode(HA_LONG);
  const longCoc = await unitIdByCode(LONG_COC);
  const quangNinh = await unitIdByCode('22');
  const org = await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Đoàn phường Hạ Long', subtype: 'đoàn phường' });
  const org2 = await insertUnit(t.db, { parentId: longCoc, kind: 'ORGANIZATION', name: 'Đoàn xã Long Cốc', subtype: 'đoàn xã' });
  unitId = String(org.id);
  otherUnitId = String(org2.id);
  const admin = await newUser(t.db, { role: 'ADMIN' });
  const o1 = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
  const o2 = await newUser(t.db, { role: 'OFFICER', unitId: org2.id });
  const l1 = await newUser(t.db, { role: 'LEADER', unitId: quangNinh });
  const adminClient = await t.as(admin.username, admin.password);
  officer = await t.as(o1.username, o1.password);
  otherOfficer = await t.as(o2.username, o2.password);
  leader = await t.as(l1.username, l1.password);
  const created = dataOf(
    await adminClient.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id status } }`, {
      input: {
        title: 'Bình dân học vụ số — thử nghiệm',
        organizerUnitId: '1',
        scopeUnitId: '1',
        competingKinds: ['COMMUNE', 'ORGANIZATION'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        phases: [{ name: '45 ngày đêm', startsOn: '2026-09-01', endsOn: '2026-10-15' }],
      },
    }),
  );
  movementId = created.createMovement.id;
  dataOf(await adminClient.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
});

afterAll(async () => {
  await t?.close();
});

describe('recording and verifying activities', () => {
  it('records a class as SUBMITTED with no points until a leader approves it', async () => {
    const input = classInput();
    const recorded = dataOf(await officer.gql(RECORD_CLASS, { input })).recordClass;
    expect(recorded).toMatchObject({ id: input.id, status: 'SUBMITTED', points: 0 });
    const approved = dataOf(await leader.gql(REVIEW, { id: input.id, approve: true })).reviewActivity;
    expect(approved.status).toBe('APPROVED');
    expect(approved.points).toBe(pointsForClass(DEFAULT_SCORING_RULES, { attendeeCount: 30 }));
  });

  it('answers a recording with exactly what a later read of the stored activity shows', async () => {
    const FIELDS = `id kind status occurredOn attendeeCount topics service priorityGroups flags note instructors mobile recordedAt reviewedAt reviewReason points recordedByName unit { id } movement { id }`;
    const cls = classInput({ attendeeCount: 27, topics: ['VNEID', 'CYBER_SAFETY'], instructors: ['Nguyễn Văn An'], note: 'Lớp buổi tối', mobile: true });
    const recorded = dataOf(await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { ${FIELDS} } }`, { input: cls })).recordClass;
    const read = dataOf(await officer.gql(`query($id: ID!) { activity(id: $id) { ${FIELDS} } }`, { id: cls.id })).activity;
    expect(recorded).toEqual(read);
    expect(read).toMatchObject({ attendeeCount: 27, mobile: true, note: 'Lớp buổi tối', instructors: ['Nguyễn Văn An'], status: 'SUBMITTED' });
    const assist = { id: randomUUID(), movementId, unitId, helpedOn: '2026-10-06', service: 'VNEID_L2', priorityGroups: ['ELDERLY'], helper: 'Trần Thị Bình' };
    const assisted = dataOf(await officer.gql(`mutation($input: RecordAssistInput!) { recordAssist(input: $input) { ${FIELDS} } }`, { input: assist })).recordAssist;
    expect(assisted).toEqual(dataOf(await officer.gql(`query($id: ID!) { activity(id: $id) { ${FIELDS} } }`, { id: assist.id })).activity);
  });

  it('returns the same activity when the same id and payload are sent 20 times at once', async () => {
    const input = classInput({ attendeeCount: 12 });
    const results = await Promise.all(Array.from({ length: 20 }, () => officer.gql(RECORD_CLASS, { input })));
    for (const r of results) expect(dataOf(r).recordClass.id).toBe(input.id);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities where id = ${input.id}`);
    expect(n).toBe(1);
  });

  it('refuses the same id with a different payload and changes nothing', async () => {
    const input = classInput({ attendeeCount: 15 });
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    const again = await officer.gql(RECORD_CLASS, { input: { ...input, attendeeCount: 16 } });
    expect(errorCodes(again)).toEqual(['activity/duplicate-payload']);
    const [row] = await queryRows<{ attendee_count: number }>(t.db, sql`select attendee_count from activities where id = ${input.id}`);
    expect(row.attendee_count).toBe(15);
  });

  it('refuses an officer recording for a unit of another province with FORBIDDEN', async () => {
    const input = classInput();
    const result = await otherOfficer.gql(RECORD_CLASS, { input });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities where id = ${input.id}`);
    expect(n).toBe(0);
  });

  it('does not let an officer approve an activity', async () => {
    const input = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    expect(errorCodes(await officer.gql(REVIEW, { id: input.id, approve: true }))).toEqual(['FORBIDDEN']);
  });

  it('does not let a leader approve what they recorded themselves', async () => {
    const input = classInput();
    dataOf(await leader.gql(RECORD_CLASS, { input }));
    expect(errorCodes(await leader.gql(REVIEW, { id: input.id, approve: true }))).toEqual(['activity/own-review']);
  });

  it('awards once when an activity is approved twice', async () => {
    const input = classInput({ attendeeCount: 8 });
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    const before = await unitPoints(unitId);
    await Promise.all([leader.gql(REVIEW, { id: input.id, approve: true }), leader.gql(REVIEW, { id: input.id, approve: true })]);
    const again = dataOf(await leader.gql(REVIEW, { id: input.id, approve: true })).reviewActivity;
    const expected = pointsForClass(DEFAULT_SCORING_RULES, { attendeeCount: 8 });
    expect(again.points).toBe(expected);
    expect(await unitPoints(unitId)).toBeCloseTo(before + expected, 2);
  });

  it('rejects with a reason and writes nothing to the ledger', async () => {
    const input = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    expect(errorCodes(await leader.gql(REVIEW, { id: input.id, approve: false }))).toEqual(['BAD_USER_INPUT']);
    const rejected = dataOf(await leader.gql(REVIEW, { id: input.id, approve: false, reason: 'Ảnh minh chứng không rõ' })).reviewActivity;
    expect(rejected).toMatchObject({ status: 'REJECTED', points: 0 });
    const rows = await t.db.select().from(pointsLedger).where(sql`${pointsLedger.activityId} = ${input.id}`);
    expect(rows).toHaveLength(0);
  });

  it('reverses the points when an approved activity is revoked', async () => {
    const input = classInput({ attendeeCount: 20 });
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    const before = await unitPoints(unitId);
    dataOf(await leader.gql(REVIEW, { id: input.id, approve: true }));
    const revoked = dataOf(await leader.gql(REVOKE, { id: input.id, reason: 'Phát hiện khai khống số người' })).revokeActivity;
    expect(revoked).toMatchObject({ status: 'REVOKED', points: 0 });
    expect(await unitPoints(unitId)).toBeCloseTo(before, 2);
    const entries = await t.db.select({ kind: pointsLedger.entryKind }).from(pointsLedger).where(sql`${pointsLedger.activityId} = ${input.id}`);
    expect(entries.map((e) => e.kind).sort()).toEqual(['AWARD', 'REVERSAL']);
  });

  it('answers a bulk approval with the points it awarded', async () => {
    const a = classInput({ attendeeCount: 12 });
    const b = classInput({ attendeeCount: 16, heldOn: '2026-10-06' });
    dataOf(await officer.gql(RECORD_CLASS, { input: a }));
    dataOf(await officer.gql(RECORD_CLASS, { input: b }));
    const before = await unitPoints(unitId);
    const result = dataOf(
      await leader.gql(
        `mutation($filter: ActivityFilter!) { bulkApproveActivities(filter: $filter, limit: 500) { approved skipped points } }`,
        { filter: { movementId, unitId, flagged: false } },
      ),
    ).bulkApproveActivities;
    expect(result.approved).toBeGreaterThanOrEqual(2);
    const gained = (await unitPoints(unitId)) - before;
    expect(gained).toBeGreaterThanOrEqual(pointsForClass(DEFAULT_SCORING_RULES, { attendeeCount: 12 }) + pointsForClass(DEFAULT_SCORING_RULES, { attendeeCount: 16 }));
    expect(result.points).toBeCloseTo(gained, 2);
  });

  it('counts in a bulk approval only what it approved itself, when runs overlap', async () => {
    for (let i = 0; i < 6; i++) dataOf(await officer.gql(RECORD_CLASS, { input: classInput({ attendeeCount: 10 + i, heldOn: '2026-10-07' }) }));
    const approvedNow = async () =>
      Number((await queryRows<{ n: string }>(t.db, sql`select count(*) as n from activities where unit_id = ${Number(unitId)} and status = 'APPROVED'`))[0].n);
    const before = { approved: await approvedNow(), points: await unitPoints(unitId) };
    const BULK = `mutation($filter: ActivityFilter!) { bulkApproveActivities(filter: $filter, limit: 500) { approved skipped points } }`;
    const runs = await Promise.all([1, 2, 3].map(() => leader.gql(BULK, { filter: { movementId, unitId, flagged: false } })));
    const results = runs.map((r) => dataOf(r).bulkApproveActivities as { approved: number; skipped: number; points: number });
    const gained = (await approvedNow()) - before.approved;
    expect(gained).toBeGreaterThanOrEqual(6);
    expect(results.reduce((sum, r) => sum + r.approved, 0)).toBe(gained);
    expect(results.reduce((sum, r) => sum + r.points, 0)).toBeCloseTo((await unitPoints(unitId)) - before.points, 2);
  });

  it('takes a device id in upper case as the same id: recorded once, acknowledged on every retry', async () => {
    const lower = randomUUID();
    const input = classInput({ id: lower.toUpperCase() });
    const first = await officer.gql(RECORD_CLASS, { input });
    expect(first.errors).toBeUndefined();
    expect(dataOf(first).recordClass.id).toBe(lower);
    expect(dataOf(await officer.gql(RECORD_CLASS, { input })).recordClass.id).toBe(lower);
    const mixed = lower.slice(0, 9).toUpperCase() + lower.slice(9);
    const synced = dataOf(await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome } }`, { input: [{ class: { ...input, id: mixed } }] }));
    expect(synced.syncActivities).toEqual([{ id: lower, outcome: 'DUPLICATE' }]);
    expect(dataOf(await leader.gql(`query($id: ID!) { activity(id: $id) { id } }`, { id: lower.toUpperCase() })).activity).toEqual({ id: lower });
    const rows = await queryRows<{ id: string }>(t.db, sql`select id from activities where id = ${lower}`);
    expect(rows).toHaveLength(1);
  });

  it('counts a citizen once per service per movement', async () => {
    const nationalId = '022190000123';
    const first = { id: randomUUID(), movementId, unitId, helpedOn: '2026-10-06', service: 'VNEID_L2', nationalId, priorityGroups: ['ELDERLY'] };
    const second = { ...first, id: randomUUID(), helpedOn: '2026-10-07' };
    dataOf(await officer.gql(RECORD_ASSIST, { input: first }));
    dataOf(await officer.gql(RECORD_ASSIST, { input: second }));
    const a = dataOf(await leader.gql(REVIEW, { id: first.id, approve: true })).reviewActivity;
    const b = dataOf(await leader.gql(REVIEW, { id: second.id, approve: true })).reviewActivity;
    expect(a.points).toBe(pointsForAssist(DEFAULT_SCORING_RULES, { service: 'VNEID_L2', priorityGroups: ['ELDERLY'] }));
    expect(b.points).toBe(0);
  });

  it('never stores or returns the national ID in clear', async () => {
    const nationalId = '001085001234';
    const input = { id: randomUUID(), movementId, unitId, helpedOn: '2026-10-06', service: 'E_HEALTH', nationalId };
    const result = await officer.gql(`mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status service } }`, { input });
    expect(JSON.stringify(result)).not.toContain(nationalId);
    const rows = await queryRows(t.db, sql`select * from activities where id = ${input.id}`);
    expect(JSON.stringify(rows)).not.toContain(nationalId);
    const audit = await queryRows(t.db, sql`select * from audit_log where entity_id = ${input.id}`);
    expect(JSON.stringify(audit)).not.toContain(nationalId);
  });

  it('refuses a date outside the movement with a Vietnamese message and creates nothing', async () => {
    const input = classInput({ heldOn: '2026-08-15' });
    const result = await officer.gql(RECORD_CLASS, { input });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/phong trào|ngày/i);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities where id = ${input.id}`);
    expect(n).toBe(0);
  });

  it('refuses an unknown service code', async () => {
    const input = { id: randomUUID(), movementId, unitId, helpedOn: '2026-10-06', service: 'FLYING_LESSONS' };
    expect(errorCodes(await officer.gql(RECORD_ASSIST, { input }))).toEqual(['BAD_USER_INPUT']);
  });

  it('flags a class with far more attendees than the unit usually has', async () => {
    for (let i = 0; i < 3; i++) dataOf(await otherOfficer.gql(RECORD_CLASS, { input: classInput({ unitId: otherUnitId, attendeeCount: 20 }) }));
    const big = dataOf(await otherOfficer.gql(RECORD_CLASS, { input: classInput({ unitId: otherUnitId, attendeeCount: 400 }) })).recordClass;
    expect(big.flags).toContain('ATTENDEES_FAR_ABOVE_USUAL');
  });

  it('judges later classes of an offline batch against the earlier ones, and flags a repeated attendee list', async () => {
    // a new unit with no class yet: only the batch itself says what is usual for it
    const org = await insertUnit(t.db, { parentId: await unitIdByCode(LONG_COC), kind: 'ORGANIZATION', name: 'Chi hội nông dân Long Cốc', subtype: 'chi hội' });
    const o = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
    const otherOfficer = await t.as(o.username, o.password);
    const list = ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba'];
    const batch = [
      { class: classInput({ unitId: String(org.id), attendeeCount: 12, attendees: list }) },
      { class: classInput({ unitId: String(org.id), attendeeCount: 15 }) },
      { class: classInput({ unitId: String(org.id), attendeeCount: 14 }) },
      // 80 > 3 × median(12, 15, 14) and > 50: judged on the classes just before it in the same batch
      { class: classInput({ unitId: String(org.id), attendeeCount: 80 }) },
      // the same people in another order and spelling of case: the same list
      { class: classInput({ unitId: String(org.id), attendeeCount: 13, attendees: ['lê văn ba', 'NGUYỄN VĂN MỘT', 'Trần Thị Hai'] }) },
    ];
    const synced = dataOf(await otherOfficer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome activity { flags } } }`, { input: batch }));
    expect(synced.syncActivities.map((r: { outcome: string; activity: { flags: string[] } }) => [r.outcome, r.activity.flags])).toEqual([
      ['APPLIED', []],
      ['APPLIED', []],
      ['APPLIED', []],
      ['APPLIED', ['ATTENDEES_FAR_ABOVE_USUAL']],
      ['APPLIED', ['DUPLICATE_ATTENDEE_LIST']],
    ]);
    // a later request sees the stored classes the same way
    const again = dataOf(await otherOfficer.gql(RECORD_CLASS, { input: classInput({ unitId: String(org.id), attendeeCount: 14, attendees: list }) })).recordClass;
    expect(again.flags).toEqual(['DUPLICATE_ATTENDEE_LIST']);
  });

  it('syncs an offline batch with one result per item: applied, duplicate and rejected', async () => {
    const good = classInput();
    const bad = classInput({ attendeeCount: 0 });
    const first = dataOf(await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode message } }`, { input: [{ class: good }, { class: bad }] }));
    expect(first.syncActivities.map((r: { outcome: string }) => r.outcome)).toEqual(['APPLIED', 'REJECTED']);
    expect(first.syncActivities[1].errorCode).toBe('BAD_USER_INPUT');
    const again = dataOf(await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome } }`, { input: [{ class: good }] }));
    expect(again.syncActivities[0].outcome).toBe('DUPLICATE');
  });

  it('tells apart items of one batch that share an id: the first applied, a repeat a duplicate, another payload refused', async () => {
    const item = classInput({ attendeeCount: 21 });
    const result = dataOf(
      await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode } }`, {
        input: [{ class: item }, { class: item }, { class: { ...item, attendeeCount: 22 } }],
      }),
    ).syncActivities;
    expect(result.map((r: { outcome: string; errorCode: string | null }) => [r.outcome, r.errorCode])).toEqual([
      ['APPLIED', null],
      ['DUPLICATE', null],
      ['REJECTED', 'activity/duplicate-payload'],
    ]);
    const [row] = await queryRows<{ attendee_count: number }>(t.db, sql`select attendee_count from activities where id = ${item.id}`);
    expect(row.attendee_count).toBe(21);
  });

  it('records what several officers send at the same moment, each audited under its own recorder', async () => {
    const mine = Array.from({ length: 12 }, () => classInput({ attendeeCount: 18 }));
    const theirs = Array.from({ length: 12 }, () => classInput({ unitId: otherUnitId, attendeeCount: 19 }));
    const results = await Promise.all([
      ...mine.map((input) => officer.gql(RECORD_CLASS, { input })),
      ...theirs.map((input) => otherOfficer.gql(RECORD_CLASS, { input })),
    ]);
    for (const r of results) expect(dataOf(r).recordClass.status).toBe('SUBMITTED');
    const ids = [...mine, ...theirs].map((i) => i.id);
    const rows = await queryRows<{ id: string; unit_id: number; recorded_by: string; actor: string | null; audits: number }>(
      t.db,
      sql`select a.id::text, a.unit_id, a.recorded_by::text, min(l.actor_user_id::text) as actor, count(l.*)::int as audits
          from activities a left join audit_log l on l.entity_type = 'activity' and l.entity_id = a.id::text and l.action = 'activity.record'
          where a.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) group by a.id`,
    );
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(row.audits).toBe(1);
      expect(row.actor).toBe(row.recorded_by);
    }
    const recorders = new Map(rows.map((r) => [r.unit_id, new Set<string>()]));
    for (const r of rows) recorders.get(r.unit_id)!.add(r.recorded_by);
    expect([...recorders.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(new Set(rows.map((r) => r.recorded_by)).size).toBe(2);
  });

  it('keeps every total equal to the sum of the ledger after a random mix of operations', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ids: string[] = [];
    const batch = Array.from({ length: 120 }, (_, i) => ({
      class: classInput({ attendeeCount: 1 + Math.floor(rand() * 60), heldOn: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}` }),
    }));
    const synced = dataOf(await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome } }`, { input: batch }));
    for (const r of synced.syncActivities) if (r.outcome === 'APPLIED') ids.push(r.id);
    await Promise.all(
      ids.map(async (id) => {
        const x = rand();
        if (x < 0.6) await leader.gql(REVIEW, { id, approve: true });
        else if (x < 0.8) await leader.gql(REVIEW, { id, approve: false, reason: 'Thiếu minh chứng' });
        if (x < 0.2) await leader.gql(REVOKE, { id, reason: 'Kiểm tra lại phát hiện sai' });
        if (x < 0.1) await leader.gql(REVIEW, { id, approve: true });
      }),
    );
    expect(await verifyLedger(t.db)).toEqual([]);
    const [{ total }] = await queryRows<{ total: string }>(t.db, sql`select coalesce(sum(points), 0) as total from unit_movement_totals`);
    const [{ ledger }] = await queryRows<{ ledger: string }>(t.db, sql`select coalesce(sum(points), 0) as ledger from points_ledger`);
    expect(Number(total)).toBeCloseTo(Number(ledger), 2);
    expect(Number(ledger)).toBeGreaterThan(0);
  });

  it('reports a commune roll-up that no longer equals the units under it', async () => {
    const [row] = await queryRows<{ movement_id: string; area_unit_id: number; day: string }>(t.db, sql`select movement_id, area_unit_id, day::text as day from area_daily_totals limit 1`);
    expect(row).toBeDefined();
    const where = sql`movement_id = ${row.movement_id} and area_unit_id = ${row.area_unit_id} and day = ${row.day}::date`;
    await t.db.execute(sql`update area_daily_totals set points = points + 1 where ${where}`);
    try {
      const problems = await verifyLedger(t.db);
      expect(problems.map((p) => p.kind)).toEqual(['AREA_TOTAL']);
      expect(problems[0].detail).toContain(`area ${row.area_unit_id} day ${row.day}`);
    } finally {
      await t.db.execute(sql`update area_daily_totals set points = points - 1 where ${where}`);
    }
    expect(await verifyLedger(t.db)).toEqual([]);
  });

  it('refuses to update or delete ledger rows', async () => {
    const refusal = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(t.db.execute(sql`update points_ledger set points = points + 1`)).rejects.toSatisfy(refusal);
    await expect(t.db.execute(sql`delete from points_ledger`)).rejects.toSatisfy(refusal);
  });

  it('accepts no new activity once the movement is closed', async () => {
    const admin = await newUser(t.db, { role: 'ADMIN' });
    const adminClient = await t.as(admin.username, admin.password);
    dataOf(await adminClient.gql(`mutation($id: ID!) { closeMovement(id: $id) { status } }`, { id: movementId }));
    expect(errorCodes(await officer.gql(RECORD_CLASS, { input: classInput() }))).toEqual(['movement/not-active']);
  });
});

