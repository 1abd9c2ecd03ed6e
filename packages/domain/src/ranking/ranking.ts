import { roundPoints } from '../scoring/points';

/** Vietnamese collation for the name tie-break (one collator: far cheaper than localeCompare per pair). */
const VI = new Intl.Collator('vi');

export interface StandingEntry {
  unitId: string;
  /** The metric ranked on (points, per 1,000 residents, completion %); null = cannot be ranked. */
  value: number | null;
  /** Raw points: the first tie-break. */
  points: number;
  name: string;
  code?: string | null;
  /**
   * This entry's place in the name → code → id order, when the caller has computed it once for a
   * fixed set of entries (a board's candidates): it then replaces the collation, which is the
   * costly part of ranking thousands of entries. Either every entry has one or none.
   */
  order?: number;
}

export interface Ranked extends StandingEntry {
  value: number;
  rank: number;
}

export interface RankedStandings {
  ranked: Ranked[];
  /** Entries without a value (e.g. per 1,000 with no population), listed by points then name. */
  unranked: StandingEntry[];
}

/** The published tie-break, shown under every leaderboard. */
export const TIE_BREAK_RULE_VI =
  'Các đơn vị có cùng giá trị được xếp đồng hạng (ví dụ 1, 2, 2, 4). Trong cùng một hạng, đơn vị có tổng điểm cao hơn đứng trước; nếu vẫn bằng nhau thì xếp theo tên đơn vị (thứ tự chữ cái tiếng Việt), sau cùng theo mã đơn vị.';

/** The same rule in English, for a page shown in English (the API publishes the Vietnamese one). */
export const TIE_BREAK_RULE_EN =
  'Units with the same value share a rank (for example 1, 2, 2, 4). Within a rank, the unit with more total points comes first; if still equal, units are ordered by name (Vietnamese alphabetical order), then by unit code.';

/** Plain code-unit order: stable across ICU versions, unlike locale collation. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Null codes sort after real ones, then the unit id settles any remaining tie. */
function compareIdentity(a: StandingEntry, b: StandingEntry): number {
  if ((a.code ?? null) !== (b.code ?? null)) {
    if (a.code == null) return 1;
    if (b.code == null) return -1;
    return compareCodes(a.code, b.code);
  }
  return compareCodes(a.unitId, b.unitId);
}

function compareByPointsThenName(a: StandingEntry, b: StandingEntry): number {
  if (a.order !== undefined && b.order !== undefined) return b.points - a.points || a.order - b.order;
  return b.points - a.points || VI.compare(a.name, b.name) || compareIdentity(a, b);
}

/**
 * Standard competition ranking ("1, 2, 2, 4") on `value`, highest first. Values are compared as
 * displayed (2 decimals), so two units that show the same number share a rank. The tie-break only
 * orders units inside a shared rank; it never splits the rank.
 */
export function rankStandings(entries: readonly StandingEntry[]): RankedStandings {
  // entries written out field by field: spreading thousands of them takes V8's slow path
  const rankable: Ranked[] = [];
  for (const entry of entries)
    if (entry.value !== null && Number.isFinite(entry.value))
      rankable.push({ unitId: entry.unitId, value: roundPoints(entry.value), points: entry.points, name: entry.name, code: entry.code, order: entry.order, rank: 0 });
  rankable.sort((a, b) => b.value - a.value || compareByPointsThenName(a, b));

  const ranked = rankable;
  ranked.forEach((entry, index) => {
    const previous = ranked[index - 1];
    entry.rank = previous && previous.value === entry.value ? previous.rank : index + 1;
  });

  const unranked = entries.filter((entry) => entry.value === null || !Number.isFinite(entry.value)).sort(compareByPointsThenName);
  return { ranked, unranked };
}

/** Points per 1,000 residents (2 decimals); null when the population is unknown or 0. */
export function perThousand(points: number, population: number | null | undefined): number | null {
  if (population == null || !Number.isFinite(population) || population <= 0) return null;
  return roundPoints((points * 1000) / population);
}

export interface TargetProgress {
  /** Progress so far, in the target's unit (people, households, residential groups…). */
  progress: number;
  /** The level that counts as 100 %. */
  level: number;
  /** Relative weight among the movement's targets; 1 when absent. */
  weight?: number;
}

/**
 * Average completion of a unit's targets in percent (2 decimals). Each target counts at most
 * 100 %, so overshooting one target cannot hide another left untouched. Targets with no positive
 * level are skipped; null when none is left.
 */
export function targetCompletion(targets: readonly TargetProgress[]): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const target of targets) {
    const weight = target.weight ?? 1;
    if (!(target.level > 0) || !(weight > 0)) continue;
    weighted += weight * Math.min(Math.max(target.progress, 0) / target.level, 1);
    totalWeight += weight;
  }
  return totalWeight === 0 ? null : roundPoints((weighted / totalWeight) * 100);
}

/** The unit and up to `radius` neighbours above and below it; empty when it is not ranked. */
export function aroundMe<T extends { unitId: string }>(ranked: readonly T[], unitId: string, radius: number): T[] {
  const index = ranked.findIndex((entry) => entry.unitId === unitId);
  if (index === -1) return [];
  const reach = Math.max(0, Math.floor(radius));
  return ranked.slice(Math.max(0, index - reach), index + reach + 1);
}

export type RankMovement = 'UP' | 'DOWN' | 'SAME' | 'NEW';

/** Rank 1 is best, so a smaller number than before is a move UP. */
export function rankMovement(previousRank: number | null | undefined, rank: number): RankMovement {
  if (previousRank == null) return 'NEW';
  if (rank < previousRank) return 'UP';
  if (rank > previousRank) return 'DOWN';
  return 'SAME';
}

/**
 * A board entry as kept between changes: the value ranked on (rounded as displayed; null when it
 * cannot be ranked), raw points, its place in the name → code → id order of the board's fixed
 * candidates, and its rank (null when unranked).
 */
export interface RankSlot {
  value: number | null;
  points: number;
  order: number;
  rank: number | null;
}

/** The value as ranked: rounded as displayed, or null when it cannot be ranked. */
export function rankValue(value: number | null | undefined): number | null {
  return value != null && Number.isFinite(value) ? roundPoints(value) : null;
}

/** Insertion point of `entry` in `list` (sorted by `compare`): after every entry that sorts before it. */
function insertionPoint<T>(list: readonly T[], entry: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const rankedOrder = (a: RankSlot, b: RankSlot) => b.value! - a.value! || b.points - a.points || a.order - b.order;
const unrankedOrder = (a: RankSlot, b: RankSlot) => b.points - a.points || a.order - b.order;

/**
 * The ranking of `rankStandings` after some entries changed, without ranking the rest again: the
 * changed entries are taken out, put back where they now belong (binary search), and the ranks
 * renumbered in one pass. The result equals `rankStandings` over the whole updated set (same
 * order, same ranks, the same tie-break), at a cost that grows with the number of changes, not with
 * a sort of the whole board. `changed` replaces the entries with the same `key`; their `value`
 * must already be `rankValue`'s. Entries whose rank moves are copied with `withRank`, never
 * mutated, so a board being read elsewhere stays as it was.
 */
export function rerankStandings<T extends RankSlot, K>(
  ranked: readonly T[],
  unranked: readonly T[],
  changed: readonly T[],
  key: (entry: T) => K,
  withRank: (entry: T, rank: number | null) => T,
): { ranked: T[]; unranked: T[] } {
  if (!changed.length) return { ranked: ranked.slice(), unranked: unranked.slice() };
  // many changes (an eighth of the board or more): one sort
  if (changed.length * 8 >= ranked.length + unranked.length) {
    const gone = new Set(changed.map(key));
    const nextRanked = ranked.filter((e) => !gone.has(key(e)));
    const nextUnranked = unranked.filter((e) => !gone.has(key(e)));
    for (const entry of changed) {
      if (entry.value !== null) nextRanked.push(entry);
      else nextUnranked.push(entry.rank === null ? entry : withRank(entry, null));
    }
    nextRanked.sort(rankedOrder);
    nextUnranked.sort(unrankedOrder);
    renumber(nextRanked, 0, nextRanked.length, withRank);
    return { ranked: nextRanked, unranked: nextUnranked };
  }
  // a few: each taken out and put back in its place; ranks can move only between the first and the
  // last place touched (and the ties that follow it): entries further down keep their place and rank
  const nextRanked = ranked.slice();
  const nextUnranked = unranked.slice();
  let first = nextRanked.length;
  let last = -1;
  for (const entry of changed) {
    const k = key(entry);
    const at = indexOfKey(nextRanked, k, key);
    if (at >= 0) {
      nextRanked.splice(at, 1);
      first = Math.min(first, at);
      // a removal without an insertion moves every later entry up
      last = entry.value === null ? nextRanked.length : Math.max(last, at);
    } else {
      const u = indexOfKey(nextUnranked, k, key);
      if (u >= 0) nextUnranked.splice(u, 1);
    }
    if (entry.value !== null) {
      const to = insertionPoint(nextRanked, entry, rankedOrder);
      nextRanked.splice(to, 0, entry);
      first = Math.min(first, to);
      // an insertion without a removal moves every later entry down
      last = at >= 0 ? Math.max(last, to) : nextRanked.length;
    } else {
      const unrankedEntry = entry.rank === null ? entry : withRank(entry, null);
      nextUnranked.splice(insertionPoint(nextUnranked, unrankedEntry, unrankedOrder), 0, unrankedEntry);
    }
  }
  // each later change may have shifted the places of the earlier ones by one
  renumber(nextRanked, first, last + changed.length, withRank);
  return { ranked: nextRanked, unranked: nextUnranked };
}

function indexOfKey<T, K>(list: readonly T[], k: K, key: (entry: T) => K): number {
  for (let i = 0; i < list.length; i++) if (key(list[i]!) === k) return i;
  return -1;
}

/**
 * Standard competition ranks (1, 2, 2, 4) from index `from`, copying entries whose rank moves; past
 * index `through`, stops at the first entry whose rank holds (every entry after it holds too).
 */
function renumber<T extends RankSlot>(list: T[], from: number, through: number, withRank: (entry: T, rank: number | null) => T): void {
  for (let i = Math.max(0, from); i < list.length; i++) {
    const entry = list[i]!;
    const previous = list[i - 1];
    const rank = previous && previous.value === entry.value ? previous.rank : i + 1;
    if (entry.rank !== rank) list[i] = withRank(entry, rank);
    else if (i > through) return;
  }
}
