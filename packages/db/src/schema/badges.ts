import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { awardStatus, badgeAudience } from './enums';
import { users } from './accounts';
import { units } from './units';
import { movements } from './movements';
import { citizens, households } from './citizens';

/** Badge definitions are data: criteria over facts the system knows (Open Badges 3.0 shaped). */
export const badges = pgTable('badges', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  audience: badgeAudience('audience').notNull(),
  criteria: jsonb('criteria').notNull(),
  imageUrl: text('image_url'),
  manualAllowed: boolean('manual_allowed').notNull().default(false),
  /** a unit badge an organizer defined for one movement (awarded at its close); null: a badge of every movement */
  movementId: uuid('movement_id').references(() => movements.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('badges_movement_idx').on(t.movementId)]);

/** One award; its id is the public verification id. Revocation keeps the row, with a reason. */
export const badgeAwards = pgTable(
  'badge_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    badgeCode: text('badge_code').notNull().references(() => badges.code),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    householdId: uuid('household_id').references(() => households.id),
    userId: uuid('user_id').references(() => users.id),
    unitId: integer('unit_id').references(() => units.id),
    movementId: uuid('movement_id').references(() => movements.id),
    /** who holds it, as one key ('citizen:<id>', 'household:<id>', 'user:<id>', 'unit:<id>:<movement>'): one valid award per holder and badge */
    holderKey: text('holder_key').notNull(),
    /** initials for people, the unit's name for units: what the public may see */
    holderName: text('holder_name').notNull(),
    issuerUnitId: integer('issuer_unit_id').references(() => units.id),
    status: awardStatus('status').notNull().default('VALID'),
    automatic: boolean('automatic').notNull(),
    reason: text('reason'),
    evidence: jsonb('evidence'),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    index('badge_awards_citizen_idx').on(t.citizenId),
    index('badge_awards_household_idx').on(t.householdId),
    index('badge_awards_user_idx').on(t.userId),
    index('badge_awards_unit_idx').on(t.unitId),
    uniqueIndex('badge_awards_valid_uq').on(t.badgeCode, t.holderKey).where(sql`status = 'VALID'`),
  ],
);
