import 'reflect-metadata';
import { DataDirLockedError } from '@thidua/db';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { openConfiguredDatabase } from './bootstrap';
import { appRoutes } from './routes';
import { DEMO_PASSWORD, seedDemo, type DemoSummary } from './demo/seed';
import { serveAdminSocket } from './cli/admin-socket';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  let demo: DemoSummary | null = null;
  if (config.demoData) demo = await seedDemo(database.db, config);
  const app = await createApp(config, database, appRoutes);
  const url = await app.listen();
  serveAdminSocket(database, config);

  console.log(`\nThi đua số đang chạy: ${url}   (GraphQL: ${url}/graphql)`);
  console.log(`Cơ sở dữ liệu: ${database.engine === 'pglite' ? `PGlite nhúng tại ${config.dataDir}` : 'PostgreSQL'} — khởi động ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (demo) {
    console.log(`\nTài khoản demo (mật khẩu: ${DEMO_PASSWORD}):`);
    for (const a of demo.accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.unitName}`);
  }
  console.log('');

  const stop = async (signal: string) => {
    console.log(`\n${signal}: đang dừng…`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) console.error(`Lỗi: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Lỗi: cổng đã có chương trình khác dùng. Đặt PORT khác, ví dụ PORT=4001.`);
  else console.error(error);
  process.exit(1);
});
