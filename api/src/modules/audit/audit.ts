import { sql } from 'drizzle-orm';
import { type Executor } from '@thidua/db';

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
  // a fixed statement (columns of audit_log in packages/db/src/schema): written by every change
  const data = entry.data === undefined || entry.data === null ? null : JSON.stringify(entry.data);
  await db.execute(sql`insert into audit_log (actor_user_id, action, entity_type, entity_id, reason, data, unit_id, movement_id)
    values (${entry.actorUserId}::uuid, ${entry.action}::text, ${entry.entityType}::text, ${entry.entityId}::text, ${entry.reason ?? null}::text,
            ${data}::jsonb, ${entry.unitId ?? null}::int, ${entry.movementId ?? null}::uuid)`);
}
