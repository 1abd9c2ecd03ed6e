import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { unitKind } from './enums';

/**
 * One tree rooted at Việt Nam. `path` lists the ids from the root to the unit itself, so a subtree
 * is `path @> ARRAY[id]`; `provinceId`/`communeId` are denormalised for the roll-ups that
 * leaderboards need without walking the tree.
 */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code'),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    /** Vietnamese subtype as the source says it: tỉnh, phường, xã, đặc khu, công an xã, chi đoàn… */
    subtype: text('subtype'),
    kind: unitKind('kind').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    path: integer('path').array().notNull(),
    depth: integer('depth').notNull(),
    provinceId: integer('province_id'),
    communeId: integer('commune_id'),
    /** lower case, no diacritics: see searchKey() */
    searchKey: text('search_key').notNull(),
    population: integer('population'),
    adultPopulation: integer('adult_population'),
    households: integer('households'),
    /** where the denominators come from, and whether they are estimated */
    denominatorsSource: text('denominators_source'),
    areaKm2: text('area_km2'),
    /** a deactivated unit keeps its history and past standings, and takes no new activities */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    deactivatedReason: text('deactivated_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    index('units_parent_idx').on(t.parentId, t.kind),
    index('units_path_gin').using('gin', t.path),
    index('units_province_idx').on(t.provinceId, t.kind),
    index('units_commune_idx').on(t.communeId, t.kind),
    index('units_search_key_idx').on(sql`${t.searchKey} text_pattern_ops`),
  ],
);

/** Names a unit had before the 2025 merger (e.g. phường Hà Phong, now part of Hà Tu). */
export const unitFormerNames = pgTable(
  'unit_former_names',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id').notNull().references(() => units.id),
    oldCode: text('old_code'),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    /** full | partial: the old unit went whole into this one, or was split */
    mergeType: text('merge_type'),
  },
  (t) => [index('unit_former_names_unit_idx').on(t.unitId), index('unit_former_names_key_idx').on(t.searchKey)],
);
