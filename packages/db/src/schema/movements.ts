import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { movementStatus, unitKind } from './enums';
import { units } from './units';
import { users } from './accounts';

export const movements = pgTable(
  'movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    organizerUnitId: integer('organizer_unit_id').notNull().references(() => units.id),
    scopeUnitId: integer('scope_unit_id').notNull().references(() => units.id),
    /** which kinds of unit compete, e.g. {COMMUNE} or {ORGANIZATION} */
    competingKinds: unitKind('competing_kinds').array().notNull(),
    /** optional filter on ORGANIZATION subtype, e.g. 'công an xã' for "all police stations" */
    competingSubtype: text('competing_subtype'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: movementStatus('status').notNull().default('DRAFT'),
    /** the scoring-rule version new approvals use */
    currentRuleVersion: integer('current_rule_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('movements_status_idx').on(t.status), index('movements_scope_idx').on(t.scopeUnitId)],
);

/** Phases or campaigns inside a movement, e.g. "45 ngày đêm". */
export const movementPhases = pgTable(
  'movement_phases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    movementId: uuid('movement_id').notNull().references(() => movements.id),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [index('movement_phases_movement_idx').on(t.movementId)],
);

/** Scoring rules are data, versioned: editing creates a new row, old versions stay for recompute. */
export const scoringRuleVersions = pgTable(
  'scoring_rule_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    movementId: uuid('movement_id').notNull().references(() => movements.id),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scoring_rule_versions_uq').on(t.movementId, t.version)],
);

/** Chỉ tiêu: a measure, a level and a deadline, e.g. 80% of adults trained by 2025-12-31. */
export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    movementId: uuid('movement_id').notNull().references(() => movements.id),
    title: text('title').notNull(),
    /** ADULTS_TRAINED | HOUSEHOLDS_DIGITAL | OFFICERS_TRAINED | GROUPS_WITH_CLASS | CITIZENS_ASSISTED … */
    measure: text('measure').notNull(),
    /** the level to reach: a ratio (0.8) for ratio measures, a count otherwise */
    level: numeric('level', { precision: 14, scale: 4, mode: 'number' }).notNull(),
    deadline: date('deadline'),
    /** weight in the movement's TARGET_COMPLETION average */
    weight: numeric('weight', { precision: 6, scale: 3, mode: 'number' }).notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('targets_movement_idx').on(t.movementId)],
);
