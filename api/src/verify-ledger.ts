import 'reflect-metadata';
import { loadConfig } from './config';
import { openConfiguredDatabase } from './bootstrap';
import { verifyLedger } from './modules/scoring/verify-ledger';

/** `pnpm db:verify`: every stored total equals the sum of the ledger; nothing counted twice. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
const problems = await verifyLedger(database.db);
await database.close();
if (problems.length) {
  console.error(`Sổ điểm KHÔNG khớp: ${problems.length} vấn đề`);
  for (const p of problems.slice(0, 50)) console.error(`  [${p.kind}] ${p.detail}`);
  process.exit(1);
}
console.log('Sổ điểm khớp: mọi tổng điểm bằng tổng các bút toán; không hoạt động nào được tính hai lần.');
