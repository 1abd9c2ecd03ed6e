import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { vietnamDateOf } from '@thidua/domain';
import { GqlClient, dataOf, startTestApp, type TestApp } from '../support/harness';
import { newUser, openCommuneMovement } from '../support/factories';

/*
 * Issue 17, reads that don't pay for writes: a kept anonymous board answer is sent again after an
 * approval when the page it shows did not move (checked against the board brought up to date), and
 * computed again when it did. Whatever the path, an anonymous reader gets exactly what a fresh
 * computation gives (a signed-in reader never reads kept answers): checked after every step of a
 * random stream of approvals and revocations.
 */

const ENTRY = 'rank position previousRank rankChange points value classes attendees assists confirmed satisfaction unit { id name }';
const BOARD = `query($m: ID!, $scope: LeaderboardScope!, $first: Int, $around: ID, $from: Date, $to: Date) {
  leaderboard(movementId: $m, scope: $scope, first: $first, aroundUnitId: $around, from: $from, to: $to) {
    totalCount offset from to frozen entries { ${ENTRY} } unranked { points unit { id } }
  }
}`;

let t: TestApp;
let admin: GqlClient;
let officer: GqlClient;
let leader: GqlClient;
let movementId: string;
let communes: number[];

async function publicAnswers(): Promise<Record<string, number>> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^thidua_public_answers_total\{result="(\w+)"\} (\d+)/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

async function approvedAssist(communeId: number): Promise<string> {
  const id = randomUUID();
  dataOf(await officer.gql(`mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`, {
    input: { id, movementId, unitId: String(communeId), helpedOn: vietnamDateOf(new Date()), service: 'VNEID_L2' },
  }));
  dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id }));
  return id;
}

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const [haLong] = await queryRows<{ id: number; parent: number }>(t.db, sql`select id, parent_id as parent from units where code = '06688'`);
  communes = (await queryRows<{ id: number }>(t.db, sql`select id from units where parent_id = ${haLong.parent} and kind = 'COMMUNE' order by id limit 5`)).map((r) => r.id);
  const a = await newUser(t.db, { role: 'ADMIN' });
  const o = await newUser(t.db, { role: 'OFFICER', unitId: haLong.parent });
  const l = await newUser(t.db, { role: 'LEADER', unitId: haLong.parent });
  admin = await t.as(a.username, a.password);
  officer = await t.as(o.username, o.password);
  leader = await t.as(l.username, l.password);
  movementId = await openCommuneMovement(admin, 'Bảng công khai được kiểm lại');
});
afterAll(() => t?.close());

describe('kept board answers after points change', () => {
  it('sends a kept page again when an approval does not move it, and computes it again when one does', async () => {
    // the top commune far ahead of the rest
    for (let i = 0; i < 3; i++) await approvedAssist(communes[0]);
    const top = { m: movementId, scope: 'COMMUNE', first: 1 };
    const first = await t.gql(BOARD, top);
    expect(dataOf(first).leaderboard.entries[0].unit.id).toBe(String(communes[0]));
    const before = await publicAnswers();
    // an approval below the page: the page is the same, the kept answer goes out again
    await approvedAssist(communes[1]);
    const again = await t.gql(BOARD, top);
    expect(again.headers.get('age')).not.toBeNull();
    expect(dataOf(again)).toEqual(dataOf(first));
    expect((await publicAnswers()).revalidated ?? 0).toBe((before.revalidated ?? 0) + 1);
    // an approval on the page: computed again, with the new points
    await approvedAssist(communes[0]);
    const moved = await t.gql(BOARD, top);
    expect(moved.headers.get('age')).toBeNull();
    expect(dataOf(moved).leaderboard.entries[0].points).toBeGreaterThan(dataOf(first).leaderboard.entries[0].points);
  });

  it('never sends a kept page after a change of structure (a population corrected), even when the points did not move', async () => {
    const board = `query($m: ID!) { leaderboard(movementId: $m, scope: COMMUNE, first: 1) { entries { points unit { id population } } } }`;
    const kept = dataOf(await t.gql(board, { m: movementId })).leaderboard.entries[0];
    const population = (kept.unit.population ?? 10_000) + 137;
    dataOf(await admin.gql(`mutation($id: ID!, $population: Int!) { updateUnit(id: $id, input: { population: $population, denominatorsSource: "Điều tra 2026" }) { id } }`, { id: kept.unit.id, population }));
    const after = await t.gql(board, { m: movementId });
    expect(after.headers.get('age')).toBeNull();
    expect(dataOf(after).leaderboard.entries[0]).toEqual({ points: kept.points, unit: { id: kept.unit.id, population } });
  });

  it('gives anonymous readers exactly what a fresh computation gives, through a random stream of approvals and revocations', async () => {
    const next = random(17);
    const boards = [
      { m: movementId, scope: 'COMMUNE', first: 2 },
      { m: movementId, scope: 'COMMUNE', first: 50 },
      { m: movementId, scope: 'PROVINCE', first: 5 },
      { m: movementId, scope: 'COMMUNE', first: 2, around: String(communes[2]) },
      { m: movementId, scope: 'COMMUNE', first: 3, from: vietnamDateOf(new Date()), to: vietnamDateOf(new Date()) },
    ];
    const approved: string[] = [];
    const counts = await publicAnswers();
    for (let step = 0; step < 40; step++) {
      if (approved.length && next() < 0.2) {
        const id = approved.splice(Math.floor(next() * approved.length), 1)[0];
        dataOf(await leader.gql(`mutation($id: ID!) { revokeActivity(id: $id, reason: "Kiểm tra lại: sai số liệu") { status } }`, { id }));
      } else approved.push(await approvedAssist(communes[Math.floor(next() * communes.length)]));
      for (const vars of boards) {
        const fresh = dataOf(await leader.gql(BOARD, vars)).leaderboard;
        // twice: the second is the kept answer, sent again or checked
        for (let i = 0; i < 2; i++) expect(dataOf(await t.gql(BOARD, vars)).leaderboard, `step ${step}, ${JSON.stringify(vars)}`).toEqual(fresh);
      }
    }
    const after = await publicAnswers();
    // the stream exercised both paths: kept answers sent again, and some checked unchanged
    expect((after.hit ?? 0) - (counts.hit ?? 0)).toBeGreaterThan(0);
    expect((after.revalidated ?? 0) - (counts.revalidated ?? 0)).toBeGreaterThan(0);
  });
});
