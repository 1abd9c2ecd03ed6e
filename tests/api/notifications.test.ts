import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { loadBadgeDefinitions } from '@thidua/api/src/modules/badges/badges.queries';
import { NotificationOutbox } from '@thidua/api/src/modules/notifications/notify';
import { pubSub } from '@thidua/api/src/graphql/pubsub';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Notifications (issue 15): who hears what — the recorder of an activity hears it was approved,
 * rejected (with the reason) or revoked; leaders get one summary of what waits for their review;
 * a citizen with an account hears of a badge; everyone in a movement's scope hears it opened and
 * closed. Nobody outside hears anything. Reading is the person's own: pages, unread count,
 * marking read, and the live subscription over graphql-ws.
 */

// `ws` ships no types here (see live.test.ts): load it untyped
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) => unknown;

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewActivity(id: $id, approve: $approve, reason: $reason) { id status points } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status } }`;
const LIST = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind title body link createdAt readAt } }
}`;
const COUNT = `{ unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;

interface Note {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

let t: TestApp;
let officer: GqlClient; // Đoàn phường Hạ Long (Quảng Ninh)
let officer2: GqlClient; // xã Long Cốc (Phú Thọ)
let leader: GqlClient; // tỉnh Quảng Ninh
let leaderPhuTho: GqlClient;
let admin: GqlClient;
let citizen: GqlClient;
let officerUnitId: string;
const userIds: Record<string, string> = {};
let quangNinhId: number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function userId(username: string): Promise<string> {
  return (await queryRows<{ id: string }>(t.db, sql`select id from users where username = ${username}`))[0].id;
}

/** The notifications of a user straight from the table (the API only shows one's own). */
async function rowsOf(id: string, kind?: string) {
  return queryRows<{ id: string; kind: string; body: string; subject_id: string | null; read_at: Date | null; data: any }>(
    t.db,
    sql`select id, kind, body, subject_id, read_at, data from notifications where user_id = ${id} ${kind ? sql`and kind = ${kind}` : sql``} order by created_at, id`,
  );
}

async function list(client: GqlClient, vars: Record<string, unknown> = {}): Promise<{ totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Note[] }> {
  return dataOf(await client.gql(LIST, vars)).notifications;
}

async function recordClass(): Promise<string> {
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_CLASS, { input: { id, movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: officerUnitId, heldOn: '2026-11-20', attendeeCount: 25, topics: ['VNEID'] } }));
  return id;
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await sleep(50);
  }
}

/** A graphql-ws subscriber to notificationAdded, signed in with a client's session cookie. */
class Listener {
  readonly received: Note[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private stop: () => void = () => {};
  readonly ready: Promise<void>;

  constructor(cookie: string | null) {
    const headers = cookie ? { cookie } : {};
    class WithCookie extends (WebSocket as any) {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    }
    let connected!: () => void;
    this.ready = new Promise((r) => (connected = r));
    this.client = createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WithCookie, retryAttempts: 0, lazy: false, on: { connected: () => connected() } });
    this.stop = this.client.subscribe<{ notificationAdded: Note }>(
      { query: `subscription { notificationAdded { id kind title body link createdAt readAt } }` },
      { next: (r) => (r.data ? this.received.push(r.data.notificationAdded) : this.errors.push(r.errors)), error: (e) => this.errors.push(e), complete: () => {} },
    );
  }

  async close() {
    this.stop();
    await this.client.dispose();
  }
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  await loadBadgeDefinitions(t.db);
  // whatever the demo seeding wrote: each test below starts from nobody having been told anything
  await t.db.delete(notifications);
  officer = await t.as('officer');
  officer2 = await t.as('officer2');
  leader = await t.as('leader');
  admin = await t.as('admin');
  citizen = await t.as('citizen');
  for (const u of ['officer', 'officer2', 'leader', 'admin', 'citizen', 'organizer']) userIds[u] = await userId(u);
  officerUnitId = dataOf(await officer.gql(`{ me { unit { id } } }`)).me.unit.id;
  quangNinhId = (await queryRows<{ id: number }>(t.db, sql`select id from units where code = '22'`))[0].id;
  const phuTho = (await queryRows<{ province_id: number }>(t.db, sql`select u.province_id from users x join units u on u.id = x.unit_id where x.username = 'officer2'`))[0].province_id;
  const lp = await newUser(t.db, { role: 'LEADER', unitId: phuTho });
  userIds.leaderPhuTho = lp.id;
  leaderPhuTho = await t.as(lp.username, lp.password);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('the officer hears what happened to their activities', () => {
  it('tells the recorder that their class was approved, with the points, and nobody else', async () => {
    const id = await recordClass();
    const points = dataOf(await leader.gql(REVIEW, { id, approve: true })).reviewActivity.points;
    const mine = (await list(officer)).nodes.filter((n) => n.kind === 'ACTIVITY_APPROVED');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: 'Hoạt động đã được duyệt', link: '/ghi-nhan', readAt: null });
    expect(mine[0].body).toContain(`+${String(points).replace('.', ',')} điểm`);
    expect(mine[0].body).toContain('20/11/2026');
    for (const other of ['officer2', 'leader', 'admin', 'citizen', 'organizer'])
      expect((await rowsOf(userIds[other])).filter((r) => r.subject_id === id), other).toEqual([]);
  });

  it('tells the recorder that their class was rejected, with the reason', async () => {
    const id = await recordClass();
    dataOf(await leader.gql(REVIEW, { id, approve: false, reason: 'Ảnh minh chứng không rõ' }));
    const [row] = (await rowsOf(userIds.officer, 'ACTIVITY_REJECTED')).filter((r) => r.subject_id === id);
    expect(row.body).toMatch(/bị từ chối\. Lý do: Ảnh minh chứng không rõ$/);
    expect((await rowsOf(userIds.officer2)).filter((r) => r.subject_id === id)).toEqual([]);
  });

  it('tells the recorder that an approved class was revoked, with the reason', async () => {
    const id = await recordClass();
    dataOf(await leader.gql(REVIEW, { id, approve: true }));
    dataOf(await leader.gql(REVOKE, { id, reason: 'Trùng lớp đã ghi' }));
    const rows = (await rowsOf(userIds.officer)).filter((r) => r.subject_id === id).map((r) => r.kind);
    expect(rows).toEqual(['ACTIVITY_APPROVED', 'ACTIVITY_REVOKED']);
    const [revoked] = (await rowsOf(userIds.officer, 'ACTIVITY_REVOKED')).filter((r) => r.subject_id === id);
    expect(revoked.body).toContain('Lý do: Trùng lớp đã ghi');
  });

  it('writes nothing when a repeated decision changes nothing', async () => {
    const id = await recordClass();
    dataOf(await leader.gql(REVIEW, { id, approve: true }));
    dataOf(await leader.gql(REVIEW, { id, approve: true }));
    expect((await rowsOf(userIds.officer)).filter((r) => r.subject_id === id)).toHaveLength(1);
  });

  it('writes no notification when the event rolls back, and publishes nothing', async () => {
    const id = await recordClass();
    await sleep(200); // the leaders' review summaries, refreshed after the recording, are not what this test is about
    const seen: unknown[] = [];
    const iterator = pubSub.subscribe('NOTIFICATION_ADDED')[Symbol.asyncIterator]();
    const pending = iterator.next().then((v) => seen.push(v.value));
    const outbox = new NotificationOutbox();
    await expect(
      t.db.transaction(async (tx) => {
        await outbox.activity(tx, { activityId: id, kind: 'ACTIVITY_APPROVED', reason: null, points: 5 });
        expect((await queryRows(tx, sql`select 1 from notifications where subject_id = ${id}`)).length).toBe(1);
        throw new Error('the event failed after writing');
      }),
    ).rejects.toThrow('the event failed');
    expect((await rowsOf(userIds.officer)).filter((r) => r.subject_id === id)).toEqual([]);
    await sleep(100);
    expect(seen.filter((e) => (e as { userId?: string }).userId === userIds.officer)).toEqual([]);
    void iterator.return?.();
    void pending;
  });
});

describe('leaders get one summary of what waits for review', () => {
  const waitingInQuangNinh = async () =>
    (
      await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from activities a join units u on u.id = a.unit_id where a.status = 'SUBMITTED' and u.path @> array[${quangNinhId}::int] and a.recorded_by is distinct from ${userIds.leader}::uuid`,
      )
    )[0].n;

  it('keeps exactly one REVIEW_WAITING per leader, counting what waits in their scope', async () => {
    const before = await rowsOf(userIds.leaderPhuTho, 'REVIEW_WAITING');
    await recordClass();
    await recordClass();
    const third = await recordClass();
    const n = await waitingInQuangNinh();
    // written after the commit, without anyone asking
    const rows = await eventually(() => rowsOf(userIds.leader, 'REVIEW_WAITING'), (r) => r[0]?.data?.count === n);
    expect(rows).toHaveLength(1);
    expect(rows[0].body).toBe(`${n.toLocaleString('vi-VN')} hoạt động chờ duyệt`);
    const seen = (await list(leader)).nodes.filter((x) => x.kind === 'REVIEW_WAITING');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ link: '/duyet', readAt: null });
    // the Phú Thọ leader's summary did not move; officers and citizens have none
    expect(await rowsOf(userIds.leaderPhuTho, 'REVIEW_WAITING')).toEqual(before);
    for (const other of ['officer', 'officer2', 'citizen', 'admin', 'organizer']) expect(await rowsOf(userIds[other], 'REVIEW_WAITING'), other).toEqual([]);
    // approving one lowers the count, in the same single summary
    dataOf(await leader.gql(REVIEW, { id: third, approve: true }));
    const after = await eventually(() => rowsOf(userIds.leader, 'REVIEW_WAITING'), (r) => r[0]?.data?.count === n - 1);
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe(rows[0].id);
    expect(after[0].body).toBe(`${(n - 1).toLocaleString('vi-VN')} hoạt động chờ duyệt`);
  });

  it('a read summary becomes unread again when more arrives, still one', async () => {
    const [summary] = (await list(leader)).nodes.filter((x) => x.kind === 'REVIEW_WAITING');
    expect(dataOf(await leader.gql(MARK, { ids: [summary.id] })).markNotificationsRead).toBe(1);
    expect((await list(leader, { unreadOnly: true })).nodes.some((x) => x.kind === 'REVIEW_WAITING')).toBe(false);
    await recordClass();
    const unread = (await list(leader, { unreadOnly: true })).nodes.filter((x) => x.kind === 'REVIEW_WAITING');
    expect(unread).toHaveLength(1);
    expect(unread[0].id).toBe(summary.id);
    expect(await rowsOf(userIds.leader, 'REVIEW_WAITING')).toHaveLength(1);
  });

  it('removes the summary when nothing waits any more', async () => {
    const leaderId = userIds.leader;
    await t.db.execute(sql`update activities set status = 'REJECTED' where status = 'SUBMITTED'`);
    expect((await list(leader)).nodes.some((x) => x.kind === 'REVIEW_WAITING')).toBe(false);
    expect(await rowsOf(leaderId, 'REVIEW_WAITING')).toEqual([]);
  });
});

describe('citizens hear of their badges', () => {
  it('tells a citizen with an account of a badge awarded to them, and nobody else', async () => {
    const [lan] = await queryRows<{ citizen_id: string }>(t.db, sql`select citizen_id from users where username = 'citizen'`);
    const result = await leader.gql(`mutation($input: AwardBadgeInput!) { awardBadge(input: $input) { id } }`, {
      input: { badgeCode: 'DAI_SU_SO', userId: userIds.officer, reason: 'Hướng dẫn nhiều người dân' },
    });
    const officerAward = dataOf(result).awardBadge.id;
    const own = await leader.gql(`mutation($input: AwardBadgeInput!) { awardBadge(input: $input) { id } }`, {
      input: { badgeCode: 'CONG_DAN_SO', citizenId: lan.citizen_id, reason: 'Đã hoàn thành các kỹ năng số' },
    });
    const awardId = dataOf(own).awardBadge.id;
    const mine = (await list(citizen)).nodes.filter((n) => n.kind === 'BADGE_AWARDED' && n.body.includes('"Công dân số"'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ link: '/huy-hieu-cua-toi', title: 'Bạn nhận được huy hiệu mới' });
    // her Công dân số also makes her household Gia đình số: she hears of that one too
    const heard = (await rowsOf(userIds.citizen, 'BADGE_AWARDED')).map((r) => r.subject_id);
    const held = (
      await queryRows<{ id: string }>(
        t.db,
        sql`select a.id from badge_awards a where a.citizen_id = ${lan.citizen_id} or a.household_id = (select household_id from citizens where id = ${lan.citizen_id})`,
      )
    ).map((r) => r.id);
    expect(heard).toContain(awardId);
    expect(heard.every((id) => held.includes(id!))).toBe(true);
    expect((await rowsOf(userIds.officer, 'BADGE_AWARDED')).map((r) => r.subject_id)).toEqual([officerAward]);
    for (const other of ['officer2', 'leader', 'admin']) expect(await rowsOf(userIds[other], 'BADGE_AWARDED'), other).toEqual([]);
  });

  it('writes nothing for a citizen without an account', async () => {
    const [group] = await queryRows<{ id: number }>(t.db, sql`select g.id from units g join units c on c.id = g.parent_id where c.code = '06688' and g.kind = 'RESIDENTIAL_GROUP' order by g.id limit 1`);
    const citizenId = dataOf(
      await leader.gql(`mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { id } }`, { input: { unitId: String(group.id), fullName: 'Lê Văn Không Tài Khoản', birthYear: 1960 } }),
    ).registerCitizen.id;
    const award = dataOf(await leader.gql(`mutation($input: AwardBadgeInput!) { awardBadge(input: $input) { id } }`, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Đạt' } })).awardBadge.id;
    expect(await queryRows(t.db, sql`select 1 from notifications where subject_id = ${award}`)).toEqual([]);
  });
});

describe('everyone in scope hears a movement opened and closed', () => {
  it('writes one notification to each account in the scope, none outside', async () => {
    const created = dataOf(
      await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Quảng Ninh số 2026', organizerUnitId: String(quangNinhId), scopeUnitId: String(quangNinhId), competingKinds: ['COMMUNE'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
      }),
    ).createMovement.id;
    const inScope = (
      await queryRows<{ id: string }>(t.db, sql`select x.id from users x join units u on u.id = x.unit_id where u.path @> array[${quangNinhId}::int] and x.disabled_at is null order by x.id`)
    ).map((r) => r.id);
    expect(inScope).toEqual(expect.arrayContaining([userIds.officer, userIds.leader, userIds.citizen, userIds.organizer]));
    for (const [kind, mutation] of [
      ['MOVEMENT_OPENED', 'openMovement'],
      ['MOVEMENT_CLOSED', 'closeMovement'],
    ] as const) {
      dataOf(await admin.gql(`mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id: created }));
      const told = (await queryRows<{ user_id: string }>(t.db, sql`select user_id from notifications where kind = ${kind} and subject_id = ${created} order by user_id`)).map((r) => r.user_id);
      expect(told).toEqual(inScope);
      for (const outside of ['officer2', 'admin', 'leaderPhuTho']) expect(told).not.toContain(userIds[outside]);
      const [seen] = (await list(officer)).nodes.filter((n) => n.kind === kind);
      expect(seen.body).toContain('Quảng Ninh số 2026');
      expect(seen.link).toBe(`/xep-hang/${created}`);
    }
  });

  it('writes them with one INSERT … SELECT, not one statement per account', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../api/src/modules/notifications/notifications.queries.ts', import.meta.url), 'utf8');
    const fn = source.slice(source.indexOf('export async function insertMovementNotice'), source.indexOf('export async function refreshReviewWaiting'));
    expect(fn).toMatch(/insert into notifications[\s\S]*select u\.id/);
    expect(fn).not.toMatch(/for \(|\.map\(|forEach/);
  });
});

describe('reading one’s own notifications', () => {
  let reader: { id: string; client: GqlClient };
  let other: { id: string; client: GqlClient };

  beforeAll(async () => {
    const a = await newUser(t.db, { role: 'OFFICER', unitId: Number(officerUnitId) });
    const b = await newUser(t.db, { role: 'OFFICER', unitId: Number(officerUnitId) });
    reader = { id: a.id, client: await t.as(a.username, a.password) };
    other = { id: b.id, client: await t.as(b.username, b.password) };
    const base = Date.now() - 60_000;
    for (const [user, n] of [
      [a.id, 7],
      [b.id, 3],
    ] as const)
      await t.db.insert(notifications).values(
        Array.from({ length: n }, (_, i) => ({ userId: user, kind: 'MOVEMENT_OPENED', title: `Thông báo ${i + 1}`, body: `Nội dung ${i + 1}`, createdAt: new Date(base + (i % 3) * 1000) })),
      );
  });

  it('pages newest first with a cursor, every notification exactly once', async () => {
    const seen: Note[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await list(reader.client, { first: 3, after });
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen.map((n) => n.id)).size).toBe(7);
    const times = seen.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('refuses a malformed cursor and a cursor of someone else’s notification', async () => {
    expect(errorCodes(await reader.client.gql(LIST, { after: 'nonsense' }))).toEqual(['BAD_USER_INPUT']);
    const theirs = (await list(other.client)).nodes[0].id;
    const cursor = Buffer.from(`n:${theirs}`).toString('base64url');
    expect(errorCodes(await reader.client.gql(LIST, { after: cursor }))).toEqual(['BAD_USER_INPUT']);
  });

  it('counts unread, and marks read only one’s own', async () => {
    expect(dataOf(await reader.client.gql(COUNT)).unreadNotificationCount).toBe(7);
    const theirs = (await list(other.client)).nodes.map((n) => n.id);
    const mine = (await list(reader.client, { first: 2 })).nodes.map((n) => n.id);
    expect(dataOf(await reader.client.gql(MARK, { ids: [...theirs, ...mine] })).markNotificationsRead).toBe(2);
    expect(dataOf(await reader.client.gql(COUNT)).unreadNotificationCount).toBe(5);
    expect(dataOf(await other.client.gql(COUNT)).unreadNotificationCount).toBe(3);
    expect((await list(reader.client, { unreadOnly: true })).totalCount).toBe(5);
    // no ids: all of mine, and still nobody else's
    expect(dataOf(await reader.client.gql(MARK)).markNotificationsRead).toBe(5);
    expect(dataOf(await reader.client.gql(COUNT)).unreadNotificationCount).toBe(0);
    expect(dataOf(await other.client.gql(COUNT)).unreadNotificationCount).toBe(3);
    expect((await list(reader.client)).nodes.every((n) => n.readAt !== null)).toBe(true);
  });

  it('refuses malformed ids and more than 100 at once', async () => {
    expect(errorCodes(await reader.client.gql(MARK, { ids: ['not-an-id'] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await reader.client.gql(MARK, { ids: Array.from({ length: 101 }, () => randomUUID()) }))).toEqual(['BAD_USER_INPUT']);
  });

  it('asks an anonymous caller to sign in', async () => {
    expect(errorCodes(await t.gql(COUNT))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(LIST))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(MARK))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('live over graphql-ws', () => {
  it('delivers a notification to its owner only', async () => {
    const mine = new Listener(officer.cookie);
    const theirs = new Listener(officer2.cookie);
    const citizens = new Listener(citizen.cookie);
    await Promise.all([mine.ready, theirs.ready, citizens.ready]);
    await sleep(200);
    const id = await recordClass();
    dataOf(await leader.gql(REVIEW, { id, approve: true }));
    const got = await eventually(async () => mine.received, (r) => r.some((n) => n.kind === 'ACTIVITY_APPROVED'));
    const approved = got.find((n) => n.kind === 'ACTIVITY_APPROVED')!;
    expect(approved.body).toContain('đã được duyệt');
    const stored = (await rowsOf(userIds.officer, 'ACTIVITY_APPROVED')).find((r) => r.subject_id === id)!;
    expect(approved.id).toBe(stored.id);
    await sleep(300);
    expect(theirs.received).toEqual([]);
    expect(citizens.received).toEqual([]);
    expect([...mine.errors, ...theirs.errors, ...citizens.errors]).toEqual([]);
    await Promise.all([mine.close(), theirs.close(), citizens.close()]);
  });

  it('delivers a movement opening to each subscriber in scope, their own copy', async () => {
    const inside = new Listener(officer.cookie);
    const outside = new Listener(officer2.cookie);
    await Promise.all([inside.ready, outside.ready]);
    await sleep(200);
    const id = dataOf(
      await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Quảng Ninh trực tuyến', organizerUnitId: String(quangNinhId), scopeUnitId: String(quangNinhId), competingKinds: ['COMMUNE'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
      }),
    ).createMovement.id;
    dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { id } }`, { id }));
    const got = await eventually(async () => inside.received, (r) => r.some((n) => n.kind === 'MOVEMENT_OPENED'));
    const opened = got.find((n) => n.kind === 'MOVEMENT_OPENED')!;
    const [own] = await queryRows<{ id: string }>(t.db, sql`select id from notifications where user_id = ${userIds.officer} and subject_id = ${id}`);
    expect(opened.id).toBe(own.id);
    await sleep(300);
    expect(outside.received).toEqual([]);
    await Promise.all([inside.close(), outside.close()]);
  });

  it('tells a leader live that more waits for review', async () => {
    const live = new Listener(leader.cookie);
    await live.ready;
    await sleep(200);
    await recordClass();
    const got = await eventually(async () => live.received, (r) => r.some((n) => n.kind === 'REVIEW_WAITING'));
    expect(got.find((n) => n.kind === 'REVIEW_WAITING')!.body).toMatch(/^[\d.]+ hoạt động chờ duyệt$/);
    await live.close();
  });

  it('refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    const anonymous = new Listener(null);
    const errors = await eventually(async () => anonymous.errors, (e) => e.length > 0);
    expect(JSON.stringify(errors)).toContain('UNAUTHENTICATED');
    await anonymous.close();
  });
});
