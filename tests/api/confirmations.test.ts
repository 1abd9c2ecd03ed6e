import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, vietnamDateOf } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, errorCodes, type GqlClient, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Confirmation by the person helped (issue 16): every assist gets a code at recording, offline
 * too (codes reserved ahead); anyone holding it confirms once, without an account, with 1–5 stars;
 * guessing is throttled; a closed movement ends its codes; the unit and its reviewers see the
 * rating and comment; boards rank by SATISFACTION and CONFIRMED_SHARE with a minimum sample; the
 * rules may give a bonus, written to the ledger; reviewers see units far below their commune.
 */

const CONFIRMATION = 'confirmation { code url confirmedAt rating comment }';
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status ${CONFIRMATION} } }`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status ${CONFIRMATION} } }`;
const SYNC = `mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode activity { id ${CONFIRMATION} } } }`;
const RESERVE = `mutation($count: Int!) { reserveConfirmationCodes(count: $count) }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status points } }`;
const REVOKE = `mutation($id: ID!) { revokeActivity(id: $id, reason: "Không đúng thực tế") { id status points } }`;
const PREVIEW = `query($code: String!) { confirmationByCode(code: $code) { code kind service serviceCode unitName occurredOn movementTitle confirmedAt } }`;
const CONFIRM = `mutation($code: String!, $rating: Int!, $comment: String) { confirmActivity(code: $code, rating: $rating, comment: $comment) { confirmedAt unitName service rating } }`;
const ACTIVITY = `query($id: ID!) { activity(id: $id) { id points ${CONFIRMATION} } }`;
const QUEUE = `query($movementId: ID!, $confirmed: Boolean) { activities(filter: { movementId: $movementId, confirmed: $confirmed }, first: 100) { totalCount nodes { id } } }`;
const BOARD = `query($movementId: ID!, $metric: LeaderboardMetric!) {
  leaderboard(movementId: $movementId, scope: UNIT, unitKind: ORGANIZATION, metric: $metric, first: 50) {
    entries { rank value points assists confirmed satisfaction unit { id } }
    unranked { reason assists confirmed unit { id } }
  }
}`;
const SET_RULES = `mutation($movementId: ID!, $rules: JSON!) { setScoringRules(movementId: $movementId, rules: $rules) { currentRuleVersion } }`;
const FLAGS = `query($movementId: ID!) { confirmationFlags(movementId: $movementId) { unitId assists confirmed unitShare areaShare message } }`;

let t: TestApp;
let admin: GqlClient;
let officer: GqlClient;
let officer2: GqlClient; // same province, another account
let leader: GqlClient;
let outsider: GqlClient; // an officer of another province
let orgA: number;
let orgB: number;
let orgC: number;
let today: string;

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return Number(row!.id);
}

async function activeMovement(): Promise<string> {
  const id = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: `Xác nhận ${randomUUID().slice(0, 8)}`, organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    }),
  ).createMovement.id as string;
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id }));
  return id;
}

const assistInput = (movementId: string, unitId: number, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  movementId,
  unitId: String(unitId),
  helpedOn: today,
  service: 'VNEID_L2',
  ...extra,
});

async function recordAssist(movementId: string, unitId: number, by = officer) {
  return dataOf(await by.gql(RECORD_ASSIST, { input: assistInput(movementId, unitId) })).recordAssist as {
    id: string;
    confirmation: { code: string; url: string; confirmedAt: string | null; rating: number | null; comment: string | null };
  };
}

const approve = async (id: string) => dataOf(await leader.gql(REVIEW, { id })).reviewActivity as { points: number };
const confirm = (code: string, rating: number, comment?: string) => t.gql(CONFIRM, { code, rating, comment });

async function counters(movementId: string, unitId: number) {
  const [row] = await queryRows<{ confirmed: number; rating_sum: number; assists: number; points: string }>(
    t.db,
    sql`select confirmed, rating_sum, assists, points from unit_movement_totals where movement_id = ${movementId} and unit_id = ${unitId}`,
  );
  return row ? { confirmed: row.confirmed, ratingSum: row.rating_sum, assists: row.assists, points: Number(row.points) } : null;
}

beforeAll(async () => {
  t = await startTestApp();
  today = vietnamDateOf(new Date());
  const quangNinh = await unitIdByCode('22');
  const phuTho = await unitIdByCode('25');
  const haLong = await unitIdByCode('06688');
  orgA = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Công an phường xác nhận A', subtype: 'công an' })).id;
  orgB = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Chi đoàn xác nhận B', subtype: 'chi đoàn' })).id;
  orgC = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Tổ công nghệ xác nhận C', subtype: 'tổ công nghệ' })).id;
  const suffix = randomUUID().slice(0, 6);
  const login = async (role: 'ADMIN' | 'OFFICER' | 'LEADER', unitId: number, key: string) => {
    const user = await newUser(t.db, { role, unitId, username: `cf_${key}_${suffix}` });
    return t.as(user.username, user.password);
  };
  admin = await login('ADMIN', 1, 'admin');
  officer = await login('OFFICER', quangNinh, 'officer');
  officer2 = await login('OFFICER', quangNinh, 'officer2');
  leader = await login('LEADER', quangNinh, 'leader');
  outsider = await login('OFFICER', phuTho, 'outsider');
});

afterAll(async () => {
  await t?.close();
});

// every test starts with a clean slate of failed tries (they all come from 127.0.0.1)
beforeEach(async () => {
  await t.db.execute(sql`delete from confirmation_throttle`);
});

describe('a confirmation code for every assist', () => {
  it('is given at recording, shown as text and link, and confirmed once by anyone holding it', async () => {
    const m = await activeMovement();
    const assist = await recordAssist(m, orgA);
    const { code, url } = assist.confirmation;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(url).toBe(`${t.config.publicUrl.replace(/\/$/, '')}/xac-nhan/${code}`);
    expect(assist.confirmation).toMatchObject({ confirmedAt: null, rating: null, comment: null });
    // a class gets none unless the device sent one
    const cls = dataOf(await officer.gql(RECORD_CLASS, { input: { id: randomUUID(), movementId: m, unitId: String(orgA), heldOn: today, attendeeCount: 12, topics: ['VNEID'] } })).recordClass;
    expect(cls.confirmation).toBeNull();

    // what the person sees, without an account, typed loosely (lower case, no dash)
    const typed = code.replace('-', '').toLowerCase();
    const preview = dataOf(await t.gql(PREVIEW, { code: typed })).confirmationByCode;
    expect(preview).toMatchObject({ code, kind: 'ASSIST', serviceCode: 'VNEID_L2', unitName: expect.stringContaining('Công an phường xác nhận A'), occurredOn: today, confirmedAt: null });
    expect(preview.service).toMatch(/VNeID/);

    // a rating outside 1–5 is refused and changes nothing
    for (const rating of [0, 6, -1]) expect(errorCodes(await confirm(code, rating))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await confirm(code, 5, 'x'.repeat(501)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await confirm(code, 5, 'Cảm ơn\u0000'))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await officer.gql(ACTIVITY, { id: assist.id })).activity.confirmation.confirmedAt).toBeNull();

    const receipt = dataOf(await confirm(url, 5, '  Cán bộ nhiệt tình, hướng dẫn dễ hiểu.  ')).confirmActivity;
    expect(receipt).toMatchObject({ unitName: expect.stringContaining('xác nhận A'), rating: 5 });
    expect(receipt.service).toMatch(/VNeID/);
    // once only
    const again = await confirm(code, 1);
    expect(errorCodes(again)).toEqual(['confirmation/already-confirmed']);

    // the unit and its reviewers see it, with the comment; nobody else does
    const seen = dataOf(await officer.gql(ACTIVITY, { id: assist.id })).activity.confirmation;
    expect(seen).toMatchObject({ code, rating: 5, comment: 'Cán bộ nhiệt tình, hướng dẫn dễ hiểu.' });
    expect(seen.confirmedAt).toBeTruthy();
    expect(dataOf(await leader.gql(ACTIVITY, { id: assist.id })).activity.confirmation.rating).toBe(5);
    expect(dataOf(await outsider.gql(ACTIVITY, { id: assist.id })).activity).toBeNull();
    expect(errorCodes(await t.gql(ACTIVITY, { id: assist.id }))).toEqual(['UNAUTHENTICATED']);
    // the public preview never carries the rating or the comment
    expect(JSON.stringify(dataOf(await t.gql(PREVIEW, { code })))).not.toMatch(/nhiệt tình/);
    // audited without the comment
    const [entry] = await queryRows<{ data: Record<string, unknown>; actor_user_id: string | null }>(
      t.db,
      sql`select data, actor_user_id from audit_log where action = 'activity.confirm' and entity_id = ${assist.id}`,
    );
    expect(entry).toMatchObject({ actor_user_id: null, data: { rating: 5 } });
    expect(JSON.stringify(entry)).not.toMatch(/nhiệt tình/);

    // the reviewer's queue filters by confirmed / unconfirmed
    const queue = async (confirmed: boolean | null) => dataOf(await leader.gql(QUEUE, { movementId: m, confirmed })).activities;
    expect((await queue(true)).nodes.map((n: { id: string }) => n.id)).toEqual([assist.id]);
    expect((await queue(false)).nodes.map((n: { id: string }) => n.id)).toEqual([cls.id]);
    expect((await queue(null)).totalCount).toBe(2);
  });

  it('refuses unknown codes and a withdrawn activity, throttles guessing per address, and ends with the movement', async () => {
    const m = await activeMovement();
    const good = await recordAssist(m, orgA);
    const rejected = await recordAssist(m, orgA);
    dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: false, reason: "Không có minh chứng") { status } }`, { id: rejected.id }));
    const withdrawn = await confirm(rejected.confirmation.code, 4);
    expect(errorCodes(withdrawn)).toEqual(['confirmation/invalid-code']);
    expect(withdrawn.errors![0]!.extensions!.reason).toBe('withdrawn');

    // guesses: each one is refused; past 10 failures in the window, even a good code waits
    await t.db.execute(sql`delete from confirmation_throttle`);
    const guesses = ['ABCD-EFGH', 'ZZZZ-ZZZZ', 'not a code', '0000-0000', 'AAAA-AAAA', 'BBBB-BBBB', 'CCCC-CCCC', 'DDDD-DDDD', 'EEEE-EEEE', 'FFFF-FFFF'];
    for (const g of guesses) expect(errorCodes(await confirm(g, 5))).toEqual(['confirmation/invalid-code']);
    const limited = await confirm(good.confirmation.code, 5);
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorCodes(await t.gql(PREVIEW, { code: good.confirmation.code }))).toEqual(['RATE_LIMITED']);
    expect(dataOf(await officer.gql(ACTIVITY, { id: good.id })).activity.confirmation.confirmedAt).toBeNull();
    // burst: 30 guesses at once let at most 10 through to be looked up
    await t.db.execute(sql`delete from confirmation_throttle`);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => confirm(`GGGG-${String(1000 + i)}`, 5)));
    expect(burst.filter((r) => errorCodes(r)[0] === 'confirmation/invalid-code').length).toBeLessThanOrEqual(10);
    expect(burst.filter((r) => errorCodes(r)[0] === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(20);

    // a found code is given back: honest people at one address are not held up by each other
    await t.db.execute(sql`delete from confirmation_throttle`);
    for (let i = 0; i < 12; i++) {
      const a = await recordAssist(m, orgB);
      dataOf(await t.gql(PREVIEW, { code: a.confirmation.code }));
      dataOf(await confirm(a.confirmation.code, 4));
    }

    // the movement closes: its codes expire
    dataOf(await admin.gql(`mutation($id: ID!) { closeMovement(id: $id) { status } }`, { id: m }));
    const expired = await confirm(good.confirmation.code, 5);
    expect(errorCodes(expired)).toEqual(['confirmation/invalid-code']);
    expect(expired.errors![0]!.extensions!.reason).toBe('expired');
    expect(dataOf(await officer.gql(ACTIVITY, { id: good.id })).activity.confirmation.confirmedAt).toBeNull();
  });
});

describe('recording offline with reserved codes', () => {
  it('uses the code the phone showed, once, only from its own account; a retry keeps it', async () => {
    const m = await activeMovement();
    const codes: string[] = dataOf(await officer.gql(RESERVE, { count: 4 })).reserveConfirmationCodes;
    expect(codes).toHaveLength(4);
    expect(new Set(codes).size).toBe(4);
    // asking again returns the same unused codes (nothing is lost if the phone asks twice)
    expect(dataOf(await officer.gql(RESERVE, { count: 4 })).reserveConfirmationCodes).toEqual(codes);
    const others: string[] = dataOf(await officer2.gql(RESERVE, { count: 1 })).reserveConfirmationCodes;
    expect(errorCodes(await officer.gql(RESERVE, { count: 51 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(RESERVE, { count: 1 }))).toEqual(['UNAUTHENTICATED']);

    // recorded offline, synced later: the codes shown on the phone are the activities' codes
    const a1 = assistInput(m, orgA, { confirmationCode: codes[0] });
    const a2 = assistInput(m, orgA, { confirmationCode: codes[1]!.replace('-', '').toLowerCase() });
    const c1 = { id: randomUUID(), movementId: m, unitId: String(orgA), heldOn: today, attendeeCount: 9, topics: ['VNEID'], confirmationCode: codes[2] };
    // another account's code, a reused code and garbage: recorded anyway, with fresh codes
    const foreign = assistInput(m, orgA, { confirmationCode: others[0] });
    const reused = assistInput(m, orgA, { confirmationCode: codes[0] });
    const garbage = assistInput(m, orgA, { confirmationCode: 'XIN-CHAO' });
    const synced = dataOf(await officer.gql(SYNC, { input: [{ assist: a1 }, { assist: a2 }, { class: c1 }, { assist: foreign }, { assist: reused }, { assist: garbage }] })).syncActivities;
    expect(synced.map((r: { outcome: string }) => r.outcome)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
    const codeOf = (i: number) => synced[i].activity.confirmation.code as string;
    expect([codeOf(0), codeOf(1), codeOf(2)]).toEqual([codes[0], codes[1], codes[2]]);
    for (const i of [3, 4, 5]) expect([...codes, ...others]).not.toContain(codeOf(i));
    expect(new Set(synced.map((_: unknown, i: number) => codeOf(i))).size).toBe(6);

    // the retry of an item (the phone never heard back) is the same activity with the same code
    const retried = dataOf(await officer.gql(SYNC, { input: [{ assist: a1 }] })).syncActivities[0];
    expect(retried).toMatchObject({ outcome: 'DUPLICATE', activity: { id: a1.id, confirmation: { code: codes[0] } } });
    // used codes left the reserve: the next ones are new, and the 4th is still there
    const next: string[] = dataOf(await officer.gql(RESERVE, { count: 4 })).reserveConfirmationCodes;
    expect(next[0]).toBe(codes[3]);
    expect(next.filter((c) => codes.slice(0, 3).includes(c))).toEqual([]);

    // the person helped offline confirms once the phone has synced
    expect(dataOf(await confirm(codes[1]!, 4)).confirmActivity.rating).toBe(4);
    // and the class attendee with the class's code (classes do not count on the assist boards)
    expect(dataOf(await confirm(codes[2]!, 5)).confirmActivity.service).toMatch(/Lớp học/);
    // a code reserved but not yet used by any recording (the phone has not synced yet)
    expect(errorCodes(await confirm(codes[3]!, 5))).toEqual(['confirmation/invalid-code']);
  });
});

describe('boards by what the people helped say', () => {
  it('rank SATISFACTION and CONFIRMED_SHARE with a minimum sample, list the rest apart, and follow revocations', async () => {
    const m = await activeMovement();
    // A: 5 approved, all confirmed 5,4,5,4,5 (mean 4.6, share 1); B: 6 approved, 3 confirmed at 3 (share 0.5;
    // satisfaction unranked: 3 < 5); C: 3 approved, 3 confirmed (share unranked: 3 assists < 5)
    const plan: [number, number, (number | null)[]][] = [
      [orgA, 5, [5, 4, 5, 4, 5]],
      [orgB, 6, [3, 3, 3, null, null, null]],
      [orgC, 3, [2, 2, 2]],
    ];
    const ids = new Map<number, string[]>();
    for (const [unit, n, ratings] of plan) {
      for (let i = 0; i < n; i++) {
        const a = await recordAssist(m, unit);
        ids.set(unit, [...(ids.get(unit) ?? []), a.id]);
        // half confirm before the approval, half after: both count
        if (ratings[i] != null && i % 2 === 0) dataOf(await confirm(a.confirmation.code, ratings[i]!));
        await approve(a.id);
        if (ratings[i] != null && i % 2 === 1) dataOf(await confirm(a.confirmation.code, ratings[i]!));
      }
    }
    // a confirmed assist never approved does not count
    const pending = await recordAssist(m, orgC);
    dataOf(await confirm(pending.confirmation.code, 5));

    const board = async (metric: string) => dataOf(await t.gql(BOARD, { movementId: m, metric })).leaderboard;
    const sat = await board('SATISFACTION');
    expect(sat.entries.map((e: { unit: { id: string }; value: number; rank: number }) => [e.unit.id, e.rank, e.value])).toEqual([[String(orgA), 1, 4.6]]);
    expect(sat.entries[0]).toMatchObject({ assists: 5, confirmed: 5, satisfaction: 4.6 });
    expect(sat.unranked.map((u: { unit: { id: string } }) => u.unit.id).sort()).toEqual([String(orgB), String(orgC)].sort());
    expect(sat.unranked[0].reason).toMatch(/5 lượt/);

    const share = await board('CONFIRMED_SHARE');
    expect(share.entries.map((e: { unit: { id: string }; value: number }) => [e.unit.id, e.value])).toEqual([[String(orgA), 1], [String(orgB), 0.5]]);
    expect(share.unranked.map((u: { unit: { id: string }; assists: number; confirmed: number }) => [u.unit.id, u.assists, u.confirmed])).toEqual([[String(orgC), 3, 3]]);

    // a confirmed assist revoked: it leaves the counts (A: 4 confirmed of 4 → below the sample)
    dataOf(await leader.gql(REVOKE, { id: ids.get(orgA)![0] }));
    expect(await counters(m, orgA)).toMatchObject({ assists: 4, confirmed: 4, ratingSum: 18 });
    const after = await board('SATISFACTION');
    expect(after.entries).toEqual([]);
    expect(after.unranked).toHaveLength(3);
    expect(await verifyLedger(t.db)).toEqual([]);

    // in the export too, with the units listed apart
    const csv = await (await fetch(`${t.url}/api/export/leaderboard.csv?movementId=${m}&scope=UNIT&metric=CONFIRMED_SHARE`)).text();
    expect(csv).toMatch(/Tỉ lệ lượt hỗ trợ được người dân xác nhận/);
    expect(csv).toMatch(/Lượt được xác nhận/);
    expect(csv).toMatch(/Không xếp hạng: Chưa đủ 5 lượt hỗ trợ được duyệt/);
  });
});

describe('a bonus for confirmed assists, and a flag for reviewers', () => {
  it('adds the rules’ bonus through the ledger, before or after the approval, and takes it back with a revocation', async () => {
    const m = await activeMovement();
    expect(dataOf(await admin.gql(SET_RULES, { movementId: m, rules: { ...DEFAULT_SCORING_RULES, confirmedAssistBonus: 2 } })).setScoringRules.currentRuleVersion).toBe(2);
    // approved, then confirmed: 5, then 5 + 2
    const late = await recordAssist(m, orgA);
    expect((await approve(late.id)).points).toBe(5);
    dataOf(await confirm(late.confirmation.code, 5));
    expect(dataOf(await officer.gql(ACTIVITY, { id: late.id })).activity.points).toBe(7);
    // confirmed, then approved: 7 at once
    const early = await recordAssist(m, orgA);
    dataOf(await confirm(early.confirmation.code, 3));
    expect((await approve(early.id)).points).toBe(7);
    const bonusRows = await queryRows<{ points: string; entry_kind: string }>(
      t.db,
      sql`select points, entry_kind from points_ledger where activity_id = ${late.id} order by id`,
    );
    expect(bonusRows.map((r) => [r.entry_kind, Number(r.points)])).toEqual([['AWARD', 5], ['ADJUSTMENT', 2]]);
    expect(await counters(m, orgA)).toMatchObject({ points: 14, confirmed: 2, ratingSum: 8 });
    expect(await verifyLedger(t.db)).toEqual([]);
    dataOf(await leader.gql(REVOKE, { id: late.id }));
    expect(dataOf(await officer.gql(ACTIVITY, { id: late.id })).activity.points).toBe(0);
    expect(await counters(m, orgA)).toMatchObject({ points: 7, confirmed: 1, ratingSum: 3 });
    expect(await verifyLedger(t.db)).toEqual([]);
    // applying the rules again finds nothing to change: the bonus is what the rules give
    const applied = dataOf(
      await admin.gql(`mutation($m: ID!) { applyRuleVersion(movementId: $m, ruleVersion: 2, reason: "Kiểm tra") { activitiesChanged } }`, { m }),
    ).applyRuleVersion;
    expect(applied.activitiesChanged).toBe(0);
  });

  it('flags a unit whose assists are rarely confirmed when the rest of its commune’s are', async () => {
    const m = await activeMovement();
    for (let i = 0; i < 10; i++) {
      const a = await recordAssist(m, orgA);
      await approve(a.id);
      const b = await recordAssist(m, orgB);
      await approve(b.id);
      dataOf(await confirm(b.confirmation.code, 5));
      await t.db.execute(sql`delete from confirmation_throttle`);
    }
    const flags = dataOf(await leader.gql(FLAGS, { movementId: m })).confirmationFlags;
    expect(flags.map((f: { unitId: string }) => f.unitId)).toEqual([String(orgA)]);
    expect(flags[0]).toMatchObject({ assists: 10, confirmed: 0, unitShare: 0, areaShare: 1 });
    expect(flags[0].message).toMatch(/0 %.*100 %/);
    expect(errorCodes(await officer.gql(FLAGS, { movementId: m }))).toEqual(['FORBIDDEN']);
    // within a unit of the leader's subtree: the same flag; outside it: FORBIDDEN, as for every unit out of scope
    const WITHIN = `query($movementId: ID!, $within: ID) { confirmationFlags(movementId: $movementId, withinUnitId: $within) { unitId } }`;
    const [{ parent_id: commune }] = await queryRows<{ parent_id: number }>(t.db, sql`select parent_id from units where id = ${Number(orgA)}`);
    expect(dataOf(await leader.gql(WITHIN, { movementId: m, within: String(commune) })).confirmationFlags).toEqual([{ unitId: String(orgA) }]);
    const [{ id: elsewhere }] = await queryRows<{ id: number }>(t.db, sql`select id from units where kind = 'PROVINCE' and id not in (select unnest(path) from units where id = ${Number(orgA)}) order by id limit 1`);
    expect(errorCodes(await leader.gql(WITHIN, { movementId: m, within: String(elsewhere) }))).toEqual(['FORBIDDEN']);
  });
});
