import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern, sessions, units, users, type Executor } from '@thidua/db';
import type { Role } from '@thidua/domain';
import type { AccountState } from '../auth/user.type';

/** The SQL of the accounts module. */
export const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  citizenId: users.citizenId,
  disabledAt: users.disabledAt,
  disabledReason: users.disabledReason,
  activated: sql<boolean>`${users.passwordHash} is not null`.as('activated'),
  setupCodeExpiresAt: users.setupCodeExpiresAt,
  createdAt: users.createdAt,
};
export type AccountRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  citizenId: string | null;
} & AccountState;

export async function findAccounts(db: Executor, ids: readonly string[]): Promise<AccountRow[]> {
  if (!ids.length) return [];
  return db.select(accountColumns).from(users).where(inArray(users.id, [...ids]));
}

export async function findAccountByUsername(db: Executor, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.username, username));
  return row;
}

export interface AccountFilter {
  /** the subtree searched (the caller's unit, or a unit inside it) */
  withinUnitId: number;
  role?: Role | null;
  /** already lower case; matched in username and display name */
  search?: string | null;
  includeCitizens: boolean;
}

export async function listAccounts(db: Executor, filter: AccountFilter, offset: number, limit: number): Promise<{ rows: AccountRow[]; total: number }> {
  const parts: SQL[] = [sql`${users.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${filter.withinUnitId}::int])`];
  if (filter.role) parts.push(eq(users.role, filter.role));
  else if (!filter.includeCitizens) parts.push(ne(users.role, 'CITIZEN'));
  if (filter.search) parts.push(or(ilike(users.username, containsPattern(filter.search)), ilike(users.displayName, containsPattern(filter.search)))!);
  const where = and(...parts);
  const [rows, [{ total }]] = await Promise.all([
    db.select(accountColumns).from(users).where(where).orderBy(asc(users.username)).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows, total };
}

/** Ends a person's sessions (all, or all but the one the request came with). */
export async function deleteSessionsOf(db: Executor, userId: string, exceptTokenHash?: string | null): Promise<void> {
  await db.delete(sessions).where(exceptTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)) : eq(sessions.userId, userId));
}

export async function usernamesTaken(db: Executor, usernames: readonly string[]): Promise<Map<string, AccountRow>> {
  if (!usernames.length) return new Map();
  const rows = await db.select(accountColumns).from(users).where(inArray(users.username, [...usernames]));
  return new Map(rows.map((r) => [r.username, r]));
}
