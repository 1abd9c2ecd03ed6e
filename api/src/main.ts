import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { DataDirLockedError } from '@thidua/db';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { openConfiguredDatabase } from './bootstrap';
import { appRoutes } from './routes';
import { DEMO_PASSWORD, seedDemo, type DemoSummary } from './demo/seed';
import { serveAdminSocket } from './modules/accounts/admin-socket';
import { log } from './logger';

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function printDemo(demo: DemoSummary | null) {
  if (!demo) return;
  console.log(`\nTài khoản demo (mật khẩu: ${DEMO_PASSWORD}):`);
  for (const a of demo.accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.unitName}`);
}

/** One API process: the whole app when WORKERS=1, or one of the cluster's workers. */
async function serve(config: Config) {
  const database = await openConfiguredDatabase(config);
  let demo: DemoSummary | null = null;
  // with workers, the primary has seeded before forking
  if (config.demoData && cluster.isPrimary) demo = await seedDemo(database.db, config);
  const app = await createApp(config, database, appRoutes);
  const url = await app.listen();
  serveAdminSocket(database, config);

  if (cluster.isPrimary) {
    console.log(`\nThi đua số đang chạy: ${url}   (GraphQL: ${url}/graphql)`);
    console.log(`Cơ sở dữ liệu: ${database.engine === 'pglite' ? `PGlite nhúng tại ${config.dataDir}` : 'PostgreSQL'} — khởi động ${seconds()} s`);
    printDemo(demo);
    console.log('');
  }

  const stop = async (signal: string) => {
    if (cluster.isPrimary) console.log(`\n${signal}: đang dừng…`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * WORKERS=N: this process migrates and loads once (workers then find nothing to do), seeds demo
 * data if asked, and forks N workers that share the port (node:cluster hands out connections).
 * A worker that dies is replaced; one that dies right after starting is replaced after a pause,
 * so a broken deployment does not spin.
 */
async function runPrimary(config: Config) {
  const database = await openConfiguredDatabase(config);
  const demo = config.demoData ? await seedDemo(database.db, config) : null;
  await database.close();

  let stopping = false;
  const bornAt = new Map<Worker, number>();
  const fork = () => bornAt.set(cluster.fork(), Date.now());
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening !== config.workers) return;
    // PORT=0: the workers share one port the primary picked
    const url = `http://localhost:${address.port}`;
    console.log(`\nThi đua số đang chạy: ${url}   (GraphQL: ${url}/graphql)`);
    console.log(`PostgreSQL, ${config.workers} tiến trình API (pid ${Object.values(cluster.workers ?? {}).map((w) => w?.process.pid).join(', ')}) — khởi động ${seconds()} s`);
    printDemo(demo);
    console.log('');
  });
  cluster.on('exit', (worker, code, signal) => {
    const age = Date.now() - (bornAt.get(worker) ?? 0);
    bornAt.delete(worker);
    // exit code 0 is a worker stopped on purpose (a signal it handled, e.g. Ctrl-C reaching the whole group)
    if (stopping || (code === 0 && !signal)) return;
    console.error(`Tiến trình API ${worker.process.pid} đã dừng (${signal ?? `mã ${code}`}); khởi động lại.`);
    setTimeout(fork, age < 5_000 ? 2_000 : 0);
  });
  for (let i = 0; i < config.workers; i++) fork();

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: đang dừng ${bornAt.size} tiến trình API…`);
    const workers = [...bornAt.keys()];
    await Promise.all(workers.map((w) => new Promise<void>((r) => (w.isDead() ? r() : (w.once('exit', () => r()), w.process.kill('SIGTERM'))))));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main() {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) await runPrimary(config);
  else await serve(config);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Cấu hình không hợp lệ (${error.problems.length} lỗi):`);
    for (const p of error.problems) console.error(`  - ${p}`);
  } else if (error instanceof DataDirLockedError) console.error(`Lỗi: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Lỗi: cổng đã có chương trình khác dùng. Đặt PORT khác, ví dụ PORT=4001.`);
  // an unexpected failure (a migration, the database): through the logger, which keeps SQL out
  else log().fatal({ err: error }, 'start-up failed');
  process.exit(1);
});
