import { and, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog, movements, units, type Executor } from '@thidua/db';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  /** entries of this unit's subtree (null: every entry, for a national ADMIN) */
  withinUnitId: number | null;
  /** with withinUnitId null and this set: entries of the movements organized inside this subtree */
  organizerUnitId?: number | null;
  /** an exact action, or a prefix ending in "." (e.g. "account.") */
  action?: string | null;
  actorId?: string | null;
  from?: Date | null;
  /** exclusive */
  until?: Date | null;
  /** keyset: entries older than this id */
  beforeId?: number | null;
}

/** Counting a national log is bounded: a page says "10.001+" rather than scanning millions of rows. */
export const AUDIT_COUNT_CAP = 10_001;

function whereOf(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.withinUnitId != null) parts.push(sql`${auditLog.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.withinUnitId}::int])`);
  if (f.organizerUnitId != null)
    parts.push(
      inArray(
        auditLog.movementId,
        sql`(select ${movements.id} from ${movements} where ${movements.organizerUnitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.organizerUnitId}::int]))`,
      ),
    );
  if (f.action) parts.push(f.action.endsWith('.') ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : eq(auditLog.action, f.action));
  if (f.actorId) parts.push(eq(auditLog.actorUserId, f.actorId));
  if (f.from) parts.push(gte(auditLog.at, f.from));
  if (f.until) parts.push(lt(auditLog.at, f.until));
  return parts.length ? and(...parts) : undefined;
}

export async function listAudit(db: Executor, filter: AuditFilter, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
  const where = whereOf(filter);
  const page = filter.beforeId != null ? and(where, lt(auditLog.id, filter.beforeId)) : where;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(auditLog).where(page).orderBy(desc(auditLog.id)).limit(limit),
    db.select({ total: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(auditLog).where(where).limit(AUDIT_COUNT_CAP).as('capped')),
  ]);
  return { rows, total };
}
