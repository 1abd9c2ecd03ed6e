import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { role } from './enums';
import { units } from './units';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    role: role('role').notNull(),
    /** the root of the subtree this user acts for */
    unitId: integer('unit_id').notNull().references(() => units.id),
    /** set for CITIZEN accounts */
    citizenId: uuid('citizen_id'),
    /** one-time setup code (SHA-256 of it): a new account, or one reset, sets its password with it */
    setupCodeHash: text('setup_code_hash'),
    setupCodeExpiresAt: timestamp('setup_code_expires_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    /** who created the account (null: the command line or the demo data) */
    createdBy: uuid('created_by'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_unit_idx').on(t.unitId), index('users_role_idx').on(t.role, t.unitId)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Who did what, when and why: every state change of the competition. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    reason: text('reason'),
    data: jsonb('data'),
    /** the unit whose subtree the change lies in (who may read it: ADMIN and LEADER above it) */
    unitId: integer('unit_id'),
    /** the movement the change belongs to, if any (its ORGANIZER may read it) */
    movementId: uuid('movement_id'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_unit_idx').on(t.unitId, t.id),
    index('audit_log_movement_idx').on(t.movementId, t.id),
    index('audit_log_actor_idx').on(t.actorUserId, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
  ],
);

/**
 * Failed sign-ins per (normalized username, client address), shared by every API process and kept
 * across restarts. After a few failures each further try waits 1, 2, 4 … 60 s; the right password
 * deletes the row. Updated only by one atomic upsert (api/src/modules/auth/login-throttle.ts).
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    /** tries let through to the password check since the last success (or since the window ran out) */
    failures: integer('failures').notNull(),
    /** the next try is let through from this time on */
    nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
    /** the last try let through */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** whether the latest try was let through (what the upsert returns) */
    lastAdmitted: boolean('last_admitted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.ip] }), index('login_throttle_updated_idx').on(t.updatedAt)],
);
