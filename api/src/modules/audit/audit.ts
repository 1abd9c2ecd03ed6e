import { auditLog, type Executor } from '@thidua/db';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  data?: unknown;
  /**
   * The unit whose subtree the change lies in, and the movement it belongs to. Left out, they are
   * looked up from the subject (activity, movement, unit, user, citizen, household, badge award) by
   * the table's insert trigger.
   */
  unitId?: number | null;
  movementId?: string | null;
}

/** Appends to the audit log; call it inside the transaction that makes the change. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, reason: entry.reason ?? null, data: entry.data ?? null, unitId: entry.unitId ?? null, movementId: entry.movementId ?? null });
}
