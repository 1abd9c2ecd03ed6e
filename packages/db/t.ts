import { openDatabase, loadReferenceUnits, units } from '@thidua/db';
import { sql } from 'drizzle-orm';
const t0 = Date.now();
const d = await openDatabase({ memory: true });
await d.migrate();
console.log('migrated', Date.now() - t0);
console.log(await loadReferenceUnits(d.db), Date.now() - t0);
console.log(await d.db.select({ c: sql`count(*)` }).from(units));
const dump = await d.dump!(); console.log('dump', dump.size, Date.now() - t0);
const e = await openDatabase({ memory: true, loadDataDir: dump });
console.log(await e.db.select({ c: sql`count(*)` }).from(units), Date.now() - t0);
try { await d.db.execute(sql`delete from points_ledger`); } catch (err) { console.log('refused:', (err as Error).message); }
