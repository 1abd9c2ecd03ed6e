import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, sql } from '@thidua/db';

/**
 * A real PostgreSQL primary and a streaming replica made from it with pg_basebackup, each on a
 * port of its own, in a temporary directory: what DATABASE_URL / DATABASE_READ_URL point at in
 * production, built on this machine from its own PostgreSQL binaries (the machine's own server is
 * left alone). As root the clusters run as the `postgres` user, as PostgreSQL requires.
 */

export interface PrimaryAndReplica {
  primaryUrl: string;
  replicaUrl: string;
  /** stops the replica's WAL replay (pg_wal_replay_pause): it falls behind the primary */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): void;
}

/** The directory of the machine's PostgreSQL server programs (initdb, pg_ctl, pg_basebackup), or null. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } | null {
  const out = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return out.status === 0 && gid.status === 0 ? { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
}

export async function startPrimaryAndReplica(): Promise<PrimaryAndReplica> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server programs not found under /usr/lib/postgresql');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? uidOf('postgres') : null;
  if (asRoot && !owner) throw new Error('running as root, but there is no postgres user to run the clusters');
  const dir = mkdtempSync(join(tmpdir(), 'thidua-replica-'));
  chmodSync(dir, 0o755);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (program: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const options = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on`;
  const started: string[] = [];
  const stop = () => {
    for (const data of started.reverse()) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        /* already stopped */
      }
    }
    started.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's pg_hba.conf with -A trust lets local replication connections in
    run('initdb', ['-D', primary, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    run('pg_ctl', ['-D', primary, '-o', options(primaryPort), '-l', join(dir, 'primary.log'), '-w', 'start']);
    started.push(primary);
    // -R writes standby.signal and the primary's address: the copy starts as a streaming replica
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '--no-sync']);
    run('pg_ctl', ['-D', replica, '-o', options(replicaPort), '-l', join(dir, 'replica.log'), '-w', 'start']);
    started.push(replica);
  } catch (error) {
    stop();
    throw error;
  }
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  const onReplica = async (statement: string) => {
    const client = await openDatabase({ url: replicaUrl, max: 1 });
    try {
      await client.db.execute(sql.raw(statement));
    } finally {
      await client.close();
    }
  };
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl,
    pauseReplay: () => onReplica('select pg_wal_replay_pause()'),
    resumeReplay: () => onReplica('select pg_wal_replay_resume()'),
    stop,
  };
}
