import { openDatabase, queryRows, sql, type Database, type Db } from '@thidua/db';
import type { Config } from './config';
import { log } from './logger';

/** Where a public read goes, and how recent what it reads is. */
export interface ReadSource {
  db: Db;
  /** the primary's state the data reflects: now on the primary, the replayed point on a replica */
  asOf: Date;
  replica: boolean;
}

/** How often the replica's position is compared with the primary's. */
export const REPLICA_CHECK_MS = 500;
/** Samples of the primary's WAL position kept (a minute at REPLICA_CHECK_MS). */
const MAX_SAMPLES = 120;

/** A PostgreSQL LSN ("16/B374D848") as a number that orders correctly. */
export function lsnValue(lsn: string | null | undefined): bigint | null {
  if (!lsn) return null;
  const [hi, lo] = lsn.split('/');
  if (hi === undefined || lo === undefined) return null;
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * A streaming replica for public reads, with bounded staleness. Every REPLICA_CHECK_MS the primary's
 * WAL position is sampled with its time, and the replica's replayed position read: the replica holds
 * everything the primary held at the latest sample it has replayed past — that sample's time is
 * the "as of" of its data (an idle primary: the latest sample, about now). While it is no older than
 * READ_MAX_STALENESS, public reads go to the replica; past it, or when the replica does not answer,
 * they go to the primary until it catches up. Writes and signed-in reads always use the primary.
 */
export class ReadReplica {
  private samples: { at: number; lsn: bigint }[] = [];
  private asOf: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private healthy = false;

  private constructor(
    private readonly primary: Database,
    private readonly replica: Database,
    private readonly maxStalenessMs: number,
  ) {}

  static async open(config: Config, primary: Database): Promise<ReadReplica | null> {
    if (!config.databaseReadUrl || primary.engine !== 'postgres') return null;
    const replica = await openDatabase({ url: config.databaseReadUrl, max: config.databasePoolSize, readPool: 0, ...config.databaseTimeouts });
    const reader = new ReadReplica(primary, replica, config.readMaxStalenessSeconds * 1000);
    await reader.check();
    reader.timer = setInterval(() => void reader.check(), REPLICA_CHECK_MS);
    reader.timer.unref();
    return reader;
  }

  /** Compares positions once (also called by the timer). */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const at = Date.now();
      const [p] = await queryRows<{ lsn: string }>(this.primary.db, sql`select pg_current_wal_lsn()::text as lsn`);
      const lsn = lsnValue(p?.lsn);
      if (lsn != null) {
        this.samples.push({ at, lsn });
        if (this.samples.length > MAX_SAMPLES) this.samples.splice(0, this.samples.length - MAX_SAMPLES);
      }
      const [r] = await queryRows<{ lsn: string | null; recovering: boolean }>(
        this.replica.db,
        sql`select coalesce(pg_last_wal_replay_lsn(), pg_last_wal_receive_lsn())::text as lsn, pg_is_in_recovery() as recovering`,
      );
      const replayed = lsnValue(r?.lsn);
      let asOf: number | null = null;
      if (r?.recovering && replayed != null) for (const s of this.samples) if (s.lsn <= replayed) asOf = s.at;
      this.asOf = asOf;
      const wasHealthy = this.healthy;
      this.healthy = asOf != null && Date.now() - asOf <= this.maxStalenessMs;
      if (wasHealthy !== this.healthy)
        log().warn({ replica: this.healthy, lagMs: asOf == null ? null : Date.now() - asOf }, this.healthy ? 'public reads back on the replica' : 'replica behind or unreachable: public reads on the primary');
    } catch (error) {
      if (this.healthy) log().warn({ err: error }, 'replica check failed: public reads on the primary');
      this.healthy = false;
      this.asOf = null;
    } finally {
      this.checking = false;
    }
  }

  /** Where a public read goes now. */
  source(): ReadSource {
    if (this.healthy && this.asOf != null && Date.now() - this.asOf <= this.maxStalenessMs) return { db: this.replica.db, asOf: new Date(this.asOf), replica: true };
    return { db: this.primary.db, asOf: new Date(), replica: false };
  }

  /** How far behind the replica is (ms), or null when unknown: for /metrics. */
  lagMs(): number | null {
    return this.asOf == null ? null : Date.now() - this.asOf;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.replica.close();
  }
}
