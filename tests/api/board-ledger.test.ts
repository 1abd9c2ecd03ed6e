import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { rankStandings, roundPoints } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { LeaderboardEngine } from '@thidua/api/src/modules/leaderboards/leaderboards.service';
import { findMovement } from '@thidua/api/src/modules/movements/movements.queries';
import { GqlClient, dataOf, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Boards equal a full recompute from the points ledger (issue 17): after 300 random approvals and
 * revocations, read in between so that cached boards are brought up to date change by change (not
 * ranked again) and kept candidates and previous ranks are in play, every board the API serves
 * ranks the same units with the same points as ranking the ledger's sums directly, and its
 * per-1,000 boards equal the same boards ranked from scratch by a new engine.
 */

const OPS = 300;
const RANGE = { from: '2026-10-01', to: '2026-10-31' };

let t: TestApp;
let officer: GqlClient;
let leader: GqlClient;
let movementId: string;
/** the units activities are recorded for: communes themselves and an organization under each */
const units: number[] = [];

/** deterministic pseudo-random numbers (mulberry32), so a failure can be replayed */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const communes = await queryRows<{ id: number }>(
    t.db,
    sql`select c.id from units c join units p on p.id = c.province_id where c.kind = 'COMMUNE' and p.code in ('01', '22', '79') order by c.id`,
  );
  // 4 communes in each of 3 provinces, spread over their id range
  const picked = [0, 1, 2].flatMap((p) => [0, 7, 19, 31].map((i) => communes[Math.floor((p * communes.length) / 3) + i]));
  for (const c of picked) {
    units.push(Number(c.id));
    units.push((await insertUnit(t.db, { parentId: Number(c.id), kind: 'ORGANIZATION', name: `Tổ công nghệ số ${c.id}`, subtype: 'tổ công nghệ số cộng đồng' })).id);
  }
  const a = await newUser(t.db, { role: 'ADMIN' });
  const o = await newUser(t.db, { role: 'OFFICER' });
  const l = await newUser(t.db, { role: 'LEADER' });
  const admin = await t.as(a.username, a.password);
  officer = await t.as(o.username, o.password);
  leader = await t.as(l.username, l.password);
  movementId = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: 'Bình dân học vụ số — đối chiếu sổ điểm', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['COMMUNE', 'ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    }),
  ).createMovement.id;
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
});

afterAll(() => t?.close());

interface Entry { rank: number; points: number; unit: { id: string } }

/** the boards read between writes, in turn */
const READS = ['scope: COMMUNE', `scope: COMMUNE, from: "${RANGE.from}", to: "${RANGE.to}"`, 'scope: PROVINCE', 'scope: UNIT', `scope: PROVINCE, from: "${RANGE.from}", to: "${RANGE.to}"`];

async function board(args: string): Promise<Entry[]> {
  const r = dataOf(await t.gql(`{ leaderboard(movementId: "${movementId}", ${args}, first: 200) { entries { rank points unit { id } } } }`));
  return r.leaderboard.entries;
}

/** The same board ranked from points_ledger sums: every candidate, its subtree's points in the period. */
async function fromLedger(scope: 'PROVINCE' | 'COMMUNE' | 'UNIT', period?: { from: string; to: string }): Promise<Entry[]> {
  const kind = scope === 'UNIT' ? 'ORGANIZATION' : scope;
  const candidates = await queryRows<{ id: number; full_name: string; code: string | null }>(t.db, sql`select id, full_name, code from units where kind = ${kind}`);
  const sums = await queryRows<{ id: number; points: string }>(
    t.db,
    sql`select c.id, sum(l.points)::text as points
        from points_ledger l join units d on d.id = l.unit_id join units c on d.path @> array[c.id] and c.kind = ${kind}
        where l.movement_id = ${movementId} ${period ? sql`and l.occurred_on between ${period.from}::date and ${period.to}::date` : sql``}
        group by c.id`,
  );
  const points = new Map(sums.map((s) => [Number(s.id), roundPoints(Number(s.points))]));
  const { ranked } = rankStandings(candidates.map((c) => ({ unitId: String(c.id), value: points.get(Number(c.id)) ?? 0, points: points.get(Number(c.id)) ?? 0, name: c.full_name, code: c.code })));
  return ranked.slice(0, 200).map((r) => ({ rank: r.rank, points: r.points, unit: { id: r.unitId } }));
}

/** A per-1,000 board as served, and the same board ranked from scratch by an engine with nothing cached. */
async function expectPerThousandFresh(scope: 'PROVINCE' | 'COMMUNE', when: string) {
  const served = dataOf(await t.gql(`{ leaderboard(movementId: "${movementId}", scope: ${scope}, metric: POINTS_PER_1000, first: 200) { entries { rank value points unit { id } } } }`)).leaderboard.entries;
  const movement = (await findMovement(t.db, movementId))!;
  const fresh = await new LeaderboardEngine().compute(t.db, movement, { scope, metric: 'POINTS_PER_1000' }, null);
  expect(served.filter((e: { value: number }) => e.value > 0).length, `${scope} per 1,000 ranks units with points`).toBeGreaterThan(1);
  expect(served, `${scope} per 1,000, ${when}`).toEqual(fresh.ranked.slice(0, 200).map((e) => ({ rank: e.rank, value: e.value, points: e.points, unit: { id: String(e.unitId) } })));
}

async function expectBoardsEqualLedger(when: string) {
  expect(await board('scope: COMMUNE'), `national commune board, ${when}`).toEqual(await fromLedger('COMMUNE'));
  expect(await board('scope: PROVINCE'), `province board, ${when}`).toEqual(await fromLedger('PROVINCE'));
  expect(await board('scope: UNIT'), `organization board, ${when}`).toEqual(await fromLedger('UNIT'));
  expect(await board(`scope: COMMUNE, from: "${RANGE.from}", to: "${RANGE.to}"`), `commune board ${RANGE.from}…${RANGE.to}, ${when}`).toEqual(await fromLedger('COMMUNE', RANGE));
  expect(await board(`scope: PROVINCE, from: "${RANGE.from}", to: "${RANGE.to}"`), `province board ${RANGE.from}…${RANGE.to}, ${when}`).toEqual(await fromLedger('PROVINCE', RANGE));
  await expectPerThousandFresh('COMMUNE', when);
  await expectPerThousandFresh('PROVINCE', when);
}

it(`serves boards equal to a recompute from the ledger after ${OPS} random approvals and revocations`, { timeout: 300_000 }, async () => {
  const rnd = random(17);
  const approved: string[] = [];
  let revoked = 0;
  for (let op = 1; op <= OPS; op++) {
    if (approved.length > 3 && rnd() < 0.3) {
      const [id] = approved.splice(Math.floor(rnd() * approved.length), 1);
      dataOf(await leader.gql(`mutation($id: ID!, $r: String!) { revokeActivity(id: $id, reason: $r) { status } }`, { id, r: 'Đối chiếu: thu hồi ngẫu nhiên' }));
      revoked++;
    } else {
      const id = randomUUID();
      const unitId = units[Math.floor(rnd() * units.length)];
      const heldOn = new Date(Date.parse('2026-09-01') + Math.floor(rnd() * 90) * 86_400_000).toISOString().slice(0, 10);
      dataOf(
        await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, {
          input: { id, movementId, unitId: String(unitId), heldOn, attendeeCount: 5 + Math.floor(rnd() * 40), topics: ['VNEID'] },
        }),
      );
      const approval = leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id });
      // now and then the approval races readers of every board (updates shared, chained, or started across it)
      if (op % 25 === 0) await Promise.all([...READS, ...READS].map((args) => board(args)));
      const r = dataOf(await approval).reviewActivity;
      expect(r.status).toBe('APPROVED');
      approved.push(id);
    }
    // boards read between the writes: cached, then brought up to date with the changes since
    if (op % 5 === 0) await board(READS[(op / 5) % READS.length]!);
    if (op % 7 === 0) await t.gql(`{ leaderboard(movementId: "${movementId}", scope: ${op % 14 ? 'COMMUNE' : 'PROVINCE'}, metric: POINTS_PER_1000, first: 5) { totalCount } }`);
    if (op % 100 === 0) await expectBoardsEqualLedger(`after ${op} operations`);
  }
  expect(revoked).toBeGreaterThan(30);
  expect((await board('scope: COMMUNE')).filter((e) => e.points !== 0).length).toBeGreaterThan(5);
});
