import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { sessions, units, users, type Executor } from '@thidua/db';
import type { SessionUser } from './session-user';

const sessionUserColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitPath: units.path,
  citizenId: users.citizenId,
};

export async function findLoginUser(db: Executor, username: string) {
  const [row] = await db
    .select({
      ...sessionUserColumns,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      setupCodeHash: users.setupCodeHash,
      setupCodeExpiresAt: users.setupCodeExpiresAt,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username));
  return row;
}

export async function findSessionUser(db: Executor, tokenHash: string, now: Date): Promise<{ user: SessionUser; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ ...sessionUserColumns, sessionExpiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    // a disabled account's sessions end with it
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return undefined;
  const { sessionExpiresAt, ...user } = row;
  return { user, expiresAt: sessionExpiresAt };
}

export async function insertSession(db: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
