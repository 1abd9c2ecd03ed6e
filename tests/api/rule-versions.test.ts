import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, vietnamDateOf } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, errorCodes, type GqlClient, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Applying a change of scoring rules (issue 16): the difference per approved activity goes into
 * the ledger as ADJUSTMENT rows, totals and boards follow, a second apply adds nothing, a frozen
 * final never changes. Expected numbers are computed here from the rules, not from the scoring code.
 */

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status points } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status points } }`;
const SET_RULES = `mutation($movementId: ID!, $rules: JSON!, $note: String) { setScoringRules(movementId: $movementId, rules: $rules, note: $note) { currentRuleVersion } }`;
const APPLY = `mutation($movementId: ID!, $ruleVersion: Int!, $reason: String!) {
  applyRuleVersion(movementId: $movementId, ruleVersion: $ruleVersion, reason: $reason) { movementId ruleVersion previousRuleVersion activitiesChanged unitsChanged pointsDifference }
}`;
const RECOMPUTE = `query($movementId: ID!, $v: Int!) { recomputeStandings(movementId: $movementId, ruleVersion: $v) { unitId livePoints recomputedPoints } }`;
const BOARD = `query($movementId: ID!) { leaderboard(movementId: $movementId, scope: UNIT, unitKind: ORGANIZATION, first: 50) { entries { points unit { id } } frozen } }`;
const MOVEMENT = `query($id: ID!) { movement(id: $id) { currentRuleVersion status } }`;

let t: TestApp;
let admin: GqlClient;
let organizer: GqlClient; // national organizer (unit 1)
let qnOrganizer: GqlClient; // organizer of Quảng Ninh
let ptOrganizer: GqlClient; // organizer of Phú Thọ: another province
let officer: GqlClient;
let leader: GqlClient;
let quangNinh: number;
let orgA: number;
let orgB: number;
let today: string;

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return Number(row!.id);
}

async function activeMovement(fields: Record<string, unknown> = {}, open = true): Promise<string> {
  const created = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: {
        title: `Áp dụng quy tắc ${randomUUID().slice(0, 8)}`,
        organizerUnitId: '1',
        scopeUnitId: '1',
        competingKinds: ['ORGANIZATION'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        ...fields,
      },
    }),
  ).createMovement.id as string;
  if (open) dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: created }));
  return created;
}

async function approvedClass(movementId: string, unitId: number, attendeeCount: number) {
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_CLASS, { input: { id, movementId, unitId: String(unitId), heldOn: today, attendeeCount, topics: ['VNEID'] } }));
  return { id, points: dataOf(await leader.gql(REVIEW, { id })).reviewActivity.points as number };
}

async function approvedAssist(movementId: string, unitId: number) {
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_ASSIST, { input: { id, movementId, unitId: String(unitId), helpedOn: today, service: 'VNEID_L2' } }));
  return { id, points: dataOf(await leader.gql(REVIEW, { id })).reviewActivity.points as number };
}

async function ledgerRows(movementId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from points_ledger where movement_id = ${movementId}`);
  return Number(row!.n);
}

/** the unit's stored total and the sum of its ledger rows: what db:verify compares */
async function totalsAndLedger(movementId: string, unitId: number) {
  const [row] = await queryRows<{ stored: string | null; ledger: string | null; area: string | null }>(
    t.db,
    sql`select (select points from unit_movement_totals where movement_id = ${movementId} and unit_id = ${unitId}) as stored,
               (select sum(points) from points_ledger where movement_id = ${movementId} and unit_id = ${unitId}) as ledger,
               (select points from area_movement_totals where movement_id = ${movementId}
                  and area_unit_id = (select coalesce(commune_id, province_id, id) from units where id = ${unitId})) as area`,
  );
  return { stored: Number(row!.stored ?? 0), ledger: Number(row!.ledger ?? 0), area: Number(row!.area ?? 0) };
}

async function boardPoints(movementId: string): Promise<Map<string, number>> {
  const board = dataOf(await t.gql(BOARD, { movementId })).leaderboard;
  return new Map(board.entries.map((e: { points: number; unit: { id: string } }) => [e.unit.id, e.points]));
}

const apply = (client: GqlClient, movementId: string, ruleVersion: number, reason = 'Sửa quy tắc theo hướng dẫn mới') => client.gql(APPLY, { movementId, ruleVersion, reason });

const V2_RULES = { ...DEFAULT_SCORING_RULES, class: { base: 20, perAttendee: 1, maxPerClass: 60 }, services: { ...DEFAULT_SCORING_RULES.services, VNEID_L2: 8 } };

beforeAll(async () => {
  t = await startTestApp();
  today = vietnamDateOf(new Date());
  quangNinh = await unitIdByCode('22');
  const phuTho = await unitIdByCode('25');
  const haLong = await unitIdByCode('06688');
  orgA = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Chi đoàn quy tắc A', subtype: 'chi đoàn' })).id;
  orgB = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Chi đoàn quy tắc B', subtype: 'chi đoàn' })).id;
  const suffix = randomUUID().slice(0, 6);
  const login = async (role: 'ADMIN' | 'ORGANIZER' | 'OFFICER' | 'LEADER', unitId: number, key: string) => {
    const user = await newUser(t.db, { role, unitId, username: `rv_${key}_${suffix}` });
    return t.as(user.username, user.password);
  };
  admin = await login('ADMIN', 1, 'admin');
  organizer = await login('ORGANIZER', 1, 'org');
  qnOrganizer = await login('ORGANIZER', quangNinh, 'qnorg');
  ptOrganizer = await login('ORGANIZER', phuTho, 'ptorg');
  officer = await login('OFFICER', quangNinh, 'officer');
  leader = await login('LEADER', quangNinh, 'leader');
});

afterAll(async () => {
  await t?.close();
});

describe('applying a rule version', () => {
  it('writes the differences as adjustments: totals = ledger, boards follow, a second apply adds nothing, later approvals use it', async () => {
    const m = await activeMovement();
    // under version 1: a class of 10 = 10 + 0.5 × 10 = 15, of 4 = 12; an assist VNEID_L2 = 5
    const c1 = await approvedClass(m, orgA, 10);
    const c2 = await approvedClass(m, orgB, 4);
    const a1 = await approvedAssist(m, orgA);
    expect([c1.points, c2.points, a1.points]).toEqual([15, 12, 5]);
    const revoked = await approvedClass(m, orgB, 2);
    dataOf(await leader.gql(REVOKE, { id: revoked.id, reason: 'Trùng lớp' }));
    expect(await boardPoints(m)).toEqual(new Map([[String(orgA), 20], [String(orgB), 12]])); // cached now

    expect(dataOf(await admin.gql(SET_RULES, { movementId: m, rules: V2_RULES, note: 'Hướng dẫn mới' })).setScoringRules.currentRuleVersion).toBe(2);
    // under version 2: 20 + 10 = 30, 20 + 4 = 24, 8
    const compared = dataOf(await organizer.gql(RECOMPUTE, { movementId: m, v: 2 })).recomputeStandings;
    expect(compared.find((r: { unitId: string }) => r.unitId === String(orgA))).toMatchObject({ livePoints: 20, recomputedPoints: 38 });

    const rowsBefore = await ledgerRows(m);
    const summary = dataOf(await apply(organizer, m, 2)).applyRuleVersion;
    expect(summary).toEqual({ movementId: m, ruleVersion: 2, previousRuleVersion: 2, activitiesChanged: 3, unitsChanged: 2, pointsDifference: 15 + 12 + 3 });
    expect(await ledgerRows(m)).toBe(rowsBefore + 3);
    const adjustments = await queryRows<{ activity_id: string; points: string; rule_version: number; note: string }>(
      t.db,
      sql`select activity_id, points, rule_version, note from points_ledger where movement_id = ${m} and entry_kind = 'ADJUSTMENT' order by points`,
    );
    expect(adjustments.map((r) => [r.activity_id, Number(r.points), r.rule_version, r.note])).toEqual([
      [a1.id, 3, 2, 'Sửa quy tắc theo hướng dẫn mới'],
      [c2.id, 12, 2, 'Sửa quy tắc theo hướng dẫn mới'],
      [c1.id, 15, 2, 'Sửa quy tắc theo hướng dẫn mới'],
    ]);

    // totals = ledger (what db:verify checks), for the units and their area, and the whole database
    expect(await totalsAndLedger(m, orgA)).toEqual({ stored: 38, ledger: 38, area: 62 });
    expect(await totalsAndLedger(m, orgB)).toEqual({ stored: 24, ledger: 24, area: 62 });
    expect(await verifyLedger(t.db)).toEqual([]);
    // the board (cached before) shows the new rules, and equals the comparison
    expect(await boardPoints(m)).toEqual(new Map([[String(orgA), 38], [String(orgB), 24]]));
    const after = dataOf(await organizer.gql(RECOMPUTE, { movementId: m, v: 2 })).recomputeStandings;
    for (const r of after) expect(r.livePoints).toBe(r.recomputedPoints);

    // a second apply adds nothing
    expect(dataOf(await apply(organizer, m, 2)).applyRuleVersion).toMatchObject({ activitiesChanged: 0, unitsChanged: 0, pointsDifference: 0 });
    expect(await ledgerRows(m)).toBe(rowsBefore + 3);

    // audited: who, why, which version, what changed
    const [audit] = await queryRows<{ actor_user_id: string; reason: string; data: Record<string, unknown> }>(
      t.db,
      sql`select actor_user_id, reason, data from audit_log where entity_id = ${m} and action = 'movement.apply-rule-version' order by id limit 1`,
    );
    expect(audit).toMatchObject({ reason: 'Sửa quy tắc theo hướng dẫn mới', data: { ruleVersion: 2, activitiesChanged: 3, unitsChanged: 2, pointsDifference: 30 } });
    expect(audit!.actor_user_id).toBeTruthy();

    // back to version 1: negative adjustments; it becomes current, so the next approval scores under it
    expect(dataOf(await apply(organizer, m, 1, 'Trở lại quy tắc cũ')).applyRuleVersion).toMatchObject({ previousRuleVersion: 2, ruleVersion: 1, pointsDifference: -30 });
    expect(dataOf(await t.gql(MOVEMENT, { id: m })).movement.currentRuleVersion).toBe(1);
    expect((await approvedClass(m, orgA, 10)).points).toBe(15);
    expect(await boardPoints(m)).toEqual(new Map([[String(orgA), 35], [String(orgB), 12]]));
    // a revocation after adjustments takes back everything the activity held
    dataOf(await apply(organizer, m, 2));
    expect(dataOf(await leader.gql(REVOKE, { id: c1.id, reason: 'Sai minh chứng' })).revokeActivity.status).toBe('REVOKED');
    const [held] = await queryRows<{ s: string }>(t.db, sql`select sum(points) as s from points_ledger where activity_id = ${c1.id}`);
    expect(Number(held!.s)).toBe(0);
    expect(await verifyLedger(t.db)).toEqual([]);
    // a new version after going back gets the next free number
    expect(dataOf(await admin.gql(SET_RULES, { movementId: m, rules: V2_RULES })).setScoringRules.currentRuleVersion).toBe(3);
  });

  it('refuses bad input, a draft and a frozen final, changing nothing', async () => {
    const m = await activeMovement();
    await approvedClass(m, orgA, 10);
    dataOf(await admin.gql(SET_RULES, { movementId: m, rules: V2_RULES }));
    const rows = await ledgerRows(m);
    expect(errorCodes(await apply(organizer, m, 99))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await apply(organizer, m, 2, '   '))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await apply(organizer, m, 2, 'x'.repeat(2001)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await apply(organizer, randomUUID(), 1))).toEqual(['NOT_FOUND']);
    expect(await ledgerRows(m)).toBe(rows);

    const draft = await activeMovement({}, false);
    expect(errorCodes(await apply(organizer, draft, 1))).toEqual(['movement/not-active']);

    dataOf(await admin.gql(`mutation($id: ID!) { closeMovement(id: $id) { status } }`, { id: m }));
    const frozen = await boardPoints(m);
    const refused = await apply(organizer, m, 2);
    expect(errorCodes(refused)).toEqual(['movement/final-frozen']);
    expect(refused.errors![0]!.message).toMatch(/đã chốt/);
    expect(await ledgerRows(m)).toBe(rows);
    expect(await boardPoints(m)).toEqual(frozen);
    expect(await verifyLedger(t.db)).toEqual([]);
  });

  it('is for those who answer for the movement only', async () => {
    const m = await activeMovement({ organizerUnitId: String(quangNinh), scopeUnitId: String(quangNinh) });
    await approvedClass(m, orgA, 10);
    dataOf(await admin.gql(SET_RULES, { movementId: m, rules: V2_RULES }));
    const rows = await ledgerRows(m);
    expect(errorCodes(await apply(ptOrganizer, m, 2))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await apply(officer, m, 2))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await apply(t.client(), m, 2))).toEqual(['UNAUTHENTICATED']);
    expect(await ledgerRows(m)).toBe(rows);
    expect(dataOf(await apply(qnOrganizer, m, 2)).applyRuleVersion.activitiesChanged).toBe(1);
  });
});
