import { auditLog, type Executor } from '@thidua/db';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  data?: unknown;
}

/** Appends to the audit log; call it inside the transaction that makes the change. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, reason: entry.reason ?? null, data: entry.data ?? null });
}
