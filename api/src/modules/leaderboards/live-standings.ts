import { LRUCache } from 'lru-cache';
import type { Executor } from '@thidua/db';
import { movementAreaTotals, movementTotalsOf, movementUnitTotals, type AreaTotals, type BoardCounters, type BoardScope } from './leaderboards.queries';

/**
 * The whole-movement totals of a movement, kept in the process and brought up to date unit by unit:
 * an approval or a revocation names the units whose totals changed (UNITS_SCORED, in every process
 * with Redis), and the next board read re-reads those units' rows only (one indexed statement for
 * all the units changed since the last read), not the movement's thousands of rows. A board miss
 * then ranks from memory.
 *
 * Re-reading the stored totals, instead of adding the event's points, keeps this exact whatever the
 * order in which events and reads arrive: a row is read after the commit that changed it, and
 * re-reads run one after another, so the last one holds every change announced before it started.
 * Changes that name no units (a rule version applied, a quiz) drop the movement's totals: the next
 * read loads them again.
 */
interface Totals {
  /** unit → its own whole-movement counters (UNIT boards) */
  units: Map<number, BoardCounters>;
  /** area (a commune, or a province for units above communes) → counters (COMMUNE boards), and its province */
  areas: Map<number, AreaTotals>;
  /** province → its areas' ids, in the order of `areas` (a province's sum adds them in the same order as the full sum) */
  areasOf: Map<number, number[]>;
  /** units changed since the last re-read */
  dirty: Set<number>;
  /** the load, then each re-read, one after another */
  tail: Promise<void>;
  /** a re-read asked for and not started yet: later readers share it */
  queued: Promise<void> | null;
}

/** A movement's totals are ~120 bytes per unit with points: 4 movements of the national tree (~50,000 units) ≈ 25 MB at most. */
const MOVEMENTS_KEPT = 4;

/** Counters per province (of all provinces, or of the `wanted` ones: their areas only): the sums of their areas. */
function provinceSums(totals: Totals, wanted?: readonly number[]): Map<number, BoardCounters> {
  const provinces = new Map<number, BoardCounters>();
  const add = (provinceId: number, counters: BoardCounters) => {
    const sum = provinces.get(provinceId);
    if (!sum) provinces.set(provinceId, { ...counters });
    else for (const k of Object.keys(sum) as (keyof BoardCounters)[]) sum[k] += counters[k];
  };
  if (!wanted) for (const [areaId, a] of totals.areas) add(a.provinceId ?? areaId, a.counters);
  else for (const provinceId of new Set(wanted)) for (const areaId of totals.areasOf.get(provinceId) ?? []) add(provinceId, totals.areas.get(areaId)!.counters);
  return provinces;
}

/** Files a new area under its province (kept in the order areas were added). */
function fileArea(totals: Totals, areaId: number, provinceId: number | null): void {
  const id = provinceId ?? areaId;
  const list = totals.areasOf.get(id);
  if (list) list.push(areaId);
  else totals.areasOf.set(id, [areaId]);
}

export class LiveStandings {
  private readonly movements = new LRUCache<string, Totals>({ max: MOVEMENTS_KEPT });

  /** Units of the movement changed: re-read them before the next board. */
  unitsScored(movementId: string, unitIds: readonly number[]) {
    const totals = this.movements.peek(movementId);
    if (totals) for (const id of unitIds) totals.dirty.add(id);
  }

  /** Every total of the movement may have changed. */
  drop(movementId: string) {
    this.movements.delete(movementId);
  }

  dropAll() {
    this.movements.clear();
  }

  /** Counters per board candidate key (unit, commune or province) for the whole movement, current. */
  async counters(db: Executor, movementId: string, scope: BoardScope): Promise<Map<number, BoardCounters>> {
    const totals = await this.current(db, movementId);
    if (scope === 'UNIT') return totals.units;
    if (scope === 'COMMUNE') return new Map([...totals.areas].map(([id, a]) => [id, a.counters]));
    return provinceSums(totals);
  }

  /** The current counters of some board candidates only (a board update): no copy of the movement's maps. */
  async countersFor(db: Executor, movementId: string, scope: BoardScope, keys: readonly number[]): Promise<Map<number, BoardCounters>> {
    const totals = await this.current(db, movementId);
    if (scope === 'PROVINCE') return provinceSums(totals, keys);
    const out = new Map<number, BoardCounters>();
    for (const k of keys) {
      const c = scope === 'UNIT' ? totals.units.get(k) : totals.areas.get(k)?.counters;
      if (c) out.set(k, c);
    }
    return out;
  }

  private async current(db: Executor, movementId: string): Promise<Totals> {
    let totals = this.movements.get(movementId);
    if (!totals) {
      const fresh: Totals = { units: new Map(), areas: new Map(), areasOf: new Map(), dirty: new Set(), tail: Promise.resolve(), queued: null };
      fresh.tail = (async () => {
        const [units, areas] = await Promise.all([movementUnitTotals(db, movementId), movementAreaTotals(db, movementId)]);
        fresh.units = units;
        fresh.areas = areas;
        for (const [id, a] of areas) fileArea(fresh, id, a.provinceId);
      })();
      // a failed load is not kept
      fresh.tail.catch(() => this.movements.peek(movementId) === fresh && this.movements.delete(movementId));
      this.movements.set(movementId, (totals = fresh));
    }
    await this.sync(db, movementId, totals);
    return totals;
  }

  /** Waits until every change announced before now has been re-read. */
  private sync(db: Executor, movementId: string, totals: Totals): Promise<void> {
    if (!totals.dirty.size) return totals.tail;
    if (totals.queued) return totals.queued;
    const next = totals.tail.then(async () => {
      totals.queued = null;
      const ids = [...totals.dirty];
      totals.dirty.clear();
      try {
        const { units, areas } = await movementTotalsOf(db, movementId, ids);
        for (const id of ids) {
          const c = units.get(id);
          if (c) totals.units.set(id, c);
        }
        for (const [id, a] of areas) {
          if (!totals.areas.has(id)) fileArea(totals, id, a.provinceId);
          totals.areas.set(id, a);
        }
      } catch (error) {
        // not re-read: the next reader loads the movement again
        this.drop(movementId);
        throw error;
      }
    });
    totals.queued = next;
    totals.tail = next.catch(() => {});
    return next;
  }
}
