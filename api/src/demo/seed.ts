import { eq } from 'drizzle-orm';
import { users, type Db } from '@thidua/db';
import type { Config } from '../config';
import { hashPassword } from '../modules/auth/password';

export const DEMO_PASSWORD = 'thidua2025';

export interface DemoSummary {
  created: boolean;
  accounts: { username: string; role: string; unitName: string }[];
}

/** Placeholder: replaced by the full demo data set. */
export async function seedDemo(db: Db, _config: Config): Promise<DemoSummary> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (!existing.length) await db.insert(users).values({ username: 'admin', displayName: 'Quản trị hệ thống', role: 'ADMIN', unitId: 1, passwordHash: await hashPassword(DEMO_PASSWORD) });
  return { created: !existing.length, accounts: [{ username: 'admin', role: 'ADMIN', unitName: 'Việt Nam' }] };
}
