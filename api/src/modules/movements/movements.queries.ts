import { LRUCache } from 'lru-cache';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { movementPhases, movements, scoringRuleVersions, targets, units, type Executor } from '@thidua/db';
import type { MovementStatus } from '@thidua/domain';

export type MovementRow = typeof movements.$inferSelect;
export type PhaseRow = typeof movementPhases.$inferSelect;
export type TargetRow = typeof targets.$inferSelect;
export type RuleVersionRow = typeof scoringRuleVersions.$inferSelect;

export async function findMovement(db: Executor, id: string): Promise<MovementRow | undefined> {
  const [row] = await db.select().from(movements).where(eq(movements.id, id));
  return row;
}

/** Share-locks the movement row: an approval, so a rule version is not applied meanwhile. */
export async function findMovementShared(db: Executor, id: string): Promise<MovementRow | undefined> {
  const [row] = await db.select().from(movements).where(eq(movements.id, id)).for('share');
  return row;
}

/** Locks the movement row for a status change (open/close/edit) so two changes cannot interleave. */
export async function findMovementForUpdate(db: Executor, id: string): Promise<MovementRow | undefined> {
  const [row] = await db.select().from(movements).where(eq(movements.id, id)).for('update');
  return row;
}

/**
 * Movements visible to a caller: ACTIVE and CLOSED ones are public; DRAFTs only to users whose
 * subtree holds the organizer unit (`draftScopeUnitId`).
 */
export async function listMovements(
  db: Executor,
  filter: { status?: MovementStatus; draftScopeUnitId: number | null },
  offset: number,
  limit: number,
): Promise<{ rows: MovementRow[]; total: number }> {
  const parts: SQL[] = [];
  if (filter.status) parts.push(eq(movements.status, filter.status));
  const draftVisible =
    filter.draftScopeUnitId == null
      ? sql`false`
      : sql`exists (select 1 from ${units} where ${units.id} = ${movements.organizerUnitId} and ${units.path} @> array[${filter.draftScopeUnitId}::int])`;
  parts.push(sql`(${movements.status} <> 'DRAFT' or ${draftVisible})`);
  const where = and(...parts);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(movements)
      .where(where)
      .orderBy(sql`case ${movements.status} when 'ACTIVE' then 0 when 'DRAFT' then 1 else 2 end`, desc(movements.startsOn), asc(movements.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(movements).where(where),
  ]);
  return { rows, total };
}

export async function phasesOf(db: Executor, movementIds: readonly string[]): Promise<PhaseRow[]> {
  if (!movementIds.length) return [];
  return db.select().from(movementPhases).where(inArray(movementPhases.movementId, [...movementIds])).orderBy(asc(movementPhases.startsOn));
}

export async function targetsOf(db: Executor, movementIds: readonly string[]): Promise<TargetRow[]> {
  if (!movementIds.length) return [];
  return db.select().from(targets).where(inArray(targets.movementId, [...movementIds])).orderBy(asc(targets.createdAt), asc(targets.id));
}

export async function ruleVersionsOf(db: Executor, movementId: string): Promise<RuleVersionRow[]> {
  return db.select().from(scoringRuleVersions).where(eq(scoringRuleVersions.movementId, movementId)).orderBy(asc(scoringRuleVersions.version));
}

/** A movement and the rules of its current version, in one query. */
export async function findMovementWithRules(db: Executor, id: string): Promise<{ movement: MovementRow; rules: unknown } | undefined> {
  const [row] = await db
    .select({ movement: movements, rules: scoringRuleVersions.rules })
    .from(movements)
    .innerJoin(scoringRuleVersions, and(eq(scoringRuleVersions.movementId, movements.id), eq(scoringRuleVersions.version, movements.currentRuleVersion)))
    .where(eq(movements.id, id));
  return row;
}

/** Rule versions read by approvals, per database (a version's row is never changed once written). */
const ruleVersions = new WeakMap<object, LRUCache<string, RuleVersionRow>>();

/**
 * A movement's rule version, kept for the database `db` once read (through `tx`, the transaction
 * that needs it: a committed row, since only the transaction that writes a version could see it
 * before its commit, and that one does not come here).
 */
export async function cachedRuleVersion(db: object, tx: Executor, movementId: string, version: number): Promise<RuleVersionRow | undefined> {
  let cache = ruleVersions.get(db);
  if (!cache) ruleVersions.set(db, (cache = new LRUCache<string, RuleVersionRow>({ max: 1_000 })));
  const key = `${movementId}:${version}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const row = await findRuleVersion(tx, movementId, version);
  if (row) cache.set(key, row);
  return row;
}

export async function findRuleVersion(db: Executor, movementId: string, version: number): Promise<RuleVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(scoringRuleVersions)
    .where(and(eq(scoringRuleVersions.movementId, movementId), eq(scoringRuleVersions.version, version)));
  return row;
}
