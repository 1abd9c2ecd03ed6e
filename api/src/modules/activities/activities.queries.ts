import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { activities, evidenceFiles, pointsLedger, queryRows, unitDailyTotals, unitMovementTotals, units, users, type Executor } from '@thidua/db';
import type { ActivityKind, ActivityStatus } from '@thidua/domain';

/** The SQL of the activities module. */
export type ActivityRow = typeof activities.$inferSelect;
export type NewActivityRow = typeof activities.$inferInsert;

export async function insertActivities(db: Executor, rows: NewActivityRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await db.insert(activities).values(rows).onConflictDoNothing({ target: activities.id }).returning({ id: activities.id });
  return new Set(inserted.map((r) => r.id));
}

export async function findActivities(db: Executor, ids: readonly string[]): Promise<ActivityRow[]> {
  if (!ids.length) return [];
  return db.select().from(activities).where(inArray(activities.id, [...ids]));
}

export async function findActivityForUpdate(db: Executor, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db.select().from(activities).where(eq(activities.id, id)).for('update');
  return row;
}

/** What the plausibility checks compare a new class with: the unit's earlier classes. */
export async function classHistory(db: Executor, movementIds: string[], unitIds: number[]) {
  if (!unitIds.length) return [];
  return db
    .select({ unitId: activities.unitId, attendeeCount: activities.attendeeCount, listHash: sql<string | null>`${activities.details}->>'attendeeListHash'` })
    .from(activities)
    .where(and(inArray(activities.movementId, movementIds), inArray(activities.unitId, unitIds), eq(activities.kind, 'CLASS'), sql`${activities.status} <> 'REJECTED'`))
    .orderBy(desc(activities.recordedAt))
    .limit(2000);
}

/** Classes per instructor per day, for the "many classes by one instructor in a day" flag. */
export async function instructorDayCounts(db: Executor, movementIds: string[], days: string[]): Promise<{ instructor: string; day: string; n: number }[]> {
  if (!days.length) return [];
  return queryRows(
    db,
    sql`select i.name as instructor, a.occurred_on::text as day, count(*)::int as n
        from activities a cross join lateral jsonb_array_elements_text(coalesce(a.details->'instructors', '[]'::jsonb)) as i(name)
        where a.movement_id in (${sql.join(movementIds.map((m) => sql`${m}::uuid`), sql`, `)})
          and a.occurred_on in (${sql.join(days.map((d) => sql`${d}::date`), sql`, `)})
          and a.kind = 'CLASS' and a.status <> 'REJECTED'
        group by 1, 2`,
  );
}

export interface ActivityListFilter {
  scopeUnitId: number;
  movementId?: string;
  unitId?: number;
  status?: ActivityStatus;
  kind?: ActivityKind;
  flagged?: boolean;
}

function listWhere(f: ActivityListFilter): SQL {
  const parts: SQL[] = [sql`${activities.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.scopeUnitId}::int])`];
  if (f.unitId != null) parts.push(sql`${activities.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.unitId}::int])`);
  if (f.movementId) parts.push(eq(activities.movementId, f.movementId));
  if (f.status) parts.push(eq(activities.status, f.status));
  if (f.kind) parts.push(eq(activities.kind, f.kind));
  if (f.flagged === true) parts.push(sql`cardinality(${activities.flags}) > 0`);
  if (f.flagged === false) parts.push(sql`cardinality(${activities.flags}) = 0`);
  return and(...parts)!;
}

export async function listActivities(db: Executor, f: ActivityListFilter, offset: number, limit: number) {
  const where = listWhere(f);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(activities).where(where).orderBy(desc(activities.recordedAt), asc(activities.id)).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(activities).where(where),
  ]);
  return { rows, total };
}

export async function listIdsForBulk(db: Executor, f: ActivityListFilter, limit: number): Promise<{ id: string; recordedBy: string | null; flags: string[] }[]> {
  return db
    .select({ id: activities.id, recordedBy: activities.recordedBy, flags: activities.flags })
    .from(activities)
    .where(listWhere(f))
    .orderBy(asc(activities.recordedAt), asc(activities.id))
    .limit(limit);
}

export async function pointsByActivity(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: pointsLedger.activityId, points: sql<string>`sum(${pointsLedger.points})` })
    .from(pointsLedger)
    .where(inArray(pointsLedger.activityId, [...ids]))
    .groupBy(pointsLedger.activityId);
  return new Map(rows.map((r) => [r.id, Number(r.points)]));
}

export async function evidenceOf(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select().from(evidenceFiles).where(inArray(evidenceFiles.activityId, [...ids])).orderBy(asc(evidenceFiles.createdAt));
}

export async function displayNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export { unitDailyTotals, unitMovementTotals };
