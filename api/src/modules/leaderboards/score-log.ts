import { LRUCache } from 'lru-cache';

/**
 * Which units' totals changed, in order: what a cached board needs to catch up with the approvals
 * and revocations since it was ranked (UNITS_SCORED), instead of being ranked again.
 *
 * Versions are one sequence for the whole process, so they never repeat: a movement whose log was
 * dropped (least recently used) starts again at a `floor`, and a board ranked before that floor
 * cannot be brought up to date from the log (`since` answers null): it is ranked again. The log
 * keeps a movement's last ENTRIES_KEPT changes and UNITS_KEPT unit ids; a board further behind is
 * ranked again too.
 */
interface MovementLog {
  /** no knowledge of changes at or before this version */
  floor: number;
  entries: { version: number; at: number; unitIds: readonly number[] }[];
  units: number;
}

const ENTRIES_KEPT = 2_048;
const UNITS_KEPT = 50_000;
const MOVEMENTS_KEPT = 256;

export class ScoreLog {
  private seq = 0;
  private readonly movements = new LRUCache<string, MovementLog>({ max: MOVEMENTS_KEPT });

  private logOf(movementId: string): MovementLog {
    let log = this.movements.get(movementId);
    if (!log) this.movements.set(movementId, (log = { floor: ++this.seq, entries: [], units: 0 }));
    return log;
  }

  /** These units' totals changed now (after the commit). */
  add(movementId: string, unitIds: readonly number[], at = Date.now()): void {
    const log = this.logOf(movementId);
    log.entries.push({ version: ++this.seq, at, unitIds });
    log.units += unitIds.length;
    while (log.entries.length > ENTRIES_KEPT || (log.units > UNITS_KEPT && log.entries.length > 1)) {
      const dropped = log.entries.shift()!;
      log.units -= dropped.unitIds.length;
      log.floor = dropped.version;
    }
  }

  /** The movement's current version: a board ranked at it has every change announced so far. */
  version(movementId: string): number {
    const log = this.logOf(movementId);
    return log.entries.at(-1)?.version ?? log.floor;
  }

  /**
   * The version of the last change announced at or before `at`: a board read from a replica that
   * had replayed up to `at` holds those (each commit came before its announcement), maybe not later ones.
   */
  versionAt(movementId: string, at: number): number {
    const log = this.logOf(movementId);
    let version = log.floor;
    for (const entry of log.entries) {
      if (entry.at > at) break;
      version = entry.version;
    }
    return version;
  }

  /** Units changed after `version` (each once), or null when the log no longer reaches back that far. */
  since(movementId: string, version: number): number[] | null {
    const log = this.logOf(movementId);
    if (version < log.floor) return null;
    const units = new Set<number>();
    for (let i = log.entries.length - 1; i >= 0 && log.entries[i]!.version > version; i--) for (const id of log.entries[i]!.unitIds) units.add(id);
    return [...units];
  }
}
