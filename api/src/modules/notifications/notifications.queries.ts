import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { notifications, pushSubscriptions, queryRows, type Executor } from '@thidua/db';

export type NotificationRow = typeof notifications.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

const COLUMNS = {
  id: notifications.id,
  userId: notifications.userId,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  subjectId: notifications.subjectId,
  data: notifications.data,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

// ---- reading (the signed-in user's own)

export async function listNotifications(db: Executor, userId: string, opts: { unreadOnly: boolean; limit: number; afterId: string | null }) {
  const own: SQL[] = [eq(notifications.userId, userId)];
  if (opts.unreadOnly) own.push(isNull(notifications.readAt));
  const where = [...own];
  if (opts.afterId) {
    const [after] = await db.select({ createdAt: notifications.createdAt }).from(notifications).where(and(eq(notifications.id, opts.afterId), eq(notifications.userId, userId)));
    if (!after) return null;
    // keyset on (created_at, id): rows arriving meanwhile never shift the next page
    where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (select created_at, id from notifications where id = ${opts.afterId})`);
  }
  const [rows, [{ total }]] = await Promise.all([
    db.select(COLUMNS).from(notifications).where(and(...where)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(opts.limit + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(notifications).where(and(...own)),
  ]);
  return { rows: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit, total: Number(total) };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(n);
}

export async function findNotification(db: Executor, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

/** A person's copy of a notification sent to everyone in a scope (a movement opened or closed). */
export async function findScopedCopy(db: Executor, userId: string, kind: string, subjectId: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), eq(notifications.subjectId, subjectId)))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return row;
}

/** Marks the user's own unread notifications (those ids, or all) read; returns how many changed. */
export async function markRead(db: Executor, userId: string, ids: string[] | null): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---- writing (inside the transaction of the event)

export interface ActivityNotice {
  activityId: string;
  kind: 'ACTIVITY_APPROVED' | 'ACTIVITY_REJECTED' | 'ACTIVITY_REVOKED';
  reason: string | null;
  points: number;
}

const ACTIVITY_TITLES: Record<ActivityNotice['kind'], string> = {
  ACTIVITY_APPROVED: 'Hoạt động đã được duyệt',
  ACTIVITY_REJECTED: 'Hoạt động bị từ chối',
  ACTIVITY_REVOKED: 'Hoạt động bị thu hồi',
};

/** 2000 → "2.000"; 19.5 → "19,5" (Vietnamese numbers), in SQL. */
const viNumber = (value: SQL) => sql`regexp_replace(replace(trim(trailing '.' from trim(trailing '0' from round((${value})::numeric, 2)::text)), '.', ','), '(\\d)(?=(\\d{3})+(,|$))', '\\1.', 'g')`;

/** The recorder of the activity hears what happened to it (no one when the recorder is unknown). */
export async function insertActivityNotice(tx: Executor, n: ActivityNotice): Promise<{ id: string; userId: string }[]> {
  const what = sql`(case a.kind when 'CLASS' then 'Lớp học' when 'ASSIST' then 'Hỗ trợ người dân' else 'Hoạt động' end) || ' ngày ' || to_char(a.occurred_on, 'DD/MM/YYYY') || ' của ' || u.name`;
  const tail =
    n.kind === 'ACTIVITY_APPROVED'
      ? sql`' đã được duyệt: +' || ${viNumber(sql`${n.points}`)} || ' điểm.'`
      : n.kind === 'ACTIVITY_REJECTED'
        ? sql`' bị từ chối. Lý do: ' || ${n.reason ?? 'không nêu'}::text`
        : sql`' bị thu hồi, điểm đã được trừ lại. Lý do: ' || ${n.reason ?? 'không nêu'}::text`;
  return queryRows<{ id: string; userId: string }>(
    tx,
    sql`insert into notifications (user_id, kind, title, body, link, subject_id, data)
        select a.recorded_by, ${n.kind}, ${ACTIVITY_TITLES[n.kind]}, ${what} || ${tail}, '/ghi-nhan', a.id::text,
               jsonb_build_object('points', ${n.points}::float8, 'reason', ${n.reason}::text)
        from activities a join units u on u.id = a.unit_id join users r on r.id = a.recorded_by
        where a.id = ${n.activityId} and r.disabled_at is null
        returning id, user_id as "userId"`,
  );
}

/** The people a badge award is for, with an account: the citizen, a household's members, the officer. */
export async function insertBadgeNotice(tx: Executor, awardId: string): Promise<{ id: string; userId: string }[]> {
  return queryRows<{ id: string; userId: string }>(
    tx,
    sql`insert into notifications (user_id, kind, title, body, link, subject_id)
        select distinct r.id, 'BADGE_AWARDED', 'Bạn nhận được huy hiệu mới',
               'Chúc mừng! ' || case when aw.household_id is not null then 'Hộ gia đình của bạn' else 'Bạn' end
                 || ' đã đạt huy hiệu "' || b.name || '".',
               '/huy-hieu-cua-toi', aw.id::text
        from badge_awards aw
        join badges b on b.code = aw.badge_code
        join users r on r.disabled_at is null and (
               r.id = aw.user_id
            or (aw.citizen_id is not null and r.citizen_id = aw.citizen_id)
            or (aw.household_id is not null and r.citizen_id in (select c.id from citizens c where c.household_id = aw.household_id)))
        where aw.id = ${awardId}
        returning id, user_id as "userId"`,
  );
}

/**
 * Everyone with an account in the movement's scope hears it opened or closed: one INSERT … SELECT
 * over the accounts of the subtree, however many they are. Returns how many were written.
 */
export async function insertMovementNotice(tx: Executor, movementId: string, kind: 'MOVEMENT_OPENED' | 'MOVEMENT_CLOSED'): Promise<{ scopeUnitId: number; count: number } | null> {
  const title = kind === 'MOVEMENT_OPENED' ? 'Phong trào mới được phát động' : 'Phong trào đã kết thúc';
  const body =
    kind === 'MOVEMENT_OPENED'
      ? sql`'Phong trào "' || m.title || '" đã được phát động tại ' || s.name || ', từ ' || to_char(m.starts_on, 'DD/MM/YYYY') || ' đến ' || to_char(m.ends_on, 'DD/MM/YYYY') || '.'`
      : sql`'Phong trào "' || m.title || '" đã kết thúc. Bảng xếp hạng chung cuộc đã được công bố.'`;
  const rows = await queryRows<{ scope: number; n: number }>(
    tx,
    sql`with written as (
          insert into notifications (user_id, kind, title, body, link, subject_id)
          select u.id, ${kind}, ${title}, ${body}, '/xep-hang/' || m.id, m.id::text
          from movements m
          join units s on s.id = m.scope_unit_id
          join units uu on uu.path @> array[m.scope_unit_id]
          join users u on u.unit_id = uu.id and u.disabled_at is null
          where m.id = ${movementId}
          returning 1
        )
        select (select scope_unit_id from movements where id = ${movementId}) as scope, (select count(*)::int from written) as n`,
  );
  return rows[0]?.scope == null ? null : { scopeUnitId: Number(rows[0].scope), count: Number(rows[0].n) };
}

/**
 * Each LEADER above the given units (or the given leaders) gets one summary of what waits for
 * their review, updated in place: deleted when nothing waits, unread again when more arrived.
 * Returns the summaries written (created or changed).
 */
export async function refreshReviewWaiting(db: Executor, target: { unitIds?: number[]; userIds?: string[] }): Promise<{ id: string; userId: string }[]> {
  const unitIds = target.unitIds ?? [];
  const userIds = target.userIds ?? [];
  if (!unitIds.length && !userIds.length) return [];
  const leaders = sql`select l.id, l.unit_id from users l
      where l.role = 'LEADER' and l.disabled_at is null and (
        l.id = any(${pgUuidArray(userIds)})
        or l.unit_id in (select distinct unnest(path) from units where id = any(${pgIntArray(unitIds)})))`;
  return queryRows<{ id: string; userId: string }>(
    db,
    sql`with leaders as (${leaders}),
        waiting as (
          select l.id as user_id,
                 (select count(*)::int from activities a join units un on un.id = a.unit_id
                   where a.status = 'SUBMITTED' and un.path @> array[l.unit_id] and a.recorded_by is distinct from l.id) as n
          from leaders l
        ),
        cleared as (
          delete from notifications d using waiting w
          where d.user_id = w.user_id and d.kind = 'REVIEW_WAITING' and w.n = 0
          returning d.id
        )
        insert into notifications as cur (user_id, kind, title, body, link, data)
        select user_id, 'REVIEW_WAITING', 'Hoạt động chờ duyệt', ${viNumber(sql`n`)} || ' hoạt động chờ duyệt', '/duyet', jsonb_build_object('count', n)
        from waiting where n > 0
        on conflict (user_id) where kind = 'REVIEW_WAITING' do update set
          body = excluded.body,
          data = excluded.data,
          read_at = case when (excluded.data->>'count')::int > (cur.data->>'count')::int then null else cur.read_at end,
          created_at = case when (excluded.data->>'count')::int > (cur.data->>'count')::int then now() else cur.created_at end
        where cur.data is distinct from excluded.data
        returning id, user_id as "userId"`,
  );
}

const pgUuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const pgIntArray = (ids: number[]) => sql`${`{${ids.map((n) => Math.trunc(n)).join(',')}}`}::int[]`;

// ---- Web Push subscriptions

export async function savePushSubscription(db: Executor, userId: string, s: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
  // an endpoint belongs to one browser: whoever signs in there last receives its pushes
  await db
    .insert(pushSubscriptions)
    .values({ userId, ...s })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: s.p256dh, auth: s.auth, createdAt: new Date() } });
}

export async function deletePushSubscription(db: Executor, userId: string, endpoint: string): Promise<number> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return rows.length;
}

export async function deletePushEndpoint(db: Executor, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}

export async function pushSubscriptionsOfUsers(db: Executor, userIds: string[]): Promise<PushSubscriptionRow[]> {
  if (!userIds.length) return [];
  return db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
}

export async function pushSubscriptionsInScope(db: Executor, scopeUnitId: number): Promise<PushSubscriptionRow[]> {
  return queryRows<PushSubscriptionRow>(
    db,
    sql`select p.id, p.user_id as "userId", p.endpoint, p.p256dh, p.auth, p.created_at as "createdAt"
        from push_subscriptions p join users u on u.id = p.user_id and u.disabled_at is null join units un on un.id = u.unit_id
        where un.path @> array[${scopeUnitId}::int]`,
  );
}


