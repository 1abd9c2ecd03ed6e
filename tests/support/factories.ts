import { randomUUID } from 'node:crypto';
import { activities, movements, pointsLedger, users, type Db } from '@thidua/db';
import type { Role } from '@thidua/domain';
import { hashPassword } from '@thidua/api/src/modules/auth/password';

/** Ids of the reference tree (fixed in every database): Việt Nam and the provinces/communes used below. */
export const COUNTRY_ID = 1;

let sequence = 0;
const next = () => `${process.pid}_${++sequence}`;

/** A user account; the password is returned so the test can log in. */
export async function newUser(db: Db, fields: { role: Role; unitId?: number; username?: string; password?: string; displayName?: string }) {
  const username = fields.username ?? `user_${next()}`;
  const password = fields.password ?? 'mat-khau-thu-nghiem';
  const [row] = await db
    .insert(users)
    .values({ username, displayName: fields.displayName ?? `Người dùng ${username}`, role: fields.role, unitId: fields.unitId ?? COUNTRY_ID, passwordHash: await hashPassword(password) })
    .returning({ id: users.id });
  return { id: row.id, username, password };
}

/** A movement written straight to the table (no API rules applied): ACTIVE, national, communes compete. */
export async function newMovement(db: Db, fields: Partial<typeof movements.$inferInsert> = {}) {
  const [row] = await db
    .insert(movements)
    .values({
      title: `Phong trào thử nghiệm ${next()}`,
      organizerUnitId: COUNTRY_ID,
      scopeUnitId: COUNTRY_ID,
      competingKinds: ['COMMUNE'],
      startsOn: '2025-09-01',
      endsOn: '2025-12-31',
      status: 'ACTIVE',
      ...fields,
    })
    .returning();
  return row;
}

/** A submitted "class held" activity of a unit in a movement. */
export async function newActivity(db: Db, fields: Pick<typeof activities.$inferInsert, 'movementId' | 'unitId'> & Partial<typeof activities.$inferInsert>) {
  const [row] = await db
    .insert(activities)
    .values({ id: randomUUID(), kind: 'CLASS', occurredOn: '2025-09-15', attendeeCount: 20, topics: ['VNEID'], fingerprint: `test-${next()}`, ...fields })
    .returning();
  return row;
}

/** An award row in the points ledger. */
export async function newLedgerEntry(db: Db, fields: Pick<typeof pointsLedger.$inferInsert, 'movementId' | 'unitId' | 'activityId'> & Partial<typeof pointsLedger.$inferInsert>) {
  const [row] = await db
    .insert(pointsLedger)
    .values({ ruleVersion: 1, entryKind: 'AWARD', points: 10, occurredOn: '2025-09-15', ...fields })
    .returning();
  return row;
}

/**
 * A country-wide movement of communes (September–December 2026), created and opened through the
 * API by `admin` (a signed-in ADMIN client), as the boards' tests start from. Returns its id.
 */
export async function openCommuneMovement(admin: { gql: (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown }> }, title: string): Promise<string> {
  const created = await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
    input: { title, organizerUnitId: String(COUNTRY_ID), scopeUnitId: String(COUNTRY_ID), competingKinds: ['COMMUNE'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
  });
  const id = created.data?.createMovement?.id as string | undefined;
  if (!id) throw new Error(`createMovement failed: ${JSON.stringify(created.errors)}`);
  const opened = await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id });
  if (opened.data?.openMovement?.status !== 'ACTIVE') throw new Error(`openMovement failed: ${JSON.stringify(opened.errors)}`);
  return id;
}
