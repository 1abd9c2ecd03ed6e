import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { containsPattern, queryRows, unitFormerNames, units, type Executor } from '@thidua/db';
import { searchKey, type UnitKind } from '@thidua/domain';

/** The SQL of the units module. */
export const unitColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  fullName: units.fullName,
  subtype: units.subtype,
  kind: units.kind,
  parentId: units.parentId,
  path: units.path,
  depth: units.depth,
  provinceId: units.provinceId,
  communeId: units.communeId,
  population: units.population,
  adultPopulation: units.adultPopulation,
  households: units.households,
  denominatorsSource: units.denominatorsSource,
  deactivatedAt: units.deactivatedAt,
  deactivatedReason: units.deactivatedReason,
};
export type UnitRow = {
  id: number;
  code: string | null;
  name: string;
  fullName: string;
  subtype: string | null;
  kind: UnitKind;
  parentId: number | null;
  path: number[];
  depth: number;
  provinceId: number | null;
  communeId: number | null;
  population: number | null;
  adultPopulation: number | null;
  households: number | null;
  denominatorsSource: string | null;
  /** a deactivated unit keeps its history and standings, and takes no new activities */
  deactivatedAt: Date | null;
  deactivatedReason: string | null;
};

export async function findUnitsByIds(db: Executor, ids: readonly number[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return db.select(unitColumns).from(units).where(inArray(units.id, [...ids]));
}

/** The given units and every ancestor of each (paths include the unit itself), in one query. */
export async function findUnitsWithAncestors(db: Executor, ids: readonly number[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  const u = alias(units, 'u');
  return db
    .select(unitColumns)
    .from(units)
    .where(inArray(units.id, db.select({ id: sql<number>`unnest(${u.path})` }).from(u).where(inArray(u.id, [...ids]))));
}

export async function findUnitByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.code, code));
  return row;
}

export interface UnitFilter {
  /** already a searchKey(): lower case, no diacritics */
  search?: string;
  kind?: UnitKind;
  parentId?: number;
  /** deactivated units are left out unless asked for (pickers offer only active ones) */
  includeDeactivated?: boolean;
}

function whereOf(filter: UnitFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.kind) parts.push(eq(units.kind, filter.kind));
  if (filter.parentId != null) parts.push(eq(units.parentId, filter.parentId));
  if (!filter.includeDeactivated) parts.push(isNull(units.deactivatedAt));
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    parts.push(
      sql`(${units.searchKey} like ${pattern} or ${units.id} in (select ${unitFormerNames.unitId} from ${unitFormerNames} where ${unitFormerNames.searchKey} like ${pattern}))`,
    );
  }
  return parts.length ? and(...parts) : undefined;
}

const KIND_ORDER = sql`case ${units.kind} when 'COUNTRY' then 0 when 'PROVINCE' then 1 when 'COMMUNE' then 2 when 'RESIDENTIAL_GROUP' then 3 else 4 end`;

/**
 * One page of units. With a search, units whose own name matches come before those found by a
 * former name, and a name starting with the words typed comes first.
 */
export async function listUnits(db: Executor, filter: UnitFilter, offset: number, limit: number): Promise<{ rows: UnitRow[]; total: number }> {
  const where = whereOf(filter);
  const order: SQL[] = [];
  if (filter.search) {
    // whole-word matches first ("ha long" → Hạ Long before Pha Long), own names before former names
    const word = `% ${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const pattern = containsPattern(filter.search);
    const formerLike = (p: string) =>
      sql`exists (select 1 from ${unitFormerNames} where ${unitFormerNames.unitId} = ${units.id} and ' ' || ${unitFormerNames.searchKey} like ${p})`;
    order.push(
      sql`case when ' ' || ${units.searchKey} like ${word} then 0 when ${formerLike(word)} then 1 when ${units.searchKey} like ${pattern} then 2 else 3 end`,
    );
  }
  order.push(KIND_ORDER, sql`${units.population} desc nulls last`, sql`${units.name} collate "C"`, asc(units.id));
  const [rows, [{ total }]] = await Promise.all([
    db.select(unitColumns).from(units).where(where).orderBy(...order).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(units).where(where),
  ]);
  return { rows, total };
}

export async function formerNamesOf(db: Executor, unitIds: readonly number[]): Promise<Map<number, string[]>> {
  const byUnit = new Map<number, string[]>();
  if (!unitIds.length) return byUnit;
  const rows = await db
    .select({ unitId: unitFormerNames.unitId, name: unitFormerNames.name })
    .from(unitFormerNames)
    .where(inArray(unitFormerNames.unitId, [...unitIds]))
    .orderBy(asc(unitFormerNames.id));
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.name]);
  return byUnit;
}

export async function countChildren(db: Executor, unitIds: readonly number[]): Promise<Map<number, number>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .select({ parentId: units.parentId, n: sql<number>`count(*)::int` })
    .from(units)
    .where(inArray(units.parentId, [...unitIds]))
    .groupBy(units.parentId);
  return new Map(rows.map((r) => [r.parentId!, r.n]));
}

export interface NewUnit {
  parentId: number;
  kind: UnitKind;
  name: string;
  fullName?: string;
  subtype?: string | null;
  code?: string | null;
  population?: number | null;
  adultPopulation?: number | null;
  households?: number | null;
  denominatorsSource?: string | null;
}

/**
 * Adds a unit under a parent, with its path and the province/commune it belongs to. The one way
 * units are created (API, demo data, imports).
 */
export async function insertUnit(db: Executor, input: NewUnit, knownParent?: UnitRow): Promise<UnitRow> {
  // an import creating thousands of rows already holds each parent
  const [parent] = knownParent?.id === input.parentId ? [knownParent] : await db.select(unitColumns).from(units).where(eq(units.id, input.parentId));
  if (!parent) throw new Error(`parent unit ${input.parentId} not found`);
  const [{ id }] = await queryRows<{ id: number }>(db, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
  const fullName = input.fullName ?? input.name;
  const [row] = await db
    .insert(units)
    .values({
      id,
      code: input.code ?? null,
      name: input.name,
      fullName,
      subtype: input.subtype ?? null,
      kind: input.kind,
      parentId: parent.id,
      path: [...parent.path, id],
      depth: parent.depth + 1,
      provinceId: input.kind === 'PROVINCE' ? id : parent.provinceId,
      communeId: input.kind === 'COMMUNE' ? id : parent.communeId,
      searchKey: searchKey(fullName),
      population: input.population ?? null,
      adultPopulation: input.adultPopulation ?? null,
      households: input.households ?? null,
      denominatorsSource: input.denominatorsSource ?? null,
    })
    .returning(unitColumns);
  return row;
}
