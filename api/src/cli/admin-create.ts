/**
 * pnpm admin:create <username> [--unit <official code>]
 *
 * The first administrator of a deployment (or a new setup code for an existing ADMIN who lost
 * access). Runs on the configured database — DATABASE_URL, or the embedded one in DATA_DIR — with
 * or without a server running, and prints `setup code: <code>` to be used at /kich-hoat.
 */
import 'reflect-metadata';
import { DataDirLockedError } from '@thidua/db';
import { ConfigError, loadConfig } from '../config';
import { openConfiguredDatabase } from '../bootstrap';
import { askRunningServer, runAdminCommand, type AdminCommand } from '../modules/accounts/admin-socket';

const USAGE = 'Cách dùng: pnpm admin:create <tên đăng nhập> [--unit <mã đơn vị>]';

function parseArgs(argv: string[]): AdminCommand {
  const args = argv.filter((a) => a !== '--');
  let unitCode: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--unit') unitCode = args[++i] ?? '';
    else if (args[i].startsWith('--unit=')) unitCode = args[i].slice(7);
    else if (args[i] === '--help' || args[i] === '-h') throw new ConfigError([USAGE]);
    else rest.push(args[i]);
  }
  if (rest.length !== 1 || unitCode === '') throw new ConfigError([USAGE]);
  return { command: 'admin:create', username: rest[0], unitCode };
}

async function main() {
  const request = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  let result: Awaited<ReturnType<typeof runAdminCommand>>;
  try {
    const database = await openConfiguredDatabase(config);
    try {
      result = await runAdminCommand(database, config, request);
    } finally {
      await database.close();
    }
  } catch (error) {
    // the embedded database is held by the running server: ask it
    if (!(error instanceof DataDirLockedError)) throw error;
    result = await askRunningServer(config, request);
  }
  console.log(result.created ? `Đã tạo quản trị viên ${result.username} cho ${result.unitName}.` : `Đã cấp mã kích hoạt mới cho quản trị viên ${result.username} (${result.unitName}).`);
  console.log(`setup code: ${result.setupCode}`);
  console.log(`Kích hoạt tại ${result.activationUrl} trước ${result.expiresAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`Lỗi: ${error.message}`);
    process.exit(1);
  },
);
