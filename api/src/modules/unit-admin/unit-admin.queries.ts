import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { units, type Executor } from '@thidua/db';
import { searchKey, type UnitKind } from '@thidua/domain';
import { unitColumns, type UnitRow } from '../units/units.queries';

/** The SQL of unit administration (units are created only by units.queries' insertUnit). */

export async function findUnitForUpdate(db: Executor, id: number): Promise<UnitRow | undefined> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, id)).for('update');
  return row;
}

export async function findUnitsByCodes(db: Executor, codes: readonly string[]): Promise<UnitRow[]> {
  if (!codes.length) return [];
  return db.select(unitColumns).from(units).where(inArray(units.code, [...codes]));
}

export async function childrenOf(db: Executor, parentId: number): Promise<UnitRow[]> {
  return db.select(unitColumns).from(units).where(eq(units.parentId, parentId));
}

/** An active unit of the same kind and name (ignoring case and diacritics) under the parent. */
export async function activeSiblingNamed(db: Executor, parentId: number, kind: UnitKind, name: string, exceptId?: number): Promise<UnitRow | undefined> {
  const key = searchKey(name);
  const rows = await db
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.parentId, parentId), eq(units.kind, kind), isNull(units.deactivatedAt), exceptId != null ? ne(units.id, exceptId) : undefined));
  return rows.find((r) => searchKey(r.name) === key || searchKey(r.fullName) === key);
}

export interface UnitChanges {
  name?: string;
  subtype?: string | null;
  code?: string | null;
  population?: number | null;
  adultPopulation?: number | null;
  households?: number | null;
  denominatorsSource?: string | null;
}

/** Writes the changed fields; a new name is also the full name and the search key. */
export async function updateUnitRow(db: Executor, id: number, changes: UnitChanges): Promise<UnitRow> {
  const naming = changes.name != null ? { fullName: changes.name, searchKey: searchKey(changes.name) } : {};
  const [row] = await db
    .update(units)
    .set({ ...changes, ...naming, updatedAt: sql`now()` })
    .where(eq(units.id, id))
    .returning(unitColumns);
  return row;
}

/** Deactivates the unit and every active unit below it; returns the ids deactivated now. */
export async function deactivateSubtree(db: Executor, id: number, reason: string): Promise<number[]> {
  const rows = await db
    .update(units)
    .set({ deactivatedAt: sql`now()`, deactivatedReason: reason, updatedAt: sql`now()` })
    .where(and(sql`${units.path} @> array[${id}::int]`, isNull(units.deactivatedAt)))
    .returning({ id: units.id });
  return rows.map((r) => r.id);
}

/** Whether a database error is the unique index on unit codes. */
export function isDuplicateCode(error: unknown): boolean {
  for (let e = error as { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '23505' && (e.constraint_name ?? e.constraint ?? e.message ?? '').includes('units_code_uq')) return true;
  }
  return false;
}
