import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput } from '../../errors';
import { pageSize } from '../../graphql/pagination';
import { requireUser } from '../auth/scope';
import type { SessionUser } from '../auth/session-user';
import { countUnread, deletePushSubscription, findNotification, findScopedCopy, listNotifications, markRead, savePushSubscription, type NotificationRow } from './notifications.queries';
import { reviewWaiting, type NotificationEvent } from './notify';
import type { Notification, NotificationConnection, PushSubscriptionInput } from './notification.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
export const MAX_MARK_IDS = 100;

export function toNotification(row: NotificationRow): Notification {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: new Date(row.createdAt), readAt: row.readAt ? new Date(row.readAt) : null };
}

const encodeCursor = (id: string) => Buffer.from(`n:${id}`, 'utf8').toString('base64url');
function decodeCursor(after: string | null | undefined): string | null {
  if (!after) return null;
  const id = Buffer.from(after, 'base64url').toString('utf8').replace(/^n:/, '');
  if (!UUID.test(id)) throw badInput([{ field: 'after', message: 'Con trỏ phân trang (after) không hợp lệ.' }]);
  return id;
}

/** A person's own notifications: read, count, mark read; their browsers' Web Push subscriptions. */
export class NotificationsService {
  constructor(private readonly ctx: Context) {}

  /** A leader's review summary is brought up to date before they look (see ReviewWaitingRefresher). */
  private async current(user: SessionUser) {
    if (user.role === 'LEADER') await reviewWaiting.forLeader(this.ctx.db, user.id);
  }

  async list(args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null }): Promise<NotificationConnection> {
    const user = requireUser(this.ctx);
    const limit = pageSize(args.first, 20);
    const afterId = decodeCursor(args.after);
    await this.current(user);
    const page = await listNotifications(this.ctx.db, user.id, { unreadOnly: !!args.unreadOnly, limit, afterId });
    if (!page) throw badInput([{ field: 'after', message: 'Con trỏ phân trang (after) không hợp lệ.' }]);
    const last = page.rows.at(-1);
    return { nodes: page.rows.map(toNotification), totalCount: page.total, pageInfo: { hasNextPage: page.hasMore, endCursor: last ? encodeCursor(last.id) : null } };
  }

  async unreadCount(): Promise<number> {
    const user = requireUser(this.ctx);
    await this.current(user);
    return countUnread(this.ctx.db, user.id);
  }

  /** Only the caller's own notifications change; others' ids are ignored. No ids: all of mine. */
  async markRead(ids: string[] | null | undefined): Promise<number> {
    const user = requireUser(this.ctx);
    if (ids) {
      if (ids.length > MAX_MARK_IDS) throw badInput([{ field: 'ids', message: `Tối đa ${MAX_MARK_IDS} thông báo mỗi lần.` }]);
      const bad = ids.findIndex((id) => !UUID.test(id));
      if (bad >= 0) throw badInput([{ field: `ids[${bad}]`, message: 'Mã thông báo không hợp lệ.' }]);
      if (!ids.length) return 0;
    }
    return markRead(this.ctx.db, user.id, ids ?? null);
  }

  /** The subscriber's own copy of a published notification, or null when it is not theirs. */
  static async ownCopy(ctx: Context, event: NotificationEvent): Promise<Notification | null> {
    const user = ctx.user;
    if (!user) return null;
    if ('userId' in event) {
      if (event.userId !== user.id) return null;
      const row = await findNotification(ctx.db, event.id);
      return row && row.userId === user.id ? toNotification(row) : null;
    }
    if (!user.unitPath.includes(event.scopeUnitId)) return null;
    const row = await findScopedCopy(ctx.db, user.id, event.kind, event.subjectId);
    return row ? toNotification(row) : null;
  }

  async subscribePush(input: PushSubscriptionInput): Promise<boolean> {
    const user = requireUser(this.ctx);
    if (!this.ctx.config.vapid) throw new AppError(ErrorCode.PUSH_NOT_CONFIGURED, 'Máy chủ chưa bật thông báo đẩy (Web Push).');
    const problems = [];
    let url: URL | null = null;
    try {
      url = new URL(input.endpoint);
    } catch {
      url = null;
    }
    // push services are always reached over https (RFC 8030)
    if (!url || url.protocol !== 'https:' || input.endpoint.length > 1000)
      problems.push({ field: 'input.endpoint', message: 'Địa chỉ dịch vụ push phải là https://, tối đa 1.000 ký tự.' });
    if (!BASE64URL.test(input.p256dh) || Buffer.from(input.p256dh, 'base64url').length !== 65) problems.push({ field: 'input.p256dh', message: 'Khóa p256dh không hợp lệ.' });
    if (!BASE64URL.test(input.auth) || Buffer.from(input.auth, 'base64url').length !== 16) problems.push({ field: 'input.auth', message: 'Khóa auth không hợp lệ.' });
    if (problems.length) throw badInput(problems);
    await savePushSubscription(this.ctx.db, user.id, { endpoint: input.endpoint, p256dh: input.p256dh, auth: input.auth });
    return true;
  }

  async unsubscribePush(endpoint: string): Promise<boolean> {
    const user = requireUser(this.ctx);
    return (await deletePushSubscription(this.ctx.db, user.id, endpoint)) > 0;
  }
}
