import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './accounts';

/** Hộ gia đình: lives in a residential group (or directly in a commune). */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    code: text('code'),
    headName: text('head_name').notNull(),
    address: text('address'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_unit_idx').on(t.unitId)],
);

/** Người dân. The national ID (CCCD) is never stored: only a keyed hash for de-duplication. */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id').references(() => households.id),
    unitId: integer('unit_id').notNull().references(() => units.id),
    fullName: text('full_name').notNull(),
    birthYear: integer('birth_year'),
    phone: text('phone'),
    nationalIdHash: text('national_id_hash'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** set when the person's data was erased at their request: the row stays only so the ledger's history holds */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    index('citizens_unit_idx').on(t.unitId),
    index('citizens_household_idx').on(t.householdId),
    uniqueIndex('citizens_national_id_hash_uq').on(t.nationalIdHash),
  ],
);

/** Citizens who took part in an activity (class attendees, the person helped), linked by an officer. */
export const activityParticipants = pgTable(
  'activity_participants',
  {
    activityId: uuid('activity_id').notNull(),
    citizenId: uuid('citizen_id').notNull().references(() => citizens.id),
    linkedBy: uuid('linked_by').references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.citizenId] }), index('activity_participants_citizen_idx').on(t.citizenId)],
);
