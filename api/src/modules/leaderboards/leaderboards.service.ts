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
import { boardCounters, boardRow, boardUnits, groupsWithClass, noCounters, type BoardQuery, type BoardRow, type BoardScope, type BoardUnit } from './leaderboards.queries';
import type { UnitRow } from '../units/units.queries';
import { LiveStandings } from './live-standings';

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
}

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
async function staffTraining(db: Executor, movementId: string, of: { scope: BoardScope } | { subtreeOf: number }): Promise<Map<number, OfficerTraining>> {
  const key = 'scope' in of ? candidateKey(of.scope) : sql`${of.subtreeOf}::int`;
  const within = 'scope' in of ? sql`` : sql`and u.path @> array[${of.subtreeOf}::int]`;
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

async function digitalHouseholdsBy(db: Executor, scope: BoardScope): Promise<Map<number, number>> {
  const key = candidateKey(scope);
  const rows = await queryRows<{ k: number; n: number }>(
    db,
    sql`select ${key} as k, count(distinct a.household_id)::int as n
        from badge_awards a join households h on h.id = a.household_id join units u on u.id = h.unit_id
        where a.badge_code = 'GIA_DINH_SO' and a.status = 'VALID' group by 1`,
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
 * published rule, and caches each board until the movement's points change (or 30 s pass), so
 * reads do not grow with the number of activities or of readers. The caches are LRUs bounded by
 * entries and bytes; misses are computed at most BOARD_CONCURRENCY at a time, and readers of the
 * same board share one computation.
 */
export class LeaderboardEngine {
  static readonly TTL_MS = 30_000;
  private readonly boards = new LRUCache<string, ComputedBoard>({ ...BOARD_CACHE, ttl: LeaderboardEngine.TTL_MS, sizeCalculation: boardBytes });
  private readonly ranges = new LRUCache<string, ComputedBoard>({ ...RANGE_CACHE, ttl: LeaderboardEngine.TTL_MS, sizeCalculation: boardBytes });
  /**
   * boards being computed or waiting for their turn, by key: bounded by the requests waiting for
   * them. One that has not started yet reads the points when it starts, so readers who arrive
   * after a change still join it: under a stream of approvals each board waits once, not once per
   * approval.
   */
  private readonly pending = new Map<string, { board: Promise<ComputedBoard>; started: boolean }>();
  private readonly limit = pLimit(BOARD_CONCURRENCY);
  /** whole-movement totals kept in the process, updated unit by unit from approvals and revocations */
  private readonly live = new LiveStandings();
  /** movements whose next POINTS_CHANGED named its units (UNITS_SCORED just before it) */
  private readonly scored = new Set<string>();
  private readonly candidates = new LRUCache<string, Candidates>({ ...CANDIDATE_CACHE, sizeCalculation: (c) => 1_024 + c.units.length * 400 });
  private readonly previousRanks = new LRUCache<string, Map<number, number>>({ ...PREVIOUS_CACHE, sizeCalculation: (m) => 256 + m.size * 48 });

  constructor(private readonly queueLimit = BOARD_QUEUE_LIMIT) {}
  /** moves on every invalidation: a board computed across one is served, not kept */
  private generation = 0;

  /** when each movement's points last changed (ms): a board read from a replica older than that is served, not kept */
  private readonly changedAt = new Map<string, number>();

  /** These units' totals changed; the POINTS_CHANGED that follows need not drop the movement's live totals. */
  unitsScored(movementId: string, unitIds: readonly number[]) {
    this.live.unitsScored(movementId, unitIds);
    this.scored.add(movementId);
  }

  invalidate(movementId: string) {
    if (!this.scored.delete(movementId)) this.live.drop(movementId);
    this.generation++;
    this.changedAt.delete(movementId);
    this.changedAt.set(movementId, Date.now());
    if (this.changedAt.size > 10_000) this.changedAt.delete(this.changedAt.keys().next().value!);
    for (const cache of [this.boards, this.ranges]) for (const key of [...cache.keys()]) if (key.startsWith(movementId)) cache.delete(key);
    // readers from now on do not join a computation that may have read the old points
    for (const [key, job] of [...this.pending]) if (job.started && key.startsWith(movementId)) this.pending.delete(key);
  }

  /** Every board of every movement: a unit's name, population or place changed. */
  invalidateAll() {
    this.generation++;
    this.live.dropAll();
    this.candidates.clear();
    this.previousRanks.clear();
    this.boards.clear();
    this.ranges.clear();
    this.pending.clear();
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
   * A board, cached. `db` is the primary; `read`, where a period's or a closed movement's counters
   * may be read (a replica) and how recent it is: a board computed from data older than the
   * movement's last change is served but not kept. Whole-movement boards of a running movement rank
   * the totals kept in the process (LiveStandings), refreshed from the primary.
   */
  async board(db: Executor, movement: MovementRow, spec: BoardSpec, read?: ReadFrom): Promise<ComputedBoard> {
    const period = await this.resolvePeriod(db, movement, spec);
    const key = [movement.id, movement.status, spec.scope, spec.metric, period?.from, period?.to, spec.withinUnitId, spec.unitKind, spec.subtype].join('|');
    // a custom range (not the whole movement, not a phase) goes to the small cache
    const cache = period && !spec.phaseId ? this.ranges : this.boards;
    const hit = cache.get(key);
    if (hit) {
      boardCache.inc({ result: 'hit' });
      return hit;
    }
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
    // kept only when no change came between the start of the computation and its end
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
      if (generation === this.generation && computed.asOf.getTime() >= (this.changedAt.get(movement.id) ?? 0)) cache.set(key, computed);
      return computed;
    } finally {
      if (this.pending.get(key) === job) this.pending.delete(key);
    }
  }

  /** Ranks without caching: used inside transactions (closing a movement). */
  async compute(db: Executor, movement: MovementRow, spec: BoardSpec, period: { from: string; to: string } | null, read?: ReadFrom): Promise<ComputedBoard> {
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
    return { ...current, frozen, period: period ?? whole, previousPeriod: previous, units: new Map(), asOf: fromReplica ? read!.asOf : new Date(), fromReplica };
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
    const candidates = { units: units.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)!), order };
    if (generation === this.generation) this.candidates.set(key, candidates);
    return candidates;
  }

  /** A board's rows: its (kept) candidates with the counters of the period, read as numbers only. */
  private async boardRows(db: Executor, q: BoardQuery, readDb: Executor = db): Promise<{ rows: BoardRow[]; order: Map<number, number> }> {
    // the whole movement, live: from the totals kept in the process (refreshed from the primary);
    // a period or a closed movement: from the database (the read replica when there is one)
    const counters = !q.period && !q.frozen ? this.live.counters(db, q.movementId, q.scope) : boardCounters(readDb, q);
    const [candidates, byKey] = await Promise.all([this.candidatesOf(db, q), counters]);
    const zero = noCounters();
    return { rows: candidates.units.map((u) => boardRow(u, byKey.get(u.unitId) ?? zero)), order: candidates.order };
  }

  private async rank(
    db: Executor,
    movement: MovementRow,
    spec: BoardSpec,
    period: { from: string; to: string } | null,
    frozen: boolean,
    read?: ReadFrom,
  ): Promise<{ ranked: BoardEntry[]; unranked: BoardEntry[] }> {
    const { rows, order } = await this.boardRows(db, {
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
    }, read?.db);
    let values: Map<number, number | null>;
    if (spec.metric === 'POINTS') values = new Map(rows.map((r) => [r.unitId, r.points]));
    else if (spec.metric === 'POINTS_PER_1000') values = new Map(rows.map((r) => [r.unitId, perThousand(r.points, r.population)]));
    else if (spec.metric === 'SATISFACTION') values = new Map(rows.map((r) => [r.unitId, satisfaction(r)]));
    else if (spec.metric === 'CONFIRMED_SHARE') values = new Map(rows.map((r) => [r.unitId, confirmedShare(r)]));
    else {
      const targets = await targetsOf(db, [movement.id]);
      const ids = rows.map((r) => r.unitId);
      const [groups, households, officers] = await Promise.all([
        targets.some((t) => t.measure === 'GROUPS_WITH_CLASS') ? groupsWithClass(db, movement.id, spec.scope, ids, frozen) : new Map<number, number>(),
        targets.some((t) => t.measure === 'HOUSEHOLDS_DIGITAL') ? digitalHouseholdsBy(db, spec.scope) : new Map<number, number>(),
        targets.some((t) => t.measure === 'OFFICERS_TRAINED') ? staffTraining(db, movement.id, { scope: spec.scope }) : new Map<number, OfficerTraining>(),
      ]);
      values = new Map(
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
    const byId = new Map(rows.map((r) => [r.unitId, r]));
    const standings: StandingEntry[] = rows.map((r) => ({ unitId: String(r.unitId), value: values.get(r.unitId) ?? null, points: r.points, name: r.fullName, code: r.code, order: order.get(r.unitId) }));
    const { ranked, unranked } = rankStandings(standings);
    const toEntry = (s: StandingEntry | Ranked): BoardEntry => ({
      rank: 'rank' in s ? s.rank : null,
      previousRank: null,
      unitId: Number(s.unitId),
      points: s.points,
      value: s.value,
      row: byId.get(Number(s.unitId))!,
    });
    return { ranked: ranked.map(toEntry), unranked: unranked.map(toEntry) };
  }
}

export const leaderboardEngine = new LeaderboardEngine();
export { rankMovement };
