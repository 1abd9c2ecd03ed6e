import { sql } from 'drizzle-orm';
import { boardCache } from '../../http/metrics';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { queryRows, type Executor } from '@thidua/db';
import {
  addDays,
  clampToMovement,
  confirmedShare,
  perThousand,
  satisfaction,
  previousPeriod,
  rankMovement,
  rankStandings,
  rankValue,
  rerankStandings,
  targetCompletion,
  validatePeriod,
  vietnamDateOf,
  type Ranked,
  type StandingEntry,
  type TargetProgress,
  type UnitKind,
} from '@thidua/domain';
import { badInput, overloaded } from '../../errors';
import { phasesOf, targetsOf, type MovementRow, type TargetRow } from '../movements/movements.queries';
import { boardCounters, boardRow, boardUnits, groupsWithClass, intArray, noCounters, unitPlaces, type BoardCounters, type BoardQuery, type BoardRow, type BoardScope, type BoardUnit } from './leaderboards.queries';
import type { UnitRow } from '../units/units.queries';
import { LiveStandings } from './live-standings';
import { ScoreLog } from './score-log';

export type Metric = 'POINTS' | 'POINTS_PER_1000' | 'TARGET_COMPLETION' | 'SATISFACTION' | 'CONFIRMED_SHARE';
export const MAX_BOARD_PAGE = 200;

export interface BoardSpec {
  scope: BoardScope;
  metric: Metric;
  from?: string | null;
  to?: string | null;
  phaseId?: string | null;
  withinUnitId?: number | null;
  unitKind?: UnitKind | null;
  subtype?: string | null;
}

export interface BoardEntry {
  rank: number | null;
  previousRank: number | null;
  unitId: number;
  points: number;
  value: number | null;
  row: BoardRow;
  /** its place in the board's tie-break order (name, code, id) */
  order: number;
}

/** An entry with another rank: every field written out (a spread copy takes V8's slow path, and an approval moves hundreds of ranks) */
const withRank = (e: BoardEntry, rank: number | null): BoardEntry => ({ rank, previousRank: e.previousRank, unitId: e.unitId, points: e.points, value: e.value, row: e.row, order: e.order });

export interface ComputedBoard {
  /** ranked entries, best first */
  ranked: BoardEntry[];
  /** candidates without a value (e.g. per 1,000 with no population): listed apart, not ranked */
  unranked: BoardEntry[];
  frozen: boolean;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string } | null;
  /** the units of the entries served so far: each is read once per cached board (a unit change drops every board) */
  units: Map<number, UnitRow>;
  /** how recent the data is: when it was computed on the primary, or the point a replica had replayed */
  asOf: Date;
  /** its counters were read from the read replica (a period's board, or a closed movement's) */
  fromReplica: boolean;
  /** the ScoreLog version it holds every change of: later ones are applied to it, not ranked again */
  version: number;
  /** when it was ranked in full (ms): ranked again in the background after TTL_MS, dropped after twice that */
  rankedAt: number;
  /** what it was ranked from, for updates (none for a closed movement's board, which points no longer change) */
  source: { query: BoardQuery; candidates: Candidates; previous: ReadonlyMap<number, number> | null } | null;
}

/** Where a board's period counters may be read (a replica), and how recent that is. */
export interface ReadFrom {
  db: Executor;
  asOf: Date;
  replica: boolean;
}

/** Staff accounts (officers and leaders, not disabled) of a unit or area, and how many of them passed a quiz. */
export interface OfficerTraining {
  staff: number;
  trained: number;
}

/** How far the target measures have come, for one board candidate. */
export function targetProgressOf(
  target: Pick<TargetRow, 'measure' | 'level'>,
  row: BoardRow,
  groups: number,
  digitalHouseholds: number,
  officers?: OfficerTraining,
): number | null {
  switch (target.measure) {
    case 'ADULTS_TRAINED':
      return row.adultPopulation ? row.attendees / row.adultPopulation : null;
    case 'HOUSEHOLDS_DIGITAL':
      return row.households ? digitalHouseholds / row.households : null;
    case 'CITIZENS_ASSISTED':
      // a level up to 1 is a share of adults, above 1 a head count
      return target.level <= 1 ? (row.adultPopulation ? row.assists / row.adultPopulation : null) : row.assists;
    case 'CLASSES_HELD':
      return row.classes;
    case 'GROUPS_WITH_CLASS':
      return groups;
    case 'OFFICERS_TRAINED':
      return officers?.staff ? officers.trained / officers.staff : null;
    default:
      return null;
  }
}

/** The board candidate a unit's rows count for: its province, its commune, or the unit itself. */
const candidateKey = (scope: BoardScope) => (scope === 'PROVINCE' ? sql`u.province_id` : scope === 'COMMUNE' ? sql`u.commune_id` : sql`u.id`);

/**
 * Staff (officers and leaders, accounts not disabled) and the "trained" among them: those with a
 * passed attempt at a quiz of the movement or at a general one (a quiz of no movement). Grouped by
 * board candidate, or for one unit's whole subtree.
 */
async function staffTraining(db: Executor, movementId: string, of: { scope: BoardScope; only?: readonly number[] } | { subtreeOf: number }): Promise<Map<number, OfficerTraining>> {
  const key = 'scope' in of ? candidateKey(of.scope) : sql`${of.subtreeOf}::int`;
  const within = 'scope' in of ? (of.only ? sql`and ${key} = any(${intArray(of.only)}::int[])` : sql``) : sql`and u.path @> array[${of.subtreeOf}::int]`;
  const rows = await queryRows<{ k: number; staff: number; trained: number }>(
    db,
    sql`select ${key} as k, count(*)::int as staff,
               count(*) filter (where exists (select 1 from quiz_attempts qa join quizzes q on q.id = qa.quiz_id
                                              where qa.user_id = s.id and qa.passed and (q.movement_id = ${movementId}::uuid or q.movement_id is null)))::int as trained
        from users s join units u on u.id = s.unit_id
        where s.role in ('OFFICER', 'LEADER') and s.disabled_at is null ${within} group by 1`,
  );
  return new Map(rows.map((r) => [Number(r.k), { staff: r.staff, trained: r.trained }]));
}

/** Staff and trained staff of a unit's whole subtree. */
export async function officersTrainedIn(db: Executor, movementId: string, unitId: number): Promise<OfficerTraining> {
  return (await staffTraining(db, movementId, { subtreeOf: unitId })).get(unitId) ?? { staff: 0, trained: 0 };
}

async function digitalHouseholdsBy(db: Executor, scope: BoardScope, only?: readonly number[]): Promise<Map<number, number>> {
  const key = candidateKey(scope);
  const these = only ? sql` and ${key} = any(${intArray(only)}::int[])` : sql``;
  const rows = await queryRows<{ k: number; n: number }>(
    db,
    sql`select ${key} as k, count(distinct a.household_id)::int as n
        from badge_awards a join households h on h.id = a.household_id join units u on u.id = h.unit_id
        where a.badge_code = 'GIA_DINH_SO' and a.status = 'VALID'${these} group by 1`,
  );
  return new Map(rows.map((r) => [Number(r.k), r.n]));
}

/** Boards kept for the whole movement or a phase (the ones the web app asks for). */
const BOARD_CACHE = { max: 500, maxSize: 48 * 1024 * 1024 };
/** Boards over a custom from/to: any reader can ask for any range, so only a few are kept. */
const RANGE_CACHE = { max: 32, maxSize: 8 * 1024 * 1024 };
/**
 * The candidates of a board (units, no counters), kept until a unit changes (UNITS_CHANGED), so a
 * miss reads only counters; at most 60 s, the safety net the unit cache has too (processes that
 * share a database without Redis).
 */
const CANDIDATE_CACHE = { max: 200, maxSize: 12 * 1024 * 1024, ttl: 60_000 };
/**
 * Ranks of a period that has ended ("a week ago" of the whole-movement board, the period before a
 * custom range): computed once per board and period, not per miss. Kept 10 minutes at most, so
 * a late correction dated inside an ended period (a late approval, a revocation, a rule version)
 * shows in the rank changes within 10 minutes; a unit change drops them at once.
 */
const PREVIOUS_CACHE = { max: 500, maxSize: 8 * 1024 * 1024, ttl: 10 * 60_000 };

/** A board's candidates, and each one's place in the tie-break order (name, then code, then id). */
interface Candidates {
  units: BoardUnit[];
  order: Map<number, number>;
  byId: Map<number, BoardUnit>;
}

/**
 * Boards computed at once (cache misses); the rest wait. A board ranks its period and the one
 * before on two connections at once, so one at a time leaves the rest of the pool (at least 4)
 * to everything else — /healthz included — however many readers a flood sends.
 */
export const BOARD_CONCURRENCY = 1;
/**
 * Board computations that may wait for their turn (BOARD_QUEUE_LIMIT); a reader of a board that is
 * neither cached nor being computed, arriving when the queue is full, gets SERVICE_UNAVAILABLE
 * (HTTP 503, Retry-After) at once: a flood of random boards is shed instead of queued for minutes.
 */
export const BOARD_QUEUE_LIMIT = 16;

/** A generous estimate of a board's heap: its entries, their rows and the units served with them. */
export function boardBytes(board: ComputedBoard, key = ''): number {
  return 2_048 + 2 * key.length + (board.ranked.length + board.unranked.length) * 1_200;
}

/**
 * Computes leaderboards from per-unit totals (never from raw activities), ranks them with the
 * published rule, and caches each board. An approval or a revocation (UNITS_SCORED) does not drop
 * the cached boards: the next read re-reads the counters of the units named since the board was
 * ranked (from the totals kept in the process, or a few indexed rows) and moves just those entries
 * (`rerankStandings`), so a stream of approvals costs each board a small update per read, not a
 * ranking of thousands of rows per approval. Other changes (a rule version applied, a movement
 * closed) drop the movement's boards; a unit change drops every board. A board is ranked in full
 * again at least every 30 s. The caches are LRUs bounded by entries and bytes; misses are computed
 * at most BOARD_CONCURRENCY at a time, and readers of the same board share one computation.
 */
export class LeaderboardEngine {
  /**
   * A board is ranked in full again TTL_MS after its last full ranking (in the background: readers
   * keep getting the kept board, brought up to date), and dropped after twice that: the safety net
   * for changes this process cannot hear of (processes sharing a database without Redis).
   */
  static readonly TTL_MS = 30_000;
  private readonly boards = new LRUCache<string, ComputedBoard>({ ...BOARD_CACHE, ttl: 2 * LeaderboardEngine.TTL_MS, sizeCalculation: boardBytes });
  private readonly ranges = new LRUCache<string, ComputedBoard>({ ...RANGE_CACHE, ttl: 2 * LeaderboardEngine.TTL_MS, sizeCalculation: boardBytes });
  /**
   * boards being computed or waiting for their turn, by key: bounded by the requests waiting for
   * them. One that has not started yet reads the points when it starts, so readers who arrive
   * after a change still join it: under a stream of approvals each board waits once, not once per
   * approval.
   */
  private readonly pending = new Map<string, { board: Promise<ComputedBoard>; started: boolean }>();
  /** updates of cached boards under way, by key, and the version each will reach at least */
  private readonly updating = new Map<string, { version: number; board: Promise<ComputedBoard> }>();
  private readonly limit = pLimit(BOARD_CONCURRENCY);
  /** whole-movement totals kept in the process, updated unit by unit from approvals and revocations */
  private readonly live = new LiveStandings();
  /** which units changed, in order, per movement: what cached boards catch up with */
  private readonly log = new ScoreLog();
  private readonly candidates = new LRUCache<string, Candidates>({ ...CANDIDATE_CACHE, sizeCalculation: (c) => 1_024 + c.units.length * 400 });
  private readonly previousRanks = new LRUCache<string, Map<number, number>>({ ...PREVIOUS_CACHE, sizeCalculation: (m) => 256 + m.size * 48 });
  /** a unit's board keys (its area, its province): places change only with UNITS_CHANGED */
  private readonly places = new LRUCache<number, { area: number; province: number }>({ max: 100_000 });
  /** every unit's place was read into `places` (since units last changed) */
  private placesRead = false;

  constructor(private readonly queueLimit = BOARD_QUEUE_LIMIT) {}
  /** moves on every change that drops boards: a board computed across one is served, not kept */
  private generation = 0;

  /** when each movement's boards were last dropped (ms): a board read from a replica older than that is served, not kept */
  private readonly resetAt = new Map<string, number>();

  /** These units' totals changed: boards stay, their next read applies the change (ScoreLog). */
  unitsScored(movementId: string, unitIds: readonly number[]) {
    this.live.unitsScored(movementId, unitIds);
    this.log.add(movementId, unitIds);
  }

  /** The movement's points changed without naming units (SCORES_RESET), or its boards must go: ranked again. */
  invalidate(movementId: string) {
    this.live.drop(movementId);
    this.generation++;
    this.resetAt.delete(movementId);
    this.resetAt.set(movementId, Date.now());
    if (this.resetAt.size > 10_000) this.resetAt.delete(this.resetAt.keys().next().value!);
    for (const cache of [this.boards, this.ranges]) for (const key of [...cache.keys()]) if (key.startsWith(movementId)) cache.delete(key);
    // readers from now on do not join a computation that may have read the old points
    for (const [key, job] of [...this.pending]) if (job.started && key.startsWith(movementId)) this.pending.delete(key);
    for (const key of [...this.updating.keys()]) if (key.startsWith(movementId)) this.updating.delete(key);
  }

  /** Every board of every movement: a unit's name, population or place changed. */
  invalidateAll() {
    this.generation++;
    this.live.dropAll();
    this.candidates.clear();
    this.previousRanks.clear();
    this.places.clear();
    this.placesRead = false;
    this.boards.clear();
    this.ranges.clear();
    this.pending.clear();
    this.updating.clear();
  }

  /** Boards and bytes held (for tests and benchmarks). */
  stats() {
    return { boards: this.boards.size + this.ranges.size, bytes: this.boards.calculatedSize + this.ranges.calculatedSize, pending: this.pending.size };
  }

  async resolvePeriod(db: Executor, movement: MovementRow, spec: BoardSpec): Promise<{ from: string; to: string } | null> {
    const whole = { from: movement.startsOn, to: movement.endsOn };
    if (spec.phaseId) {
      const phase = (await phasesOf(db, [movement.id])).find((p) => p.id === spec.phaseId);
      if (!phase) throw badInput([{ field: 'phaseId', message: 'Đợt không thuộc phong trào này.' }]);
      return { from: phase.startsOn, to: phase.endsOn };
    }
    if (!spec.from && !spec.to) return null;
    const period = { from: spec.from ?? movement.startsOn, to: spec.to ?? movement.endsOn };
    const problems = validatePeriod(period);
    if (problems.length) throw badInput(problems.map((message) => ({ field: 'from', message })));
    const clamped = clampToMovement(period, whole);
    if (!clamped) throw badInput([{ field: 'from', message: 'Khoảng thời gian nằm ngoài thời gian của phong trào.' }]);
    return clamped.from === whole.from && clamped.to === whole.to ? null : clamped;
  }


  /**
   * A board, cached and brought up to date. `db` is the primary; `read`, where a period's or a
   * closed movement's counters may be read (a replica) and how recent it is. Whole-movement boards
   * of a running movement rank the totals kept in the process (LiveStandings), refreshed from the
   * primary; updates read the primary. A reader always gets a board that holds every change
   * announced before its read began (an approving leader sees the approval).
   */
  async board(db: Executor, movement: MovementRow, spec: BoardSpec, read?: ReadFrom): Promise<ComputedBoard> {
    const period = await this.resolvePeriod(db, movement, spec);
    const key = [movement.id, movement.status, spec.scope, spec.metric, period?.from, period?.to, spec.withinUnitId, spec.unitKind, spec.subtype].join('|');
    // a custom range (not the whole movement, not a phase) goes to the small cache
    const cache = period && !spec.phaseId ? this.ranges : this.boards;
    let board = cache.get(key);
    // a board read from the replica, now that reads go to the primary (the replica fell behind): ranked again
    if (board?.fromReplica && !read?.replica) board = undefined;
    if (board) {
      boardCache.inc({ result: 'hit' });
      // due for its full ranking: in the background, once (readers of the key share it), never shed
      if (Date.now() - board.rankedAt > LeaderboardEngine.TTL_MS && !this.pending.has(key) && this.limit.pendingCount < this.queueLimit)
        void this.ranked(db, movement, spec, period, read, key, cache).catch(() => {});
    } else board = await this.ranked(db, movement, spec, period, read, key, cache);
    if (!board.source) return board;
    // from the replica: the changes it has replayed (announced before its replay point), read there
    const replica = board.fromReplica && read?.replica ? read : undefined;
    const wanted = replica ? this.log.versionAt(movement.id, replica.asOf.getTime()) : this.log.version(movement.id);
    if (board.version < wanted) board = await this.updated(db, movement, spec, key, cache, board, wanted, replica);
    return board;
  }

  /** A board ranked in full: shared with the readers already waiting for it, else queued (or shed). */
  private async ranked(
    db: Executor,
    movement: MovementRow,
    spec: BoardSpec,
    period: { from: string; to: string } | null,
    read: ReadFrom | undefined,
    key: string,
    cache: LRUCache<string, ComputedBoard>,
  ): Promise<ComputedBoard> {
    const running = this.pending.get(key);
    if (running) {
      boardCache.inc({ result: 'shared' });
      return running.board;
    }
    if (this.limit.pendingCount >= this.queueLimit) {
      boardCache.inc({ result: 'shed' });
      throw overloaded();
    }
    boardCache.inc({ result: 'miss' });
    // kept only when nothing dropped the movement's boards between the start of the computation and its end
    let generation = this.generation;
    const job = {
      started: false,
      board: this.limit(() => {
        job.started = true;
        generation = this.generation;
        return this.compute(db, movement, spec, period, read);
      }),
    };
    this.pending.set(key, job);
    try {
      const computed = await job.board;
      if (generation === this.generation && computed.asOf.getTime() >= (this.resetAt.get(movement.id) ?? 0)) cache.set(key, computed);
      return computed;
    } finally {
      if (this.pending.get(key) === job) this.pending.delete(key);
    }
  }

  /**
   * The cached board brought up to at least version `wanted`: the units changed since its version
   * re-read and moved to their new places. Readers share an update that will reach their version;
   * updates of one board run one after another, each from the latest.
   */
  private updated(
    db: Executor,
    movement: MovementRow,
    spec: BoardSpec,
    key: string,
    cache: LRUCache<string, ComputedBoard>,
    board: ComputedBoard,
    wanted: number,
    replica?: ReadFrom,
  ): Promise<ComputedBoard> {
    const running = this.updating.get(key);
    if (running && running.version >= wanted) {
      boardCache.inc({ result: 'shared' });
      return running.board;
    }
    const generation = this.generation;
    const update = (async () => {
      if (running) await running.board.catch(() => {});
      const base = [cache.get(key), board].filter((b) => b?.source).sort((a, b) => b!.version - a!.version)[0]!;
      if (base.version >= wanted) return base;
      boardCache.inc({ result: 'update' });
      const version = replica ? Math.max(wanted, this.log.versionAt(movement.id, replica.asOf.getTime())) : this.log.version(movement.id);
      const units = this.log.since(movement.id, base.version);
      // too far behind the log: ranked again
      const next = units ? await this.apply(db, movement, spec, base, units, version, replica) : await this.compute(db, movement, spec, base.source!.query.period, replica);
      const left = 2 * LeaderboardEngine.TTL_MS - (Date.now() - next.rankedAt);
      if (generation === this.generation && left > 0 && (cache.get(key)?.version ?? -1) < next.version) cache.set(key, next, { ttl: left });
      return next;
    })();
    const entry = { version: wanted, board: update };
    this.updating.set(key, entry);
    void update.finally(() => this.updating.get(key) === entry && this.updating.delete(key)).catch(() => {});
    return update;
  }

  /**
   * `base` with the counters of the candidates `units` count for re-read and re-ranked: from the
   * totals kept in the process (whole movement), else from the primary, or from the replica for a
   * board read there (up to the version it has replayed).
   */
  private async apply(db: Executor, movement: MovementRow, spec: BoardSpec, base: ComputedBoard, units: readonly number[], version: number, replica?: ReadFrom): Promise<ComputedBoard> {
    const { query, candidates, previous } = base.source!;
    const asOf = replica ? (replica.asOf > base.asOf ? replica.asOf : base.asOf) : base.fromReplica ? base.asOf : new Date();
    const keys = (await this.keysOf(db, query.scope, units)).filter((k) => candidates.byId.has(k));
    if (!keys.length) return { ...base, version, asOf };
    const counters: Map<number, BoardCounters> =
      !query.period && !query.frozen ? await this.live.countersFor(db, query.movementId, query.scope, keys) : await boardCounters(replica?.db ?? db, { ...query, keys });
    const zero = noCounters();
    const rows = keys.map((k) => boardRow(candidates.byId.get(k)!, counters.get(k) ?? zero));
    const values = await this.valuesOf(db, movement, spec, rows, !!query.frozen, true);
    // previous ranks as a full ranking gives them: ranked entries only (the previous period's map, kept with the board)
    const changed = rows.map((r): BoardEntry => {
      const value = rankValue(values.get(r.unitId));
      return { rank: null, previousRank: value !== null ? (previous?.get(r.unitId) ?? null) : null, unitId: r.unitId, points: r.points, value, row: r, order: candidates.order.get(r.unitId)! };
    });
    const { ranked, unranked } = rerankStandings(base.ranked, base.unranked, changed, (e) => e.unitId, withRank);
    return { ...base, ranked, unranked, version, asOf };
  }

  /** The board keys (units, areas or provinces) that changed units count for. */
  private async keysOf(db: Executor, scope: BoardScope, units: readonly number[]): Promise<number[]> {
    if (scope === 'UNIT') return [...units];
    const unknown = units.filter((id) => !this.places.has(id));
    // the first update starts reading every unit's place at once, in the background (~50,000 rows for
    // the country, once until a unit changes): approvals name units at random, and one statement per
    // new unit would follow each; until it lands, the units asked for are read on their own
    if (unknown.length && !this.placesRead) {
      this.placesRead = true;
      const generation = this.generation;
      void unitPlaces(db)
        .then((all) => {
          // units changed meanwhile (places cleared): what was read may be old
          if (generation === this.generation) for (const [id, place] of all) if (!this.places.has(id)) this.places.set(id, place);
        })
        .catch(() => {
          if (generation === this.generation) this.placesRead = false;
        });
    }
    if (unknown.length) for (const [id, place] of await unitPlaces(db, unknown)) this.places.set(id, place);
    const keys = new Set<number>();
    for (const id of units) {
      const place = this.places.get(id);
      if (place) keys.add(scope === 'COMMUNE' ? place.area : place.province);
    }
    return [...keys];
  }

  /** Ranks without caching: used inside transactions (closing a movement). */
  async compute(db: Executor, movement: MovementRow, spec: BoardSpec, period: { from: string; to: string } | null, read?: ReadFrom): Promise<ComputedBoard> {
    // every change announced before now is in what is read below (on a replica: up to its replay point)
    const version = this.log.version(movement.id);
    const whole = { from: movement.startsOn, to: movement.endsOn };
    const today = vietnamDateOf(new Date());
    const frozen = movement.status === 'CLOSED' && period === null;
    // previous: the period of the same length just before; for the whole movement, a week ago
    let previous: { from: string; to: string } | null = null;
    if (period) {
      const p = previousPeriod(period);
      previous = p.to >= movement.startsOn ? clampToMovement(p, whole) : null;
    } else if (!frozen) {
      const weekAgo = addDays(today < movement.endsOn ? today : movement.endsOn, -7);
      previous = weekAgo >= movement.startsOn ? { from: movement.startsOn, to: weekAgo } : null;
    }
    // both boards at once (two connections on PostgreSQL; PGlite queues them)
    const [current, rankBefore] = await Promise.all([
      this.rank(db, movement, spec, period, frozen, read),
      previous ? this.ranksOf(db, movement, spec, previous, today, read) : null,
    ]);
    if (rankBefore) for (const e of current.ranked) e.previousRank = rankBefore.get(e.unitId) ?? null;
    // live totals are the primary's, now; a period's or a closed movement's counters came from `read`
    const fromReplica = !!read?.replica && (period !== null || frozen);
    const asOf = fromReplica ? read!.asOf : new Date();
    return {
      ranked: current.ranked,
      unranked: current.unranked,
      frozen,
      period: period ?? whole,
      previousPeriod: previous,
      units: new Map(),
      asOf,
      fromReplica,
      version: fromReplica ? Math.min(version, this.log.versionAt(movement.id, asOf.getTime())) : version,
      rankedAt: Date.now(),
      source: frozen ? null : { query: current.query, candidates: current.candidates, previous: rankBefore },
    };
  }

  /** The ranks of a previous period: kept once the period has ended (before today), else computed. */
  private async ranksOf(db: Executor, movement: MovementRow, spec: BoardSpec, previous: { from: string; to: string }, today: string, read?: ReadFrom): Promise<Map<number, number>> {
    const key = [movement.id, spec.scope, spec.metric, previous.from, previous.to, spec.withinUnitId, spec.unitKind, spec.subtype].join('|');
    const kept = this.previousRanks.get(key);
    if (kept) return kept;
    const generation = this.generation;
    const { ranked } = await this.rank(db, movement, spec, previous, false, read);
    const ranks = new Map(ranked.map((e) => [e.unitId, e.rank!]));
    if (previous.to < today && generation === this.generation) this.previousRanks.set(key, ranks);
    return ranks;
  }

  /** Candidates of a board, read once until a unit changes; their tie-break order computed once too. */
  private async candidatesOf(db: Executor, q: BoardQuery): Promise<Candidates> {
    const key = [q.scope, q.scopeUnitId, q.withinUnitId, q.unitKind, q.subtype].join('|');
    const kept = this.candidates.get(key);
    if (kept) return kept;
    const generation = this.generation;
    const units = await boardUnits(db, q);
    // the published tie-break (name in Vietnamese order, code, id) on equal values and points
    const { ranked } = rankStandings(units.map((u) => ({ unitId: String(u.unitId), value: 0, points: 0, name: u.fullName, code: u.code })));
    const order = new Map(ranked.map((e, i) => [Number(e.unitId), i]));
    const sorted = units.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!);
    const candidates = { units: sorted, order, byId: new Map(sorted.map((u) => [u.unitId, u])) };
    if (generation === this.generation) this.candidates.set(key, candidates);
    return candidates;
  }

  /** A board's rows: its (kept) candidates with the counters of the period, read as numbers only. */
  private async boardRows(db: Executor, q: BoardQuery, readDb: Executor = db): Promise<{ rows: BoardRow[]; candidates: Candidates }> {
    // the whole movement, live: from the totals kept in the process (refreshed from the primary);
    // a period or a closed movement: from the database (the read replica when there is one)
    const counters = !q.period && !q.frozen ? this.live.counters(db, q.movementId, q.scope) : boardCounters(readDb, q);
    const [candidates, byKey] = await Promise.all([this.candidatesOf(db, q), counters]);
    const zero = noCounters();
    return { rows: candidates.units.map((u) => boardRow(u, byKey.get(u.unitId) ?? zero)), candidates };
  }

  /**
   * The value each row is ranked on. TARGET_COMPLETION reads its other measures (groups with a
   * class, digital households, trained officers) for the rows' candidates; `few`: only theirs.
   */
  private async valuesOf(db: Executor, movement: MovementRow, spec: BoardSpec, rows: readonly BoardRow[], frozen: boolean, few = false): Promise<Map<number, number | null>> {
    if (spec.metric === 'POINTS') return new Map(rows.map((r) => [r.unitId, r.points]));
    if (spec.metric === 'POINTS_PER_1000') return new Map(rows.map((r) => [r.unitId, perThousand(r.points, r.population)]));
    if (spec.metric === 'SATISFACTION') return new Map(rows.map((r) => [r.unitId, satisfaction(r)]));
    if (spec.metric === 'CONFIRMED_SHARE') return new Map(rows.map((r) => [r.unitId, confirmedShare(r)]));
    const targets = await targetsOf(db, [movement.id]);
    const ids = rows.map((r) => r.unitId);
    const only = few ? ids : undefined;
    const [groups, households, officers] = await Promise.all([
      targets.some((t) => t.measure === 'GROUPS_WITH_CLASS') ? groupsWithClass(db, movement.id, spec.scope, ids, frozen, few) : new Map<number, number>(),
      targets.some((t) => t.measure === 'HOUSEHOLDS_DIGITAL') ? digitalHouseholdsBy(db, spec.scope, only) : new Map<number, number>(),
      targets.some((t) => t.measure === 'OFFICERS_TRAINED') ? staffTraining(db, movement.id, { scope: spec.scope, only }) : new Map<number, OfficerTraining>(),
    ]);
    return new Map(
      rows.map((r) => {
        const progress: TargetProgress[] = [];
        for (const t of targets) {
          const p = targetProgressOf(t, r, groups.get(r.unitId) ?? 0, households.get(r.unitId) ?? 0, officers.get(r.unitId));
          if (p != null) progress.push({ progress: p, level: t.level, weight: t.weight });
        }
        return [r.unitId, targetCompletion(progress)];
      }),
    );
  }

  private async rank(
    db: Executor,
    movement: MovementRow,
    spec: BoardSpec,
    period: { from: string; to: string } | null,
    frozen: boolean,
    read?: ReadFrom,
  ): Promise<{ ranked: BoardEntry[]; unranked: BoardEntry[]; query: BoardQuery; candidates: Candidates }> {
    const query: BoardQuery = {
      movementId: movement.id,
      scope: spec.scope,
      scopeUnitId: movement.scopeUnitId,
      withinUnitId: spec.withinUnitId ?? undefined,
      unitKind: spec.unitKind ?? undefined,
      subtype: spec.scope === 'UNIT' ? (spec.subtype ?? movement.competingSubtype) : null,
      period,
      // published final standings: later corrections do not change them
      frozen,
      span: { from: movement.startsOn, lastDay: [movement.endsOn, vietnamDateOf(new Date())].sort()[0] },
    };
    const { rows, candidates } = await this.boardRows(db, query, read?.db);
    const values = await this.valuesOf(db, movement, spec, rows, frozen);
    const byId = new Map(rows.map((r) => [r.unitId, r]));
    const standings: StandingEntry[] = rows.map((r) => ({ unitId: String(r.unitId), value: values.get(r.unitId) ?? null, points: r.points, name: r.fullName, code: r.code, order: candidates.order.get(r.unitId) }));
    const { ranked, unranked } = rankStandings(standings);
    const toEntry = (s: StandingEntry | Ranked): BoardEntry => ({
      rank: 'rank' in s ? s.rank : null,
      previousRank: null,
      unitId: Number(s.unitId),
      points: s.points,
      value: s.value,
      row: byId.get(Number(s.unitId))!,
      order: s.order!,
    });
    return { ranked: ranked.map(toEntry), unranked: unranked.map(toEntry), query, candidates };
  }
}

export const leaderboardEngine = new LeaderboardEngine();
export { rankMovement };
