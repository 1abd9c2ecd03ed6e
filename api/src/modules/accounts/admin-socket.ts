import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Database } from '@thidua/db';
import type { Config } from '../../config';
import { createOrReissueAdmin } from './accounts.service';

/**
 * The embedded database (PGlite) can be opened by one process only, so while the server runs, the
 * command line asks it through a Unix socket in the data directory instead (readable by the
 * directory's owner only, like the data itself). PostgreSQL needs none of this: the command
 * line opens its own connection beside the server's.
 */
export const adminSocketPath = (config: Config) => join(config.dataDir, 'admin.sock');

export interface AdminCommand {
  command: 'admin:create';
  username: string;
  unitCode?: string | null;
}

export async function runAdminCommand(database: Database, config: Config, request: AdminCommand) {
  if (request.command !== 'admin:create' || typeof request.username !== 'string') throw new Error('lệnh không hợp lệ');
  return createOrReissueAdmin(database.db, config, request.username, request.unitCode ?? null);
}

export function serveAdminSocket(database: Database, config: Config): Server | null {
  if (database.engine !== 'pglite') return null;
  const path = adminSocketPath(config);
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 4096) return socket.destroy();
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      let request: AdminCommand;
      try {
        request = JSON.parse(buffer.slice(0, end));
      } catch {
        return socket.end(`${JSON.stringify({ ok: false, error: 'yêu cầu không hợp lệ' })}\n`);
      }
      runAdminCommand(database, config, request).then(
        (result) => socket.end(`${JSON.stringify({ ok: true, result })}\n`),
        (error: Error) => socket.end(`${JSON.stringify({ ok: false, error: error.message })}\n`),
      );
    });
    socket.on('error', () => {});
  });
  server.listen(path, () => chmodSync(path, 0o600));
  server.unref();
  return server;
}

export function askRunningServer(config: Config, request: AdminCommand): Promise<Awaited<ReturnType<typeof runAdminCommand>>> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(adminSocketPath(config));
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        const answer = JSON.parse(buffer) as { ok: boolean; result?: Awaited<ReturnType<typeof runAdminCommand>>; error?: string };
        if (answer.ok && answer.result) resolve({ ...answer.result, expiresAt: new Date(answer.result.expiresAt) });
        else reject(new Error(answer.error ?? 'máy chủ không trả lời'));
      } catch {
        reject(new Error('máy chủ không trả lời'));
      }
    });
  });
}
