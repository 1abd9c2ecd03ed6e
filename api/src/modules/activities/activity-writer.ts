import { isTransientDatabaseError, type Executor } from '@thidua/db';
import { insertActivities, type ActivityRow, type NewActivityRow } from './activities.queries';

export interface EvidenceLink {
  evidenceId: string;
  activityId: string;
}

interface Submission {
  rows: NewActivityRow[];
  links: EvidenceLink[];
  resolve(inserted: Map<string, ActivityRow>): void;
  reject(error: unknown): void;
}

/** At most this many rows go into one combined statement (a sync batch's size). */
const MAX_ROWS_PER_STATEMENT = 500;
/** Statements in flight at once per database; the rest wait and are combined. */
export const MAX_IN_FLIGHT = 1;

/**
 * Combines recordings that arrive while earlier ones are being written into one statement, the way
 * a database combines commits: a request that finds a free slot is written at once; requests that
 * arrive meanwhile wait for the next statement and share it (and its durable commit). Every
 * submitter gets only the rows it inserted; an id sent by two submitters belongs to the first, so
 * the second reads it back as a duplicate. If a combined statement fails, each submission is
 * retried on its own, so one bad submission never fails another.
 */
export class ActivityWriter {
  private readonly queue: Submission[] = [];
  private inFlight = 0;

  /** recordings waiting for a statement, and statements being written (for /metrics) */
  get load(): { waiting: number; writing: number } {
    return { waiting: this.queue.reduce((n, s) => n + s.rows.length, 0), writing: this.inFlight };
  }

  constructor(private readonly db: Executor) {}

  /** Writes the rows (ids already stored are skipped) and resolves with the rows this call inserted, by id. */
  write(rows: NewActivityRow[], links: EvidenceLink[]): Promise<Map<string, ActivityRow>> {
    if (!rows.length) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, links, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const batch: Submission[] = [this.queue.shift()!];
      let size = batch[0].rows.length;
      while (this.queue.length && size + this.queue[0].rows.length <= MAX_ROWS_PER_STATEMENT) {
        const next = this.queue.shift()!;
        size += next.rows.length;
        batch.push(next);
      }
      this.inFlight++;
      void this.run(batch);
    }
  }

  /**
   * Writes a batch; as soon as its statement is done the next one is sent, before this batch's
   * callers go on to answer their requests (the database is not left waiting for their responses).
   */
  private async run(batch: Submission[]): Promise<void> {
    let inserted: Map<string, ActivityRow>[] | null = null;
    let failure: unknown = null;
    try {
      inserted = await this.insert(batch);
    } catch (error) {
      failure = error ?? new Error('insert failed');
    }
    // a database fault (unreachable, restarting) is nobody's submission: all of them fail at once,
    // instead of one after the other, each waiting out the connect timeout while the queue grows
    if (inserted || batch.length === 1 || isTransientDatabaseError(failure)) {
      this.inFlight--;
      this.pump();
      if (inserted) batch.forEach((s, i) => s.resolve(inserted[i]));
      else batch.forEach((s) => s.reject(failure));
      return;
    }
    // a shared statement failed: each submission on its own, so only the bad one fails
    try {
      for (const s of batch)
        await this.insert([s]).then(
          ([own]) => s.resolve(own),
          (e: unknown) => s.reject(e),
        );
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  /** One statement for the batch; the rows each submission inserted. */
  private async insert(batch: Submission[]): Promise<Map<string, ActivityRow>[]> {
    const owner = new Map<string, number>();
    const rows: NewActivityRow[] = [];
    const links: EvidenceLink[] = [];
    batch.forEach((s, i) => {
      for (const row of s.rows)
        if (!owner.has(row.id)) {
          owner.set(row.id, i);
          rows.push(row);
        }
      for (const link of s.links) if (owner.get(link.activityId) === i) links.push(link);
    });
    const out = batch.map(() => new Map<string, ActivityRow>());
    for (const row of await insertActivities(this.db, rows, links)) out[owner.get(row.id)!].set(row.id, row);
    return out;
  }
}

const writers = new WeakMap<Executor, ActivityWriter>();

/** The writer of a database (or of a transaction: statements are only combined on the same executor). */
export function activityWriter(db: Executor): ActivityWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new ActivityWriter(db)));
  return writer;
}
