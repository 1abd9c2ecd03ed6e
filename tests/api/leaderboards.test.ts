import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { addDays, vietnamDateOf } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { unitsChanged } from '@thidua/api/src/modules/units/unit-cache';
import { dataOf, errorCodes, type GqlClient, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Leaderboards, targets and exports (issue 4), through the public API only: movements are created
 * and opened by an admin, activities recorded by officers and approved by leaders, and every
 * expected number is computed here from the points the approvals returned — never from the
 * leaderboard code.
 */

const QUANG_NINH = '22';
const PHU_THO = '25';
const HA_LONG = '06688';
const BAI_CHAY = '06673';
const LONG_COC = '08620';

const LEADERBOARD = `query Board($movementId: ID!, $scope: LeaderboardScope!, $metric: LeaderboardMetric, $from: Date, $to: Date, $phaseId: ID,
    $withinUnitId: ID, $aroundUnitId: ID, $first: Int, $unitKind: UnitKind, $subtype: String) {
  leaderboard(movementId: $movementId, scope: $scope, metric: $metric, from: $from, to: $to, phaseId: $phaseId, withinUnitId: $withinUnitId,
              aroundUnitId: $aroundUnitId, first: $first, unitKind: $unitKind, subtype: $subtype) {
    entries { rank previousRank rankChange points value classes attendees assists unit { id name fullName code kind parent { id } } }
    totalCount frozen unranked { unit { id } points reason } from to previousFrom previousTo tieBreakRule
  }
}`;
const TARGET_PROGRESS = `query($movementId: ID!, $unitId: ID!) {
  targetProgress(movementId: $movementId, unitId: $unitId) { target { title measure level } value completion reached projectedOn trend { date value } note }
}`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status points } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status points } }`;

interface Entry {
  rank: number;
  previousRank: number | null;
  rankChange: string;
  points: number;
  value: number;
  classes: number;
  attendees: number;
  assists: number;
  unit: { id: string; name: string; fullName: string; code: string | null; kind: string; parent: { id: string } | null };
}
interface Board {
  entries: Entry[];
  totalCount: number;
  frozen: boolean;
  unranked: { unit: { id: string }; points: number; reason: string }[];
  from: string;
  to: string;
  previousFrom: string | null;
  previousTo: string | null;
  tieBreakRule: string;
}
interface BoardArgs {
  scope: 'PROVINCE' | 'COMMUNE' | 'UNIT';
  metric?: 'POINTS' | 'POINTS_PER_1000' | 'TARGET_COMPLETION';
  from?: string;
  to?: string;
  phaseId?: string;
  withinUnitId?: number | string;
  aroundUnitId?: number | string;
  first?: number;
  unitKind?: string;
  subtype?: string;
}

let t: TestApp;
let admin: GqlClient;
/** per province: the officer who records and the leader who approves */
const staff = new Map<number, { officer: GqlClient; leader: GqlClient }>();
/** every username and display name created here: none may appear in a public answer */
const personalStrings: string[] = [];
/** personal names typed into activities (instructors, helpers, attendee lists) */
const namesInActivities = ['Trần Thị Giảng Viên Kín', 'Phạm Văn Hỗ Trợ Kín', 'Lê Thị Học Viên Kín', 'Đỗ Văn Học Viên Kín'];
const NATIONAL_ID = '022190077123';

let quangNinh: number;
let phuTho: number;
let haLong: number;
let baiChay: number;
let longCoc: number;
/** communes of Quảng Ninh other than Hạ Long and Bãi Cháy, by code */
let otherQnCommunes: { id: number; fullName: string }[];
let qnCommuneCount: number;
let today: string;

const orgs = new Map<number, number>();

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  if (!row) throw new Error(`no unit with code ${code}`);
  return Number(row.id);
}

/** An organization under a commune (one per commune), where officers record activities. */
async function orgIn(communeId: number): Promise<number> {
  let id = orgs.get(communeId);
  if (!id) {
    id = (await insertUnit(t.db, { parentId: communeId, kind: 'ORGANIZATION', name: `Chi đoàn ${communeId}`, subtype: 'chi đoàn' })).id;
    orgs.set(communeId, id);
  }
  return id;
}

async function staffFor(unitId: number) {
  const [row] = await queryRows<{ province_id: number }>(t.db, sql`select province_id from units where id = ${unitId}`);
  const s = staff.get(Number(row.province_id));
  if (!s) throw new Error(`no officer/leader for the province of unit ${unitId}`);
  return s;
}

async function createMovement(fields: Record<string, unknown> = {}): Promise<string> {
  const created = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: {
        title: `Bình dân học vụ số — xếp hạng ${randomUUID().slice(0, 8)}`,
        organizerUnitId: '1',
        scopeUnitId: '1',
        competingKinds: ['COMMUNE', 'ORGANIZATION'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        ...fields,
      },
    }),
  );
  return created.createMovement.id;
}

async function activeMovement(fields: Record<string, unknown> = {}): Promise<string> {
  const id = await createMovement(fields);
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id }));
  return id;
}

async function closeMovement(id: string) {
  dataOf(await admin.gql(`mutation($id: ID!) { closeMovement(id: $id) { status } }`, { id }));
}

/** A class recorded by the province's officer and approved by its leader; returns the awarded points. */
async function awardClass(movementId: string, unitId: number, heldOn: string, attendeeCount: number, extra: Record<string, unknown> = {}) {
  const { officer, leader } = await staffFor(unitId);
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_CLASS, { input: { id, movementId, unitId: String(unitId), heldOn, attendeeCount, topics: ['VNEID'], ...extra } }));
  const approved = dataOf(await leader.gql(REVIEW, { id })).reviewActivity;
  expect(approved.status).toBe('APPROVED');
  expect(approved.points).toBeGreaterThan(0);
  return { id, points: approved.points as number };
}

async function awardAssist(movementId: string, unitId: number, helpedOn: string, extra: Record<string, unknown> = {}) {
  const { officer, leader } = await staffFor(unitId);
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_ASSIST, { input: { id, movementId, unitId: String(unitId), helpedOn, service: 'VNEID_L2', ...extra } }));
  const approved = dataOf(await leader.gql(REVIEW, { id })).reviewActivity;
  expect(approved.status).toBe('APPROVED');
  return { id, points: approved.points as number };
}

async function board(client: GqlClient | null, movementId: string, args: BoardArgs): Promise<Board> {
  const variables = { movementId, ...args, withinUnitId: args.withinUnitId?.toString(), aroundUnitId: args.aroundUnitId?.toString() };
  const result = client ? await client.gql(LEADERBOARD, variables) : await t.gql(LEADERBOARD, variables);
  return dataOf(result).leaderboard;
}

function entryOf(b: Board, unitId: number): Entry | undefined {
  return b.entries.find((e) => e.unit.id === String(unitId));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round2 = (x: number) => Math.round(x * 100) / 100;

beforeAll(async () => {
  t = await startTestApp();
  today = vietnamDateOf(new Date());
  quangNinh = await unitIdByCode(QUANG_NINH);
  phuTho = await unitIdByCode(PHU_THO);
  haLong = await unitIdByCode(HA_LONG);
  baiChay = await unitIdByCode(BAI_CHAY);
  longCoc = await unitIdByCode(LONG_COC);
  const communes = await queryRows<{ id: number; full_name: string }>(
    t.db,
    sql`select id, full_name from units where kind = 'COMMUNE' and province_id = ${quangNinh} order by code`,
  );
  qnCommuneCount = communes.length;
  otherQnCommunes = communes.filter((c) => Number(c.id) !== haLong && Number(c.id) !== baiChay).map((c) => ({ id: Number(c.id), fullName: c.full_name }));

  const suffix = randomUUID().slice(0, 6);
  const people = [
    { key: 'admin', role: 'ADMIN' as const, unitId: 1, displayName: `Quản Trị Viên Kín ${suffix}` },
    { key: 'qnOfficer', role: 'OFFICER' as const, unitId: quangNinh, displayName: `Nguyễn Văn Cán Bộ Kín ${suffix}` },
    { key: 'qnLeader', role: 'LEADER' as const, unitId: quangNinh, displayName: `Hoàng Thị Lãnh Đạo Kín ${suffix}` },
    { key: 'ptOfficer', role: 'OFFICER' as const, unitId: phuTho, displayName: `Vũ Văn Cán Bộ Kín ${suffix}` },
    { key: 'ptLeader', role: 'LEADER' as const, unitId: phuTho, displayName: `Bùi Thị Lãnh Đạo Kín ${suffix}` },
  ];
  const clients: Record<string, GqlClient> = {};
  for (const p of people) {
    const username = `lb_${p.key.toLowerCase()}_${suffix}`;
    const user = await newUser(t.db, { role: p.role, unitId: p.unitId, username, displayName: p.displayName });
    personalStrings.push(username, p.displayName);
    clients[p.key] = await t.as(user.username, user.password);
  }
  admin = clients.admin;
  staff.set(quangNinh, { officer: clients.qnOfficer, leader: clients.qnLeader });
  staff.set(phuTho, { officer: clients.ptOfficer, leader: clients.ptLeader });
});

afterAll(async () => {
  await t?.close();
});

describe('ranking', () => {
  it('gives tied communes the same rank and skips the next one (1, 2, 2, 4)', async () => {
    const m = await activeMovement();
    const [first, third] = otherQnCommunes;
    const top = await awardClass(m, await orgIn(first.id), '2026-10-05', 40); // 30 points
    const tieA = await awardClass(m, await orgIn(haLong), '2026-10-05', 20); // 20 points
    const tieB = await awardClass(m, await orgIn(baiChay), '2026-10-06', 20);
    const last = await awardClass(m, await orgIn(third.id), '2026-10-05', 4); // 12 points
    expect(tieA.points).toBe(tieB.points);
    expect(new Set([top.points, tieA.points, last.points]).size).toBe(3);

    const b = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, first: 5 });
    expect(b.entries.slice(0, 4).map((e) => [e.rank, e.points])).toEqual([
      [1, top.points],
      [2, tieA.points],
      [2, tieB.points],
      [4, last.points],
    ]);
    // every commune without points shares the next rank
    expect(b.entries[4]).toMatchObject({ rank: 5, points: 0 });
  });

  it('orders tied units by the published tie-break (same points: by name) and publishes the rule', async () => {
    const m = await activeMovement();
    // "Phường Bãi Cháy" sorts before "Phường Hạ Long"; record Hạ Long first so insertion order cannot explain the result
    await awardClass(m, await orgIn(haLong), '2026-10-07', 10);
    await awardClass(m, await orgIn(baiChay), '2026-10-07', 10);
    const b = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, first: 2 });
    expect(b.entries.map((e) => e.unit.id)).toEqual([String(baiChay), String(haLong)]);
    expect(b.entries.map((e) => e.rank)).toEqual([1, 1]);
    expect(b.tieBreakRule).toMatch(/đồng hạng|bằng/i);
  });

  it('caps the page size at 200 rows however many are asked for', async () => {
    const m = await activeMovement();
    const b = await board(null, m, { scope: 'COMMUNE', first: 5000 });
    expect(b.totalCount).toBeGreaterThan(200);
    expect(b.entries).toHaveLength(200);
  });
});

describe('subtree sums', () => {
  let m: string;
  const awards = { haLongOrg1: 0, haLongOrg2: 0, haLongItself: 0, baiChayOrg: 0, longCocOrg: 0 };
  let haLongOrg2: number;

  beforeAll(async () => {
    m = await activeMovement();
    haLongOrg2 = (await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Hội Phụ nữ phường Hạ Long', subtype: 'hội phụ nữ' })).id;
    awards.haLongOrg1 = (await awardClass(m, await orgIn(haLong), '2026-10-01', 12)).points;
    awards.haLongOrg1 += (await awardClass(m, await orgIn(haLong), '2026-10-02', 26)).points;
    awards.haLongOrg2 = (await awardClass(m, haLongOrg2, '2026-10-03', 8)).points;
    awards.haLongOrg2 += (await awardAssist(m, haLongOrg2, '2026-10-03', { priorityGroups: ['ELDERLY'] })).points;
    awards.haLongItself = (await awardClass(m, haLong, '2026-10-04', 3)).points;
    awards.baiChayOrg = (await awardClass(m, await orgIn(baiChay), '2026-10-04', 33)).points;
    awards.longCocOrg = (await awardClass(m, await orgIn(longCoc), '2026-10-04', 17)).points;
  });

  it("adds up a commune's points over the organizations under it and its own activities", async () => {
    const b = await board(null, m, { scope: 'COMMUNE', first: 10 });
    expect(entryOf(b, haLong)?.points).toBeCloseTo(awards.haLongOrg1 + awards.haLongOrg2 + awards.haLongItself, 2);
    expect(entryOf(b, baiChay)?.points).toBeCloseTo(awards.baiChayOrg, 2);
    expect(entryOf(b, longCoc)?.points).toBeCloseTo(awards.longCocOrg, 2);
  });

  it("adds up a province's points over every commune and organization in it", async () => {
    const b = await board(null, m, { scope: 'PROVINCE', first: 5 });
    const qn = awards.haLongOrg1 + awards.haLongOrg2 + awards.haLongItself + awards.baiChayOrg;
    expect(b.entries.map((e) => [e.unit.id, e.rank])).toEqual([
      [String(quangNinh), 1],
      [String(phuTho), 2],
      ...b.entries.slice(2).map((e) => [e.unit.id, 3]),
    ]);
    expect(entryOf(b, quangNinh)?.points).toBeCloseTo(qn, 2);
    expect(entryOf(b, phuTho)?.points).toBeCloseTo(awards.longCocOrg, 2);
  });

  it('counts classes and attendees of the subtree next to the points', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', first: 3 });
    expect(entryOf(b, haLong)).toMatchObject({ classes: 4, attendees: 12 + 26 + 8 + 3, assists: 1 });
  });

  it('drills down from a province to its communes with withinUnitId', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, first: 200 });
    expect(b.totalCount).toBe(qnCommuneCount);
    expect(b.entries).toHaveLength(qnCommuneCount);
    expect(b.entries.every((e) => e.unit.kind === 'COMMUNE' && e.unit.parent?.id === String(quangNinh))).toBe(true);
    expect(entryOf(b, longCoc)).toBeUndefined();
    const province = await board(null, m, { scope: 'PROVINCE', first: 1 });
    expect(sum(b.entries.map((e) => e.points))).toBeCloseTo(province.entries[0].points, 2);
  });

  it('drills down from a commune to its organizations', async () => {
    const b = await board(null, m, { scope: 'UNIT', withinUnitId: haLong, first: 50 });
    expect(b.entries.map((e) => [e.unit.id, e.points])).toEqual([
      [String(await orgIn(haLong)), awards.haLongOrg1],
      [String(haLongOrg2), awards.haLongOrg2],
    ]);
  });
});

describe('points per 1,000 residents', () => {
  let m: string;
  let big: { points: number };
  let small: { points: number };
  let unknown: { points: number };
  let unknownCommune: number;

  beforeAll(async () => {
    m = await activeMovement();
    unknownCommune = otherQnCommunes[1].id;
    await t.db.execute(sql`update units set population = 100000 where id = ${haLong}`);
    await t.db.execute(sql`update units set population = 10000 where id = ${baiChay}`);
    await t.db.execute(sql`update units set population = null where id = ${unknownCommune}`);
    unitsChanged([haLong, baiChay, unknownCommune]); // as the unit admin API announces its changes
    big = await awardClass(m, await orgIn(haLong), '2026-10-10', 60); // 40 points for 100,000 residents
    small = await awardClass(m, await orgIn(baiChay), '2026-10-10', 10); // 15 points for 10,000 residents
    unknown = await awardClass(m, await orgIn(unknownCommune), '2026-10-10', 30);
  });

  it('ranks by points × 1000 ÷ population, so a small commune can beat a bigger one', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', metric: 'POINTS_PER_1000', withinUnitId: quangNinh, first: 2 });
    expect(b.entries.map((e) => [e.rank, e.unit.id, e.points, e.value])).toEqual([
      [1, String(baiChay), small.points, round2((small.points * 1000) / 10000)],
      [2, String(haLong), big.points, round2((big.points * 1000) / 100000)],
    ]);
  });

  it('lists a commune without a population apart instead of ranking it', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', metric: 'POINTS_PER_1000', withinUnitId: quangNinh, first: 200 });
    expect(entryOf(b, unknownCommune)).toBeUndefined();
    const apart = b.unranked.find((u) => u.unit.id === String(unknownCommune));
    expect(apart).toMatchObject({ points: unknown.points });
    expect(apart!.reason).toMatch(/dân số/i);
    expect(b.totalCount + b.unranked.length).toBe(qnCommuneCount);
  });
});

describe('periods', () => {
  let m: string;
  const a = { early: 0, late: 0 };
  const c = { inside: 0, after: 0 };

  beforeAll(async () => {
    m = await activeMovement({ phases: [{ name: '45 ngày đêm', startsOn: '2026-09-01', endsOn: '2026-10-15' }] });
    a.early = (await awardClass(m, await orgIn(haLong), '2026-10-05', 30)).points;
    a.late = (await awardClass(m, await orgIn(haLong), '2026-10-20', 12)).points;
    c.inside = (await awardClass(m, await orgIn(baiChay), '2026-10-12', 22)).points;
    c.after = (await awardClass(m, await orgIn(baiChay), '2026-10-26', 50)).points; // the day after the custom range
  });

  it('counts only the activities of a custom date range', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', from: '2026-10-10', to: '2026-10-25', withinUnitId: quangNinh, first: 2 });
    expect(b).toMatchObject({ from: '2026-10-10', to: '2026-10-25' });
    expect(entryOf(b, haLong)?.points).toBeCloseTo(a.late, 2);
    expect(entryOf(b, baiChay)?.points).toBeCloseTo(c.inside, 2);
  });

  it('counts only the activities of a phase', async () => {
    const phases = dataOf(await t.gql(`query($id: ID!) { movement(id: $id) { phases { id startsOn endsOn } } }`, { id: m })).movement.phases;
    const b = await board(null, m, { scope: 'COMMUNE', phaseId: phases[0].id, withinUnitId: quangNinh, first: 2 });
    expect(b).toMatchObject({ from: '2026-09-01', to: '2026-10-15' });
    expect(entryOf(b, haLong)?.points).toBeCloseTo(a.early, 2);
    expect(entryOf(b, baiChay)?.points).toBeCloseTo(c.inside, 2);
  });

  // a range longer than half the movement so far is summed as whole-movement totals minus the days outside it
  it('counts a long range (most of the movement) exactly, for communes, provinces and units', async () => {
    const range = { from: '2026-09-01', to: '2026-10-25' };
    const communes = await board(null, m, { scope: 'COMMUNE', ...range, withinUnitId: quangNinh, first: 2 });
    expect(entryOf(communes, haLong)?.points).toBeCloseTo(a.early + a.late, 2);
    expect(entryOf(communes, baiChay)?.points).toBeCloseTo(c.inside, 2);
    const provinces = await board(null, m, { scope: 'PROVINCE', ...range, first: 50 });
    expect(entryOf(provinces, quangNinh)?.points).toBeCloseTo(a.early + a.late + c.inside, 2);
    const units = await board(null, m, { scope: 'UNIT', unitKind: 'ORGANIZATION', ...range, withinUnitId: quangNinh, first: 50 });
    expect(entryOf(units, await orgIn(haLong))?.points).toBeCloseTo(a.early + a.late, 2);
    expect(entryOf(units, await orgIn(baiChay))?.points).toBeCloseTo(c.inside, 2);
  });

  it('counts a range with days left out on both sides exactly, at every scope', async () => {
    const range = { from: '2026-10-01', to: today };
    const communes = await board(null, m, { scope: 'COMMUNE', ...range, withinUnitId: quangNinh, first: 2 });
    expect(entryOf(communes, haLong)?.points).toBeCloseTo(a.early + a.late, 2);
    expect(entryOf(communes, baiChay)?.points).toBeCloseTo(c.inside + c.after, 2);
    const provinces = await board(null, m, { scope: 'PROVINCE', ...range, first: 50 });
    expect(entryOf(provinces, quangNinh)?.points).toBeCloseTo(a.early + a.late + c.inside + c.after, 2);
  });

  it('takes previousRank from the period of the same length just before', async () => {
    const m2 = await activeMovement();
    // previous week (8–14 Oct): Hạ Long ahead; this week (15–21 Oct): Bãi Cháy ahead
    const before = { haLong: await awardClass(m2, await orgIn(haLong), '2026-10-09', 40), baiChay: await awardClass(m2, await orgIn(baiChay), '2026-10-14', 10) };
    const now = { haLong: await awardClass(m2, await orgIn(haLong), '2026-10-15', 4), baiChay: await awardClass(m2, await orgIn(baiChay), '2026-10-21', 50) };
    await awardClass(m2, await orgIn(haLong), '2026-10-07', 60); // before the previous week: must not count
    expect(before.haLong.points).toBeGreaterThan(before.baiChay.points);
    expect(now.baiChay.points).toBeGreaterThan(now.haLong.points);

    const b = await board(null, m2, { scope: 'COMMUNE', from: '2026-10-15', to: '2026-10-21', withinUnitId: quangNinh, first: 2 });
    expect(b).toMatchObject({ previousFrom: '2026-10-08', previousTo: '2026-10-14' });
    expect(b.entries.map((e) => [e.unit.id, e.rank, e.previousRank, e.rankChange])).toEqual([
      [String(baiChay), 1, 2, 'UP'],
      [String(haLong), 2, 1, 'DOWN'],
    ]);
  });
});

describe('around me', () => {
  let m: string;
  let five: number[];

  beforeAll(async () => {
    m = await activeMovement();
    five = [haLong, baiChay, ...otherQnCommunes.slice(0, 3).map((c) => c.id)];
    const attendees = [60, 50, 40, 30, 20]; // strictly decreasing points
    for (let i = 0; i < five.length; i++) await awardClass(m, await orgIn(five[i]), '2026-10-10', attendees[i]);
  });

  it('returns the unit with its neighbours above and below', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, aroundUnitId: five[2], first: 3 });
    expect(b.entries.map((e) => [e.rank, e.unit.id])).toEqual([
      [2, String(five[1])],
      [3, String(five[2])],
      [4, String(five[3])],
    ]);
  });

  it('returns only neighbours below for the unit ranked first', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, aroundUnitId: five[0], first: 3 });
    expect(b.entries.map((e) => [e.rank, e.unit.id])).toEqual([
      [1, String(five[0])],
      [2, String(five[1])],
    ]);
  });
});

describe('public access', () => {
  let m: string;

  beforeAll(async () => {
    m = await activeMovement({ targets: [{ title: 'Số lớp học', measure: 'CLASSES_HELD', level: 5 }] });
    await awardClass(m, await orgIn(haLong), '2026-10-10', 25, { instructors: [namesInActivities[0]], attendees: namesInActivities.slice(2), note: `Lớp do ${namesInActivities[0]} dạy` });
    await awardAssist(m, await orgIn(baiChay), '2026-10-11', { helper: namesInActivities[1], nationalId: NATIONAL_ID, priorityGroups: ['ELDERLY'] });
    await awardClass(m, await orgIn(longCoc), '2026-10-12', 15, { instructors: [namesInActivities[0]] });
  });

  it('serves boards, targets and daily points without login', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', first: 3 });
    expect(b.entries.map((e) => e.unit.id).sort()).toEqual([String(haLong), String(baiChay), String(longCoc)].sort());
    const progress = await t.gql(TARGET_PROGRESS, { movementId: m, unitId: String(haLong) });
    expect(dataOf(progress).targetProgress).toHaveLength(1);
  });

  it('serves repeated anonymous reads from the public cache and shows new points right after an approval', async () => {
    const read = () => t.gql(LEADERBOARD, { movementId: m, scope: 'COMMUNE', first: 5 });
    const first = await read();
    const again = await read();
    expect(again.headers.get('age')).not.toBeNull(); // answered from the response cache
    expect(dataOf(again).leaderboard).toEqual(dataOf(first).leaderboard);
    const before = entryOf(dataOf(again).leaderboard, longCoc)!.points;
    const added = await awardClass(m, await orgIn(longCoc), '2026-10-13', 20);
    const after = await read();
    expect(after.headers.get('age')).toBeNull(); // recomputed: the approval changed the data
    expect(entryOf(dataOf(after).leaderboard, longCoc)!.points).toBeCloseTo(before + added.points, 2);
    // signed-in readers are never served from (or written to) the anonymous cache
    const signedIn = await admin.gql(LEADERBOARD, { movementId: m, scope: 'COMMUNE', first: 5 });
    expect(signedIn.headers.get('age')).toBeNull();
    expect(dataOf(signedIn).leaderboard).toEqual(dataOf(after).leaderboard);
    expect((await admin.gql(LEADERBOARD, { movementId: m, scope: 'COMMUNE', first: 5 })).headers.get('age')).toBeNull();
  });

  it('puts no username, display name, instructor, helper or national ID in any public answer', async () => {
    const answers: unknown[] = [];
    for (const scope of ['PROVINCE', 'COMMUNE', 'UNIT'] as const)
      for (const metric of ['POINTS', 'POINTS_PER_1000', 'TARGET_COMPLETION'] as const) answers.push(await board(null, m, { scope, metric, first: 20 }));
    answers.push(await board(null, m, { scope: 'COMMUNE', aroundUnitId: haLong, first: 5, from: '2026-10-01', to: '2026-10-31' }));
    answers.push(dataOf(await t.gql(TARGET_PROGRESS, { movementId: m, unitId: String(haLong) })));
    answers.push(dataOf(await t.gql(`query($m: ID!, $u: ID!) { unitDailyPoints(movementId: $m, unitId: $u) { date points classes assists quizzes attendees } }`, { m, u: String(quangNinh) })));
    for (const format of ['csv', 'xlsx']) {
      const res = await fetch(`${t.url}/api/export/leaderboard.${format}?movementId=${m}&scope=UNIT`);
      expect(res.status).toBe(200);
      answers.push(format === 'csv' ? await res.text() : await xlsxText(Buffer.from(await res.arrayBuffer())));
    }
    const text = JSON.stringify(answers);
    expect(text).toContain(String(haLong)); // the answers are not empty
    for (const s of [...personalStrings, ...namesInActivities, NATIONAL_ID]) expect(text).not.toContain(s);
  });

  it('exposes no person type anywhere under a public leaderboard or target answer', async () => {
    const intro = dataOf(await t.gql(`{ __schema { types { name kind fields { name type { ...T } } } } } fragment T on __Type { name kind ofType { name kind ofType { name kind ofType { name kind } } } }`));
    const types = new Map<string, { fields: { name: string; type: any }[] | null }>(intro.__schema.types.map((x: any) => [x.name, x]));
    const named = (ty: any): string => (ty.ofType ? named(ty.ofType) : ty.name);
    const reachable = new Set<string>();
    const walk = (name: string) => {
      if (reachable.has(name)) return;
      reachable.add(name);
      for (const f of types.get(name)?.fields ?? []) walk(named(f.type));
    };
    for (const root of ['Leaderboard', 'TargetProgressView', 'DailyPoints']) walk(root);
    expect(reachable.has('Unit')).toBe(true);
    for (const person of ['User', 'Citizen', 'Activity', 'Household']) expect(reachable.has(person)).toBe(false);
    const fieldNames = [...reachable].flatMap((n) => (types.get(n)?.fields ?? []).map((f) => f.name));
    expect(fieldNames.filter((f) => /username|displayName|instructor|helper|nationalId|recordedBy|reviewedBy/i.test(f))).toEqual([]);
  });

  it("answers NOT_FOUND to an anonymous user asking for a DRAFT movement's board", async () => {
    const draft = await createMovement();
    const anonymous = await t.gql(LEADERBOARD, { movementId: draft, scope: 'COMMUNE' });
    expect(errorCodes(anonymous)).toEqual(['NOT_FOUND']);
    expect(anonymous.data?.leaderboard ?? null).toBeNull();
    // the movement exists: its organizer's admin can see the draft board
    expect((await board(admin, draft, { scope: 'COMMUNE', first: 1 })).entries).toHaveLength(1);
  });

  it("answers NOT_FOUND to an anonymous user asking for a DRAFT movement's targets and exports", async () => {
    const draft = await createMovement({ targets: [{ title: 'Số lớp học', measure: 'CLASSES_HELD', level: 5 }] });
    expect(errorCodes(await t.gql(TARGET_PROGRESS, { movementId: draft, unitId: String(haLong) }))).toEqual(['NOT_FOUND']);
    for (const path of [`leaderboard.csv?movementId=${draft}&scope=COMMUNE`, `leaderboard.xlsx?movementId=${draft}&scope=COMMUNE`, `targets.csv?movementId=${draft}&unitId=${haLong}`]) {
      const res = await fetch(`${t.url}/api/export/${path}`);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});

describe('closing a movement', () => {
  let m: string;
  let group: number;
  const live: Record<string, Board> = {};
  const closed: Record<string, Board> = {};
  const afterRevoke: Record<string, Board> = {};
  let revoked: { id: string; points: number };
  let kept: number;
  let other: number;
  let groupPoints: number;
  let closedCsv: string;
  let csvAfterRevoke: string;

  const views: Record<string, BoardArgs> = {
    communes: { scope: 'COMMUNE', withinUnitId: 0, first: 3 },
    provinces: { scope: 'PROVINCE', first: 2 },
    perThousand: { scope: 'COMMUNE', metric: 'POINTS_PER_1000', withinUnitId: 0, first: 3 },
    completion: { scope: 'COMMUNE', metric: 'TARGET_COMPLETION', withinUnitId: 0, first: 3 },
    groups: { scope: 'UNIT', unitKind: 'RESIDENTIAL_GROUP', withinUnitId: 0, first: 3 },
  };

  async function snapshot(into: Record<string, Board>) {
    for (const [name, args] of Object.entries(views)) into[name] = await board(null, m, args);
  }

  beforeAll(async () => {
    views.communes.withinUnitId = quangNinh;
    views.perThousand.withinUnitId = quangNinh;
    views.completion.withinUnitId = quangNinh;
    views.groups.withinUnitId = haLong;
    await t.db.execute(sql`update units set population = 50000 where id in (${haLong}, ${baiChay})`);
    m = await activeMovement({ targets: [{ title: 'Số lớp học', measure: 'CLASSES_HELD', level: 4 }], competingKinds: ['COMMUNE', 'ORGANIZATION', 'RESIDENTIAL_GROUP'] });
    group = (await insertUnit(t.db, { parentId: haLong, kind: 'RESIDENTIAL_GROUP', name: 'Tổ dân phố 1', fullName: 'Tổ dân phố 1, phường Hạ Long' })).id;
    revoked = await awardClass(m, await orgIn(haLong), '2026-10-05', 30); // 25
    kept = (await awardClass(m, await orgIn(haLong), '2026-10-06', 10)).points; // 15
    groupPoints = (await awardClass(m, group, '2026-10-06', 2)).points; // 11
    other = (await awardClass(m, await orgIn(baiChay), '2026-10-07', 40)).points; // 30
    await snapshot(live);
    await closeMovement(m);
    await snapshot(closed);
    closedCsv = await (await fetch(`${t.url}/api/export/leaderboard.csv?movementId=${m}&scope=COMMUNE&withinUnitId=${quangNinh}`)).text();
    const { leader } = await staffFor(haLong);
    dataOf(await leader.gql(REVOKE, { id: revoked.id, reason: 'Kiểm tra sau khi kết thúc: khai khống số người' }));
    await snapshot(afterRevoke);
    csvAfterRevoke = await (await fetch(`${t.url}/api/export/leaderboard.csv?movementId=${m}&scope=COMMUNE&withinUnitId=${quangNinh}`)).text();
  });

  it('publishes the final standings with frozen: true once the movement is closed', async () => {
    expect(live.communes.frozen).toBe(false);
    expect(closed.communes.frozen).toBe(true);
    const haLongPoints = revoked.points + kept + groupPoints;
    expect(haLongPoints).toBeGreaterThan(other);
    expect(closed.communes.entries.slice(0, 2).map((e) => [e.rank, e.unit.id, e.points])).toEqual([
      [1, String(haLong), haLongPoints],
      [2, String(baiChay), other],
    ]);
  });

  it('keeps the closed board when an activity is revoked afterwards, although the live totals change', async () => {
    const [row] = await queryRows<{ points: string }>(t.db, sql`select points from unit_movement_totals where movement_id = ${m} and unit_id = ${await orgIn(haLong)}`);
    expect(Number(row.points)).toBeCloseTo(kept, 2); // the revocation did reach the ledger
    expect(afterRevoke.communes.frozen).toBe(true);
    expect(afterRevoke.communes.entries.map((e) => [e.rank, e.unit.id, e.points])).toEqual(closed.communes.entries.map((e) => [e.rank, e.unit.id, e.points]));
    expect(afterRevoke.provinces.entries.map((e) => [e.rank, e.unit.id, e.points])).toEqual(closed.provinces.entries.map((e) => [e.rank, e.unit.id, e.points]));
  });

  it('keeps the per-1000 board of a closed movement after a revoke', async () => {
    expect(afterRevoke.perThousand.entries.map((e) => [e.rank, e.unit.id, e.value])).toEqual(closed.perThousand.entries.map((e) => [e.rank, e.unit.id, e.value]));
  });

  it("keeps a closed board's class and attendee counts after a revoke", async () => {
    const counts = (b: Board) => b.entries.map((e) => [e.unit.id, e.classes, e.attendees]);
    expect(counts(afterRevoke.communes)).toEqual(counts(closed.communes));
  });

  it('keeps the target-completion board of a closed movement after a revoke', async () => {
    expect(closed.completion.frozen).toBe(true);
    const values = (b: Board) => b.entries.map((e) => [e.rank, e.unit.id, e.value]);
    expect(values(afterRevoke.completion)).toEqual(values(closed.completion));
  });

  it('keeps the points of residential groups on the closed board', async () => {
    expect(live.groups.entries.map((e) => [e.unit.id, e.points])).toEqual([[String(group), groupPoints]]);
    expect(closed.groups.entries.map((e) => [e.unit.id, e.points])).toEqual([[String(group), groupPoints]]);
  });

  it('exports the same final standings before and after a revoke, marked as final', async () => {
    expect(csvAfterRevoke).toBe(closedCsv);
    expect(closedCsv).toMatch(/chốt|cuối cùng/i);
  });
});

describe('target progress', () => {
  let m: string;
  const days = () => [addDays(today, -22), addDays(today, -13), addDays(today, -3)];
  const attendees = [30, 30, 40];
  const ADULTS = 1000;

  beforeAll(async () => {
    await t.db.execute(sql`update units set adult_population = ${ADULTS} where id = ${haLong}`);
    m = await activeMovement({
      targets: [
        { title: '50% người trưởng thành được tập huấn kỹ năng số', measure: 'ADULTS_TRAINED', level: 0.5 },
        { title: 'Tổ chức 2 lớp học', measure: 'CLASSES_HELD', level: 2 },
      ],
    });
    const org = await orgIn(haLong);
    for (let i = 0; i < 3; i++) await awardClass(m, org, days()[i], attendees[i]);
  });

  async function progress() {
    return dataOf(await t.gql(TARGET_PROGRESS, { movementId: m, unitId: String(haLong) })).targetProgress as {
      target: { title: string; measure: string; level: number };
      value: number | null;
      completion: number | null;
      reached: boolean;
      projectedOn: string | null;
      trend: { date: string; value: number }[];
    }[];
  }

  it('reports the share of adults trained and the completion of the target', async () => {
    const adults = (await progress()).find((p) => p.target.measure === 'ADULTS_TRAINED')!;
    const share = sum(attendees) / ADULTS;
    expect(adults.value).toBeCloseTo(share, 6);
    expect(adults.completion).toBeCloseTo((share / 0.5) * 100, 2);
    expect(adults.reached).toBe(false);
  });

  it('reports the cumulative trend day by day', async () => {
    const adults = (await progress()).find((p) => p.target.measure === 'ADULTS_TRAINED')!;
    let acc = 0;
    const expected = days().map((date, i) => ({ date, value: (acc += attendees[i]) / ADULTS }));
    expect(adults.trend.map((p) => p.date)).toEqual(expected.map((p) => p.date));
    adults.trend.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i].value, 6));
  });

  it('projects the date the target will be reached at the current pace', async () => {
    const adults = (await progress()).find((p) => p.target.measure === 'ADULTS_TRAINED')!;
    // all readings lie inside the last 28 days: the pace is the straight line from the first reading to today
    const first = attendees[0] / ADULTS;
    const now = sum(attendees) / ADULTS;
    const perDay = (now - first) / 22;
    const expected = addDays(today, Math.ceil((0.5 - now) / perDay));
    expect(adults.projectedOn).not.toBeNull();
    const diff = Math.abs((Date.parse(adults.projectedOn!) - Date.parse(expected)) / 86_400_000);
    expect(diff).toBeLessThanOrEqual(1);
    expect(adults.projectedOn! > today).toBe(true);
  });

  it('says TOO_SLOW with no date when the pace would take centuries (it once answered 16323-12-29, which broke the query)', async () => {
    const commune = otherQnCommunes[5].id;
    const [{ adult_population: before }] = await queryRows<{ adult_population: number | null }>(t.db, sql`select adult_population from units where id = ${commune}`);
    await t.db.execute(sql`update units set adult_population = 50000000 where id = ${commune}`);
    try {
      const slow = await activeMovement({ targets: [{ title: '90% người trưởng thành được tập huấn', measure: 'ADULTS_TRAINED', level: 0.9, deadline: '2026-12-31' }] });
      const org = await orgIn(commune);
      await awardClass(slow, org, days()[0], 30);
      await awardClass(slow, org, days()[2], 30);
      const result = await t.gql(
        `query($movementId: ID!, $unitId: ID!) { targetProgress(movementId: $movementId, unitId: $unitId) { reached projectedOn pace } movementTotals(movementId: $movementId) { targets { projectedOn pace } } }`,
        { movementId: slow, unitId: String(commune) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.targetProgress).toEqual([{ reached: false, projectedOn: null, pace: 'TOO_SLOW' }]);
      for (const target of result.data.movementTotals.targets) expect(target.projectedOn === null || target.projectedOn <= '2100-12-31').toBe(true);
      // the pace of the steady target above is a date, said so
      const steady = dataOf(await t.gql(`query($movementId: ID!, $unitId: ID!) { targetProgress(movementId: $movementId, unitId: $unitId) { target { measure } pace } }`, { movementId: m, unitId: String(haLong) })).targetProgress;
      expect(steady.map((p: { target: { measure: string }; pace: string }) => [p.target.measure, p.pace]).sort()).toEqual([['ADULTS_TRAINED', 'PROJECTED'], ['CLASSES_HELD', 'REACHED']]);
    } finally {
      await t.db.execute(sql`update units set adult_population = ${before} where id = ${commune}`);
    }
  });

  it('reports a reached target as 100 % with the date it was reached', async () => {
    const classes = (await progress()).find((p) => p.target.measure === 'CLASSES_HELD')!;
    expect(classes).toMatchObject({ value: 3, completion: 100, reached: true, projectedOn: days()[1] });
  });
});

describe('share of officers trained', () => {
  let m: string;
  let commune: number;

  /** a quiz written straight to the table (of a movement, or general with null) */
  async function quiz(movementId: string | null): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into quizzes (movement_id, title, topics, question_count, pass_score) values (${movementId}::uuid, 'Kiểm tra cán bộ', array['AI_BASICS'], 5, 60) returning id::text`,
    );
    return row.id;
  }
  async function attempt(quizId: string, user: { id: string }, unitId: number, passed: boolean) {
    await t.db.execute(sql`insert into quiz_attempts (quiz_id, user_id, unit_id, drawn, score, passed, submitted_at)
                           values (${quizId}::uuid, ${user.id}::uuid, ${unitId}, '[]'::jsonb, ${passed ? 90 : 20}, ${passed}, now())`);
  }

  beforeAll(async () => {
    m = await activeMovement({ targets: [{ title: '100% cán bộ, chiến sĩ sử dụng thành thạo công cụ AI cơ bản', measure: 'OFFICERS_TRAINED', level: 1 }] });
    const other = await createMovement();
    commune = otherQnCommunes[otherQnCommunes.length - 1].id;
    const police = (await insertUnit(t.db, { parentId: commune, kind: 'ORGANIZATION', name: 'Công an xã (thử nghiệm)', subtype: 'công an xã' })).id;
    const youth = (await insertUnit(t.db, { parentId: commune, kind: 'ORGANIZATION', name: 'Đoàn xã (thử nghiệm)', subtype: 'đoàn xã' })).id;
    const [o1, o2, o3, leader, gone, citizen] = [
      await newUser(t.db, { role: 'OFFICER', unitId: police }),
      await newUser(t.db, { role: 'OFFICER', unitId: police }),
      await newUser(t.db, { role: 'OFFICER', unitId: youth }),
      await newUser(t.db, { role: 'LEADER', unitId: commune }),
      await newUser(t.db, { role: 'OFFICER', unitId: youth }),
      await newUser(t.db, { role: 'CITIZEN', unitId: youth }),
    ];
    await t.db.execute(sql`update users set disabled_at = now() where id = ${gone.id}::uuid`);
    const ofMovement = await quiz(m);
    const general = await quiz(null);
    const ofAnother = await quiz(other);
    await attempt(ofMovement, o1, police, true); // trained
    await attempt(general, leader, commune, true); // trained (a general quiz counts)
    await attempt(ofAnother, o2, police, true); // another movement's quiz: not counted
    await attempt(ofMovement, o3, youth, false); // failed
    await attempt(ofMovement, gone, youth, true); // disabled account: not staff any more
    await attempt(ofMovement, citizen, youth, true); // not staff
  });

  it('reports the share of active officers and leaders who passed a quiz of the movement or a general one', async () => {
    const [p] = dataOf(await t.gql(TARGET_PROGRESS, { movementId: m, unitId: String(commune) })).targetProgress;
    expect(p.target.measure).toBe('OFFICERS_TRAINED');
    expect(p.value).toBeCloseTo(2 / 4, 6);
    expect(p.completion).toBe(50);
    expect(p.reached).toBe(false);
    expect(p.note).toContain('2/4');
  });

  it('ranks the commune by that share on the target-completion board, and leaves communes without staff unranked', async () => {
    const b = await board(null, m, { scope: 'COMMUNE', metric: 'TARGET_COMPLETION', withinUnitId: quangNinh, first: 500 });
    expect(entryOf(b, commune)).toMatchObject({ rank: 1, value: 50 });
    expect(b.unranked.some((u) => u.unit.id === String(otherQnCommunes[0].id))).toBe(true);
  });
});

// ---------------------------------------------------------------- exports

async function xlsxRows(buffer: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

async function xlsxText(buffer: Buffer): Promise<string> {
  return JSON.stringify(await xlsxRows(buffer));
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF), after the UTF-8 BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/** The table of an export: the lines above the header, the header, and the data rows. */
function splitTable(rows: unknown[][]) {
  const headerIndex = rows.findIndex((r) => r.some((c) => String(c ?? '').trim() === 'Hạng'));
  expect(headerIndex, 'a header row with "Hạng"').toBeGreaterThanOrEqual(0);
  const header = rows[headerIndex].map((c) => String(c ?? '').trim());
  const data = rows.slice(headerIndex + 1).filter((r) => r.some((c) => c != null && String(c) !== ''));
  return { preamble: rows.slice(0, headerIndex).flat().map((c) => String(c ?? '')).join('\n'), header, data };
}

function boardRowsOf(table: ReturnType<typeof splitTable>) {
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    expect(i, `column "${name}"`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const [rank, unit, points] = [col('Hạng'), col('Đơn vị'), col('Tổng điểm')];
  return table.data.map((r) => [Number(r[rank]), String(r[unit]), Number(r[points])]);
}

describe('exports', () => {
  let m: string;
  const period = { from: '2026-10-10', to: '2026-10-25' };
  let graphqlBoard: Board;

  beforeAll(async () => {
    m = await activeMovement({ targets: [{ title: 'Tổ chức 10 lớp học', measure: 'CLASSES_HELD', level: 10 }] });
    await awardClass(m, await orgIn(haLong), '2026-10-12', 30);
    await awardClass(m, await orgIn(baiChay), '2026-10-13', 30); // tied with Hạ Long
    await awardClass(m, await orgIn(otherQnCommunes[0].id), '2026-10-20', 55);
    await awardClass(m, await orgIn(otherQnCommunes[1].id), '2026-10-02', 55); // outside the period
    await awardClass(m, await orgIn(longCoc), '2026-10-15', 45); // another province
    graphqlBoard = await board(null, m, { scope: 'COMMUNE', withinUnitId: quangNinh, ...period, first: 200 });
  });

  const query = () => `movementId=${m}&scope=COMMUNE&metric=POINTS&from=${period.from}&to=${period.to}&withinUnitId=${quangNinh}`;

  async function download(format: 'xlsx' | 'csv', q = query()) {
    const res = await fetch(`${t.url}/api/export/leaderboard.${format}?${q}`);
    expect(res.status).toBe(200);
    return res;
  }

  it('serves the XLSX as a spreadsheet attachment', async () => {
    const res = await download('xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/attachment;.*\.xlsx/);
    // the file is named in Vietnamese (without diacritics), not after the API's enum
    expect(res.headers.get('content-disposition')).toContain(`xep-hang-xa-phuong-${period.from}-${period.to}.xlsx`);
    await res.arrayBuffer();
  });

  it('writes Vietnamese column headers in the XLSX', async () => {
    const table = splitTable(await xlsxRows(Buffer.from(await (await download('xlsx')).arrayBuffer())));
    expect(table.header).toEqual(expect.arrayContaining(['Hạng', 'Đơn vị', 'Tổng điểm']));
  });

  it('states the period and the metric above the XLSX table', async () => {
    const table = splitTable(await xlsxRows(Buffer.from(await (await download('xlsx')).arrayBuffer())));
    expect(table.preamble).toMatch(/10\/10\/2026|2026-10-10/);
    expect(table.preamble).toMatch(/25\/10\/2026|2026-10-25/);
    expect(table.preamble).toMatch(/Tổng điểm/);
  });

  it('states the per-1000 metric when that board is exported', async () => {
    const table = splitTable(await xlsxRows(Buffer.from(await (await download('xlsx', query().replace('metric=POINTS', 'metric=POINTS_PER_1000'))).arrayBuffer())));
    expect(table.preamble).toMatch(/1[.,]?000 dân/);
  });

  it('has XLSX rows equal to the GraphQL board (rank, unit, points)', async () => {
    const rows = boardRowsOf(splitTable(await xlsxRows(Buffer.from(await (await download('xlsx')).arrayBuffer()))));
    expect(rows).toEqual(graphqlBoard.entries.map((e) => [e.rank, e.unit.fullName, e.points]));
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual([1, 2, 2]);
  });

  it('writes Vietnamese column headers in the CSV, as UTF-8 with a BOM', async () => {
    const res = await download('csv');
    expect(res.headers.get('content-type')).toMatch(/text\/csv.*utf-8/i);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Response.text() would hide the BOM
    const table = splitTable(parseCsv(bytes.toString('utf8')));
    expect(table.header).toEqual(expect.arrayContaining(['Hạng', 'Đơn vị', 'Tổng điểm']));
  });

  it('states the period and the metric above the CSV table', async () => {
    const table = splitTable(parseCsv(await (await download('csv')).text()));
    expect(table.preamble).toMatch(/10\/10\/2026|2026-10-10/);
    expect(table.preamble).toMatch(/25\/10\/2026|2026-10-25/);
    expect(table.preamble).toMatch(/Tổng điểm/);
  });

  it('names the movement above the XLSX table', async () => {
    const { title } = dataOf(await t.gql(`query($id: ID!) { movement(id: $id) { title } }`, { id: m })).movement;
    const table = splitTable(await xlsxRows(Buffer.from(await (await download('xlsx')).arrayBuffer())));
    expect(table.preamble).toContain(title);
  });

  it('names the movement above the CSV table', async () => {
    const { title } = dataOf(await t.gql(`query($id: ID!) { movement(id: $id) { title } }`, { id: m })).movement;
    const table = splitTable(parseCsv(await (await download('csv')).text()));
    expect(table.preamble).toContain(title);
  });

  it('has CSV rows equal to the GraphQL board (rank, unit, points)', async () => {
    const rows = boardRowsOf(splitTable(parseCsv(await (await download('csv')).text())));
    expect(rows).toEqual(graphqlBoard.entries.map((e) => [e.rank, e.unit.fullName, e.points]));
  });

  it('exports every ranked commune of the national board, not only the first page', async () => {
    const national = await board(null, m, { scope: 'COMMUNE', first: 1 });
    const rows = splitTable(parseCsv(await (await download('csv', `movementId=${m}&scope=COMMUNE`)).text())).data;
    expect(rows).toHaveLength(national.totalCount);
  });

  it('exports target progress as XLSX with Vietnamese headers and the values of targetProgress', async () => {
    const res = await fetch(`${t.url}/api/export/targets.xlsx?movementId=${m}&unitId=${quangNinh}`);
    expect(res.status).toBe(200);
    const rows = await xlsxRows(Buffer.from(await res.arrayBuffer()));
    const headerIndex = rows.findIndex((r) => r.some((c) => String(c ?? '') === 'Chỉ tiêu'));
    expect(headerIndex).toBeGreaterThanOrEqual(0);
    const header = rows[headerIndex].map((c) => String(c ?? ''));
    expect(header).toEqual(expect.arrayContaining(['Chỉ tiêu', '% hoàn thành', 'Dự kiến đạt']));
    const progress = dataOf(await t.gql(TARGET_PROGRESS, { movementId: m, unitId: String(quangNinh) })).targetProgress;
    const data = rows.slice(headerIndex + 1).filter((r) => r.length);
    expect(data.map((r) => [r[header.indexOf('Chỉ tiêu')], r[header.indexOf('% hoàn thành')]])).toEqual(
      progress.map((p: { target: { title: string }; completion: number }) => [p.target.title, p.completion]),
    );
    // 4 classes in Quảng Ninh of 10
    expect(progress[0].completion).toBeCloseTo(40, 2);
  });

  it('exports target progress as CSV with the same rows', async () => {
    const res = await fetch(`${t.url}/api/export/targets.csv?movementId=${m}&unitId=${quangNinh}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const headerIndex = rows.findIndex((r) => r.includes('Chỉ tiêu'));
    const header = rows[headerIndex];
    const data = rows.slice(headerIndex + 1).filter((r) => r.some(Boolean));
    expect(data.map((r) => [r[header.indexOf('Chỉ tiêu')], Number(r[header.indexOf('% hoàn thành')])])).toEqual([['Tổ chức 10 lớp học', 40]]);
  });
});
