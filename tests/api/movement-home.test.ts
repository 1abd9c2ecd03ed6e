import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { loadBadgeDefinitions } from '@thidua/api/src/modules/badges/badges.queries';
import { publishNotifications } from '@thidua/api/src/modules/notifications/notify';
import { sessionsChanged } from '@thidua/api/src/modules/auth/session-cache';
import { dataOf, errorCodes, type GqlClient, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * The movement's home (issue 15): its totals and the feed of recent approvals, readable without
 * login like the boards, and the boards' pages and "my unit" row. Every expected number is read
 * from the points ledger and the approvals made here, never from the code under test.
 */

const TOTALS = `query($movementId: ID!) {
  movementTotals(movementId: $movementId) {
    movementId points classes attendees assists quizzes unitsWithPoints digitalCitizens digitalHouseholds frozen computedAt
    targets { target { title measure level } value completion }
  }
}`;
const FEED = `query($movementId: ID!, $first: Int) {
  recentActivities(movementId: $movementId, first: $first) {
    id kind count service points occurredOn approvedAt unit { id name fullName }
  }
}`;
const BOARD = `query($movementId: ID!, $scope: LeaderboardScope!, $first: Int, $offset: Int, $withinUnitId: ID) {
  leaderboard(movementId: $movementId, scope: $scope, first: $first, offset: $offset, withinUnitId: $withinUnitId) {
    totalCount offset
    entries { rank position points unit { id } }
    myEntry { rank position points unit { id fullName } }
  }
}`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status points } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status points } }`;

let t: TestApp;
let admin: GqlClient;
let officer: GqlClient;
let leader: GqlClient;
let quangNinh: number;
let haLong: number;
let org: number;
/** strings that must never reach a public answer: names, notes, usernames */
const personal: string[] = [];

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return Number(row!.id);
}

async function newMovement(open = true): Promise<string> {
  const id = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: {
        title: `Trang chủ phong trào ${randomUUID().slice(0, 8)}`,
        organizerUnitId: '1',
        scopeUnitId: '1',
        competingKinds: ['COMMUNE', 'ORGANIZATION'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        targets: [{ title: 'Tổ chức 10 lớp học', measure: 'CLASSES_HELD', level: 10 }],
      },
    }),
  ).createMovement.id as string;
  if (open) dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id }));
  return id;
}

async function approvedClass(movementId: string, attendeeCount: number, heldOn = '2026-10-05') {
  const id = randomUUID();
  dataOf(
    await officer.gql(RECORD_CLASS, {
      input: { id, movementId, unitId: String(org), heldOn, attendeeCount, topics: ['VNEID'], note: `Lớp do ${personal[0]} dạy`, instructors: [personal[1]] },
    }),
  );
  const reviewed = dataOf(await leader.gql(REVIEW, { id })).reviewActivity;
  expect(reviewed.status).toBe('APPROVED');
  return { id, points: reviewed.points as number };
}

async function approvedAssist(movementId: string) {
  const id = randomUUID();
  dataOf(
    await officer.gql(RECORD_ASSIST, {
      input: { id, movementId, unitId: String(org), helpedOn: '2026-10-06', service: 'VNEID_L2', helper: personal[1], note: `Giúp bà ${personal[2]}` },
    }),
  );
  const reviewed = dataOf(await leader.gql(REVIEW, { id })).reviewActivity;
  expect(reviewed.status).toBe('APPROVED');
  return { id, points: reviewed.points as number };
}

/** What the ledger says about a movement: its points and the approved (not revoked) activities. */
async function ledgerOf(movementId: string) {
  const [ledger] = await queryRows<{ points: string }>(t.db, sql`select coalesce(sum(points), 0) as points from points_ledger where movement_id = ${movementId}`);
  const [acts] = await queryRows<{ classes: number; attendees: number; assists: number }>(
    t.db,
    sql`select count(*) filter (where kind = 'CLASS')::int as classes, coalesce(sum(attendee_count) filter (where kind = 'CLASS'), 0)::int as attendees,
               count(*) filter (where kind = 'ASSIST')::int as assists
        from activities where movement_id = ${movementId} and status = 'APPROVED'`,
  );
  return { points: Number(ledger!.points), ...acts! };
}

beforeAll(async () => {
  t = await startTestApp();
  quangNinh = await unitIdByCode('22');
  haLong = await unitIdByCode('06688');
  org = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Chi đoàn trang chủ', subtype: 'chi đoàn' })).id;
  const suffix = randomUUID().slice(0, 6);
  personal.push(`Nguyễn Văn Giảng Kín ${suffix}`, `Trần Thị Hỗ Trợ Kín ${suffix}`, `Lê Thị Dân Kín ${suffix}`);
  const a = await newUser(t.db, { role: 'ADMIN', unitId: 1, username: `home_admin_${suffix}` });
  const o = await newUser(t.db, { role: 'OFFICER', unitId: org, username: `home_officer_${suffix}`, displayName: `Cán Bộ Ghi Kín ${suffix}` });
  const l = await newUser(t.db, { role: 'LEADER', unitId: quangNinh, username: `home_leader_${suffix}`, displayName: `Lãnh Đạo Duyệt Kín ${suffix}` });
  personal.push(o.username, l.username, `Cán Bộ Ghi Kín ${suffix}`, `Lãnh Đạo Duyệt Kín ${suffix}`);
  admin = await t.as(a.username, a.password);
  officer = await t.as(o.username, o.password);
  leader = await t.as(l.username, l.password);
});

afterAll(async () => {
  await t?.close();
});

describe('movement totals', () => {
  it('equal what the ledger says after approvals and a revocation', async () => {
    const m = await newMovement();
    const empty = dataOf(await t.gql(TOTALS, { movementId: m })).movementTotals;
    expect(empty).toMatchObject({ movementId: m, points: 0, classes: 0, attendees: 0, assists: 0, unitsWithPoints: 0, frozen: false });

    await approvedClass(m, 30);
    const revoked = await approvedClass(m, 12);
    await approvedClass(m, 8);
    await approvedAssist(m);
    dataOf(await leader.gql(REVOKE, { id: revoked.id, reason: 'Trùng lớp đã ghi' }));

    const totals = dataOf(await t.gql(TOTALS, { movementId: m })).movementTotals;
    const ledger = await ledgerOf(m);
    expect(ledger).toMatchObject({ classes: 2, attendees: 38, assists: 1 });
    expect(totals).toMatchObject({ classes: ledger.classes, attendees: ledger.attendees, assists: ledger.assists, unitsWithPoints: 1 });
    expect(totals.points).toBeCloseTo(ledger.points, 2);
    // the same numbers as the province's row on the board
    const board = dataOf(await t.gql(BOARD, { movementId: m, scope: 'PROVINCE', first: 1 })).leaderboard;
    expect(board.entries[0]).toMatchObject({ unit: { id: String(quangNinh) } });
    expect(board.entries[0].points).toBeCloseTo(totals.points, 2);
    // progress toward "10 classes": 2 held
    expect(totals.targets).toEqual([expect.objectContaining({ value: 2, completion: 20 })]);
  });

  it('counts Công dân số citizens and Gia đình số households in the movement scope', async () => {
    await loadBadgeDefinitions(t.db);
    const m = await newMovement();
    const before = dataOf(await t.gql(TOTALS, { movementId: m })).movementTotals;
    const [group] = await queryRows<{ id: number }>(t.db, sql`select id from units where parent_id = ${haLong} and kind = 'RESIDENTIAL_GROUP' limit 1`);
    const groupId = group ? Number(group.id) : haLong;
    const [household] = await queryRows<{ id: string }>(t.db, sql`insert into households (unit_id, head_name) values (${groupId}, ${personal[2]}) returning id`);
    const [citizen] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into citizens (household_id, unit_id, full_name) values (${household!.id}, ${groupId}, ${personal[2]}) returning id`,
    );
    await t.db.execute(sql`insert into badge_awards (badge_code, citizen_id, holder_key, holder_name, automatic)
                           values ('CONG_DAN_SO', ${citizen!.id}, ${`citizen:${citizen!.id}`}, 'L.T.D.', true)`);
    await t.db.execute(sql`insert into badge_awards (badge_code, household_id, holder_key, holder_name, automatic)
                           values ('GIA_DINH_SO', ${household!.id}, ${`household:${household!.id}`}, 'Hộ L.T.D.', true)`);
    // a new movement is not cached yet
    const m2 = await newMovement();
    const after = dataOf(await t.gql(TOTALS, { movementId: m2 })).movementTotals;
    expect(after.digitalCitizens).toBe(before.digitalCitizens + 1);
    expect(after.digitalHouseholds).toBe(before.digitalHouseholds + 1);
    expect(JSON.stringify(after)).not.toContain(personal[2]);
  });

  it('reads a closed movement from the standings frozen at close', async () => {
    const m = await newMovement();
    const kept = await approvedClass(m, 20);
    dataOf(await admin.gql(`mutation($id: ID!) { closeMovement(id: $id) { status } }`, { id: m }));
    dataOf(await leader.gql(REVOKE, { id: kept.id, reason: 'Phát hiện sau khi kết thúc' }));
    const totals = dataOf(await t.gql(TOTALS, { movementId: m })).movementTotals;
    expect(totals).toMatchObject({ frozen: true, classes: 1, attendees: 20 });
    expect(totals.points).toBeCloseTo(kept.points, 2);
  });

  it('is readable without login for an active movement, and not for a draft', async () => {
    const draft = await newMovement(false);
    expect(errorCodes(await t.gql(TOTALS, { movementId: draft }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await t.gql(FEED, { movementId: draft }))).toEqual(['NOT_FOUND']);
    // the organizer's side still sees its draft
    expect(dataOf(await admin.gql(TOTALS, { movementId: draft })).movementTotals.classes).toBe(0);
    expect(errorCodes(await t.gql(TOTALS, { movementId: randomUUID() }))).toEqual(['NOT_FOUND']);
  });
});

describe('recent activities', () => {
  it('lists the newest approvals by unit, with the ledger points, and drops a revoked one', async () => {
    const m = await newMovement();
    const first = await approvedClass(m, 25);
    const assist = await approvedAssist(m);
    const revoked = await approvedClass(m, 9);
    dataOf(await leader.gql(REVOKE, { id: revoked.id, reason: 'Sai số liệu' }));
    // one waiting for review is not shown
    dataOf(await officer.gql(RECORD_CLASS, { input: { id: randomUUID(), movementId: m, unitId: String(org), heldOn: '2026-10-07', attendeeCount: 5, topics: ['VNEID'] } }));

    const feed = dataOf(await t.gql(FEED, { movementId: m, first: 10 })).recentActivities;
    expect(feed.map((a: { id: string }) => a.id)).toEqual([assist.id, first.id]);
    expect(feed[0]).toMatchObject({ kind: 'ASSIST', count: 1, service: 'VNEID_L2', points: assist.points, unit: { id: String(org) } });
    expect(feed[1]).toMatchObject({ kind: 'CLASS', count: 25, service: null, points: first.points, occurredOn: '2026-10-05' });
    expect(Date.parse(feed[0].approvedAt)).toBeGreaterThanOrEqual(Date.parse(feed[1].approvedAt));
    const [ledger] = await queryRows<{ points: string }>(t.db, sql`select sum(points) as points from points_ledger where activity_id = ${first.id}`);
    expect(feed[1].points).toBeCloseTo(Number(ledger!.points), 2);
  });

  it('carries no personal data: no citizen, note, instructor, helper, officer or reviewer', async () => {
    const m = await newMovement();
    await approvedClass(m, 14);
    await approvedAssist(m);
    const result = await t.gql(FEED, { movementId: m, first: 50 });
    const text = JSON.stringify(dataOf(result));
    for (const s of personal) expect(text).not.toContain(s);
    // nothing in the type can carry them either
    const fields = dataOf(
      await t.gql(`{ __type(name: "RecentActivity") { fields { name } } }`),
    ).__type.fields.map((f: { name: string }) => f.name);
    expect(fields.sort()).toEqual(['approvedAt', 'count', 'id', 'kind', 'occurredOn', 'points', 'service', 'unit']);
  });

  it('bounds first between 1 and 50', async () => {
    const m = await newMovement();
    for (const first of [0, 51, -1, 100_000]) expect(errorCodes(await t.gql(FEED, { movementId: m, first }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await t.gql(FEED, { movementId: m, first: 50 })).recentActivities).toEqual([]);
  });
});

describe('board pages and my unit', () => {
  it('serves a page from an offset, with each row position', async () => {
    const m = await newMovement();
    const page1 = dataOf(await t.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 50 })).leaderboard;
    const page2 = dataOf(await t.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 50, offset: 50 })).leaderboard;
    expect(page1.totalCount).toBeGreaterThan(100);
    expect(page2.offset).toBe(50);
    expect(page2.entries.map((e: { position: number }) => e.position)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
    const ids = new Set(page1.entries.map((e: { unit: { id: string } }) => e.unit.id));
    expect(page2.entries.some((e: { unit: { id: string } }) => ids.has(e.unit.id))).toBe(false);
    const last = dataOf(await t.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 50, offset: page1.totalCount - 3 })).leaderboard;
    expect(last.entries).toHaveLength(3);
  });

  it('refuses an offset out of bounds', async () => {
    const m = await newMovement();
    for (const offset of [-1, 200_001]) expect(errorCodes(await t.gql(BOARD, { movementId: m, scope: 'COMMUNE', offset }))).toEqual(['BAD_USER_INPUT']);
  });

  it("gives a signed-in person their unit's row with its rank, even off the page", async () => {
    const m = await newMovement();
    // another commune scores, Hạ Long (the officer's commune) scores less: not on a one-row page
    const [other] = await queryRows<{ id: number }>(t.db, sql`select id from units where kind = 'COMMUNE' and province_id = ${quangNinh} and id <> ${haLong} limit 1`);
    // created the way a province does it (boards keep their candidates until a unit changes)
    const otherOrg = dataOf(
      await admin.gql(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`, {
        input: { parentId: String(other!.id), kind: 'ORGANIZATION', name: 'Chi đoàn khác', subtype: 'chi đoàn' },
      }),
    ).createUnit.id as string;
    const id = randomUUID();
    dataOf(await leader.gql(RECORD_CLASS, { input: { id, movementId: m, unitId: otherOrg, heldOn: '2026-10-05', attendeeCount: 40, topics: ['VNEID'] } }));
    dataOf(await admin.gql(REVIEW, { id }));
    await approvedClass(m, 5);

    const communes = dataOf(await officer.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 1 })).leaderboard;
    expect(communes.entries.map((e: { unit: { id: string } }) => e.unit.id)).toEqual([String(other!.id)]);
    expect(communes.myEntry).toMatchObject({ rank: 2, position: 1, unit: { id: String(haLong) } });
    const provinces = dataOf(await officer.gql(BOARD, { movementId: m, scope: 'PROVINCE', first: 1 })).leaderboard;
    expect(provinces.myEntry).toMatchObject({ rank: 1, unit: { id: String(quangNinh) } });
    const units = dataOf(await officer.gql(BOARD, { movementId: m, scope: 'UNIT', first: 1 })).leaderboard;
    expect(units.myEntry).toMatchObject({ rank: 2, unit: { id: String(org) } });
    // a province leader has no commune row; a visitor has no unit at all
    expect(dataOf(await leader.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 1 })).leaderboard.myEntry).toBeNull();
    expect(dataOf(await t.gql(BOARD, { movementId: m, scope: 'COMMUNE', first: 1 })).leaderboard.myEntry).toBeNull();
  });

  it("keeps a visitor's board cached with myEntry asked for, and never serves a signed-in person from that cache", async () => {
    const m = await newMovement();
    const variables = { movementId: m, scope: 'COMMUNE', first: 1 };
    await t.gql(BOARD, variables);
    const again = await t.gql(BOARD, variables);
    // the response cache answered (it adds Age): myEntry, null for a visitor, does not make the board private
    expect(again.headers.get('age')).not.toBeNull();
    expect(dataOf(again).leaderboard.myEntry).toBeNull();
    const signedIn = await officer.gql(BOARD, variables);
    expect(signedIn.headers.get('age')).toBeNull();
    expect(dataOf(signedIn).leaderboard.myEntry).toMatchObject({ unit: { id: String(haLong) } });
    await t.gql(TOTALS, { movementId: m });
    expect((await t.gql(TOTALS, { movementId: m })).headers.get('age')).not.toBeNull();
    await t.gql(FEED, { movementId: m, first: 5 });
    expect((await t.gql(FEED, { movementId: m, first: 5 })).headers.get('age')).not.toBeNull();
  });

  it("keeps a visitor's answer through changes no visitor can see (notifications, sessions, a sign-in), not through a recording", async () => {
    const m = await newMovement();
    await t.gql(TOTALS, { movementId: m });
    expect((await t.gql(TOTALS, { movementId: m })).headers.get('age')).not.toBeNull();
    // what the review-waiting summaries do a moment after a recording, and what a logout does
    publishNotifications([{ userId: randomUUID(), id: randomUUID() }]);
    sessionsChanged();
    const u = await newUser(t.db, { role: 'OFFICER', unitId: org });
    await t.as(u.username, u.password);
    expect((await t.gql(TOTALS, { movementId: m })).headers.get('age')).not.toBeNull();
    // a recording may change public counters: the next visitor's answer is computed afresh
    dataOf(await officer.gql(RECORD_CLASS, { input: { id: randomUUID(), movementId: m, unitId: String(org), heldOn: '2026-10-05', attendeeCount: 12, topics: ['VNEID'] } }));
    expect((await t.gql(TOTALS, { movementId: m })).headers.get('age')).toBeNull();
  });
});
