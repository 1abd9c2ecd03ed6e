import { eq } from 'drizzle-orm';
import { units, type Db } from '@thidua/db';

export async function unitsOfPath(db: Db, unitId: number): Promise<number[]> {
  const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return row.path;
}
