import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * What a person hears about: their activity approved, rejected or revoked, their badge, a movement
 * in their area opening or closing, and (leaders) what waits for their review. Written in the
 * transaction of the event; `readAt` is the only thing the person changes.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** ACTIVITY_APPROVED, ACTIVITY_REJECTED, ACTIVITY_REVOKED, REVIEW_WAITING, BADGE_AWARDED, MOVEMENT_OPENED, MOVEMENT_CLOSED */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** a path of the web app (e.g. /duyet) */
    link: text('link'),
    /** what the notification is about (an activity, award or movement id) */
    subjectId: text('subject_id'),
    /** kind-specific data, e.g. the number waiting for REVIEW_WAITING */
    data: jsonb('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    // a leader has one summary of what waits for review, updated in place
    uniqueIndex('notifications_review_waiting_uq').on(t.userId).where(sql`${t.kind} = 'REVIEW_WAITING'`),
  ],
);

/** A browser's Web Push subscription (endpoint and keys), for one signed-in user. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);
