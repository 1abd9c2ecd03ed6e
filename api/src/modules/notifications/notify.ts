import pLimit from 'p-limit';
import type { Db, Executor } from '@thidua/db';
import type { Config } from '../../config';
import { pubSub } from '../../graphql/pubsub';
import { log } from '../../logger';
import {
  deletePushEndpoint,
  findNotification,
  findScopedCopy,
  insertActivityNotice,
  insertBadgeNotice,
  insertMovementNotice,
  pushSubscriptionsInScope,
  pushSubscriptionsOfUsers,
  refreshReviewWaiting,
  type ActivityNotice,
} from './notifications.queries';
import { sendPush } from './web-push';

export const NOTIFICATION_ADDED = 'NOTIFICATION_ADDED';

/**
 * What goes over the event bus (and Redis) once the notification rows are committed: the owner and
 * the row's id, or, for a notification written to everyone in a scope, the scope and the subject
 * (each subscriber reads their own copy).
 */
export type NotificationEvent = { userId: string; id: string } | { scopeUnitId: number; kind: string; subjectId: string };

let wired: { db: Db; config: Config } | null = null;

/** Gives the notifications module the database and configuration it sends Web Push with. */
export function wireNotifications(db: Db, config: Config) {
  wired = { db, config };
}

const pushLimit = pLimit(8);

async function pushFor(events: NotificationEvent[]): Promise<void> {
  const target = wired;
  if (!target?.config.vapid) return;
  const vapid = target.config.vapid;
  for (const event of events) {
    let subscriptions;
    let message;
    if ('userId' in event) {
      const row = await findNotification(target.db, event.id);
      if (!row) continue;
      subscriptions = await pushSubscriptionsOfUsers(target.db, [event.userId]);
      message = { title: row.title, body: row.body, link: row.link, kind: row.kind };
    } else {
      subscriptions = await pushSubscriptionsInScope(target.db, event.scopeUnitId);
      if (!subscriptions.length) continue;
      const sample = await findNotificationSample(target.db, subscriptions[0].userId, event);
      if (!sample) continue;
      message = { title: sample.title, body: sample.body, link: sample.link, kind: sample.kind };
    }
    await Promise.all(
      subscriptions.map((s) =>
        pushLimit(async () => {
          if ((await sendPush(vapid, s, message)) === 'gone') await deletePushEndpoint(target.db, s.endpoint);
        }),
      ),
    );
  }
}

// every copy of a scoped notification has the same text: the first subscriber's shows it
const findNotificationSample = (db: Db, userId: string, event: { kind: string; subjectId: string }) => findScopedCopy(db, userId, event.kind, event.subjectId);

/** Live delivery (graphql-ws) and Web Push of committed notifications. Never throws. */
export function publishNotifications(events: NotificationEvent[]): void {
  if (!events.length) return;
  for (const event of events) pubSub.publish(NOTIFICATION_ADDED, event);
  void pushFor(events).catch((error: unknown) => log().warn({ err: error }, 'web push dispatch failed'));
}

/**
 * Collects the notifications written inside a transaction and publishes them only after it
 * committed: a rolled-back event leaves no row and sends nothing; a committed one has its rows.
 *   const outbox = new NotificationOutbox();
 *   await db.transaction(async (tx) => { …; await outbox.activity(tx, …); });
 *   outbox.publish();
 */
export class NotificationOutbox {
  private events: NotificationEvent[] = [];

  async activity(tx: Executor, notice: ActivityNotice): Promise<void> {
    for (const row of await insertActivityNotice(tx, notice)) this.events.push(row);
  }

  async badge(tx: Executor, awardId: string): Promise<void> {
    for (const row of await insertBadgeNotice(tx, awardId)) this.events.push(row);
  }

  async movement(tx: Executor, movementId: string, kind: 'MOVEMENT_OPENED' | 'MOVEMENT_CLOSED'): Promise<void> {
    const written = await insertMovementNotice(tx, movementId, kind);
    if (written?.count) this.events.push({ scopeUnitId: written.scopeUnitId, kind, subjectId: movementId });
  }

  publish(): void {
    const events = this.events;
    this.events = [];
    publishNotifications(events);
  }
}

/**
 * REVIEW_WAITING summaries are derived from the activities table, so they are refreshed after the
 * commit that changed what waits (recording, review, revocation), and again whenever the leader
 * reads their notifications: a crash between the two cannot lose one. Refreshes that arrive while
 * one runs are combined into the next, so a burst of recordings costs one statement.
 */
class ReviewWaitingRefresher {
  private pending = new Map<Db, Set<number>>();
  private running = new Map<Db, Promise<void>>();
  private lastRun = new Map<Db, number>();

  /** Refreshes the summaries of the leaders above these units; resolves once done. */
  refresh(db: Db, unitIds: Iterable<number>): Promise<void> {
    let set = this.pending.get(db);
    if (!set) this.pending.set(db, (set = new Set()));
    for (const id of unitIds) set.add(id);
    if (!set.size) return Promise.resolve();
    const current = this.running.get(db);
    if (current) return current; // the queued run takes these units too
    const next = this.afterPause(db).then(() => this.run(db));
    this.running.set(db, next);
    void next.finally(() => {
      if (this.running.get(db) === next) this.running.delete(db);
      // units that arrived while this run was writing
      if (this.pending.get(db)?.size) void this.refresh(db, []);
    });
    return next;
  }

  /** Under a stream of recordings, one refresh every MIN_GAP_MS at most: the rest are combined. */
  private afterPause(db: Db): Promise<void> {
    const wait = (this.lastRun.get(db) ?? 0) + MIN_GAP_MS - Date.now();
    return wait > 0 ? new Promise((r) => setTimeout(r, wait)) : Promise.resolve();
  }

  private async run(db: Db): Promise<void> {
    const set = this.pending.get(db);
    if (!set?.size) return;
    this.pending.delete(db);
    this.lastRun.set(db, Date.now());
    try {
      publishNotifications(await refreshReviewWaiting(db, { unitIds: [...set] }));
    } catch (error) {
      log().warn({ err: error }, 'review-waiting refresh failed');
    }
  }

  /** Waits for this database's queued and running refreshes (before it closes). */
  async drain(db: Db): Promise<void> {
    while (this.running.get(db)) await this.running.get(db);
  }

  /** The one leader's summary, brought up to date before they read their notifications. */
  async forLeader(db: Db, userId: string): Promise<void> {
    publishNotifications(await refreshReviewWaiting(db, { userIds: [userId] }));
  }
}

/** the shortest time between two refreshes of the summaries on one database */
const MIN_GAP_MS = 250;

export const reviewWaiting = new ReviewWaitingRefresher();
