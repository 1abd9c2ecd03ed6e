import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '@thidua/db';
import type { UnitKind } from '@thidua/domain';

/** The SQL of the leaderboards module: the one query path every board, export and live update uses. */

export type BoardScope = 'PROVINCE' | 'COMMUNE' | 'UNIT';

export interface BoardQuery {
  movementId: string;
  scope: BoardScope;
  /** the movement's scope root: only units below it compete */
  scopeUnitId: number;
  withinUnitId?: number;
  /** UNIT boards: which kind of unit, and an optional organization subtype */
  unitKind?: UnitKind;
  subtype?: string | null;
  /** inclusive day range; null = the whole movement (read from the whole-movement totals) */
  period: { from: string; to: string } | null;
  /** read the snapshot taken when the movement closed */
  frozen?: boolean;
  /** the movement's first day and the last day that can have data (today, or its last day) */
  span?: { from: string; lastDay: string };
  /** only these candidates (board keys: units, communes or provinces): what a board update re-reads */
  keys?: readonly number[];
}

export interface BoardRow {
  unitId: number;
  name: string;
  fullName: string;
  code: string | null;
  population: number | null;
  adultPopulation: number | null;
  households: number | null;
  points: number;
  classes: number;
  attendees: number;
  assists: number;
  quizzes: number;
  /** approved assists confirmed by the person helped, and the sum of their ratings */
  confirmed: number;
  ratingSum: number;
}

/** An int[] parameter (its text form: one parameter whatever the number of ids). */
export const intArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(Number(id)) || 0).join(',')}}`;

const COUNTERS = ['points', 'classes', 'attendees', 'assists', 'quizzes', 'confirmed', 'rating_sum'] as const;
const sums = (alias: string, sign = '') => sql.raw(COUNTERS.map((c) => `sum(${sign}${alias}.${c}) as ${c}`).join(', '));

/** Days from a to b inclusive (ISO dates), 0 when b < a. */
function daysBetween(a: string, b: string): number {
  return b < a ? 0 : Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
}

/**
 * Totals per key over a period, from a daily table and its whole-movement twin: the days of the
 * period summed, or — when fewer days lie outside it (last week's board of an 83-day movement) — the
 * whole-movement totals minus the days outside. Daily rows exist only up to `lastDay` (today).
 */
function periodTotals(daily: string, totals: string, key: string, movementId: string, period: { from: string; to: string } | null, span: { from: string; lastDay: string }, keyFilter?: SQL): SQL {
  const only = keyFilter ? sql` and ${sql.raw(key)} ${keyFilter}` : sql``;
  const whole = sql`select ${sql.raw(key)} as k, ${sql.raw(COUNTERS.join(', '))} from ${sql.raw(totals)} where movement_id = ${movementId}${only}`;
  if (!period) return whole;
  const inside = daysBetween(period.from < span.from ? span.from : period.from, period.to > span.lastDay ? span.lastDay : period.to);
  const outside = daysBetween(span.from, span.lastDay) - inside;
  if (outside >= inside)
    return sql`select ${sql.raw(key)} as k, ${sums('t')} from ${sql.raw(daily)} t
               where movement_id = ${movementId} and day between ${period.from}::date and ${period.to}::date${only} group by 1`;
  return sql`select x.k, ${sums('x')} from (
               ${whole}
               union all
               select ${sql.raw(key)}, ${sql.raw(COUNTERS.map((c) => `-${c}`).join(', '))} from ${sql.raw(daily)}
               where movement_id = ${movementId} and (day < ${period.from}::date or day > ${period.to}::date)${only}
             ) x group by 1`;
}

/** The units that compete on a board: its kind, below the movement's scope root (and `withinUnitId`). */
function candidateFilter(q: BoardQuery): SQL {
  const kind = q.scope === 'PROVINCE' ? 'PROVINCE' : q.scope === 'COMMUNE' ? 'COMMUNE' : (q.unitKind ?? 'ORGANIZATION');
  const filters: SQL[] = [sql`u.kind = ${kind}`, sql`u.path @> array[${q.scopeUnitId}::int]`];
  if (q.withinUnitId != null) filters.push(sql`u.path @> array[${q.withinUnitId}::int]`);
  if (q.scope === 'UNIT' && q.subtype) filters.push(sql`u.subtype = ${q.subtype}`);
  return sql.join(filters, sql` and `);
}

/** Counters per board candidate (k), summed over its subtree, for the board's period. */
function aggregate(q: BoardQuery, candidates: SQL): SQL {
  const span = q.span ?? { from: '0001-01-01', lastDay: '9999-12-31' };
  if (q.frozen) {
    // the snapshot holds unit rows only; read once at close and cached
    const key = q.scope === 'PROVINCE' ? sql`d.province_id` : q.scope === 'COMMUNE' ? sql`d.commune_id` : sql`d.id`;
    return sql`select ${key} as k, ${sums('t')} from frozen_unit_totals t join units d on d.id = t.unit_id where t.movement_id = ${q.movementId} group by 1`;
  }
  const keys = q.keys ? sql`${intArray(q.keys)}::int[]` : null;
  // keys (a board update: a few candidates, checked by the caller) as `= any(…)`, which the
  // primary key's index takes directly whatever the plan (a generic plan of `in (select unnest(…))`
  // read a whole period's rows of the movement before joining)
  if (q.scope === 'UNIT')
    return periodTotals('unit_daily_totals', 'unit_movement_totals', 'unit_id', q.movementId, q.period, span, keys ? sql`= any(${keys})` : sql`in (select u.id from units u where ${candidates})`);
  // a commune's area rows are its own: no second roll-up (areas that are provinces match no commune)
  if (q.scope === 'COMMUNE') return periodTotals('area_daily_totals', 'area_movement_totals', 'area_unit_id', q.movementId, q.period, span, keys ? sql`= any(${keys})` : undefined);
  // a province's areas: its communes, and the province itself (its units above communes)
  const areas = keys ? sql`in (select a.id from units a where a.id = any(${keys}) or a.province_id = any(${keys}))` : undefined;
  return sql`select a.province_id as k, ${sums('t')}
             from (${periodTotals('area_daily_totals', 'area_movement_totals', 'area_unit_id', q.movementId, q.period, span, areas)}) t
             join units a on a.id = t.k group by 1`;
}

/** snake_case counter column → BoardRow field */
const counterField = (c: string) => c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
export type BoardCounters = Pick<BoardRow, 'points' | 'classes' | 'attendees' | 'assists' | 'quizzes' | 'confirmed' | 'ratingSum'>;
export type BoardUnit = Omit<BoardRow, keyof BoardCounters>;

/**
 * Points of every candidate unit of a board, summed over its subtree. Provinces and communes read
 * the area rollups (a commune's units are rolled up into one row per day as they are written);
 * units of a kind read their own rows, looked up for the candidates only; a closed movement reads
 * the snapshot taken at close. Candidates with no points are listed with 0. Nothing here reads
 * activities or ledger rows, so a board costs the same at 10 million activities as at 10.
 */
export async function boardRows(db: Executor, q: BoardQuery): Promise<BoardRow[]> {
  const candidates = candidateFilter(q);
  // only what ranking needs: a national commune board is 3,321 rows, parsed on every miss
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with agg as (${aggregate(q, candidates)})
        select u.id, u.name, u.full_name, u.code, u.population, u.adult_population, u.households,
               ${sql.raw(COUNTERS.map((c) => `coalesce(agg.${c}, 0) as ${c}`).join(', '))}
        from units u left join agg on agg.k = u.id
        where ${candidates}`,
  );
  return rows.map((r) => boardRow(unitOf(r), countersOf(r)));
}

function unitOf(r: Record<string, unknown>): BoardUnit {
  return {
    unitId: Number(r.id),
    name: String(r.name),
    fullName: String(r.full_name),
    code: (r.code as string | null) ?? null,
    population: r.population == null ? null : Number(r.population),
    adultPopulation: r.adult_population == null ? null : Number(r.adult_population),
    households: r.households == null ? null : Number(r.households),
  };
}

function countersOf(r: Record<string, unknown> | undefined): BoardCounters {
  const out: Record<string, number> = {};
  for (const c of COUNTERS) out[counterField(c)] = r ? Number(r[c] ?? 0) : 0;
  return out as unknown as BoardCounters;
}

/** The candidates of a board without their counters (what a cache can keep until a unit changes). */
export async function boardUnits(db: Executor, q: Pick<BoardQuery, 'scope' | 'scopeUnitId' | 'withinUnitId' | 'unitKind' | 'subtype'>): Promise<BoardUnit[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.id, u.name, u.full_name, u.code, u.population, u.adult_population, u.households from units u where ${candidateFilter(q as BoardQuery)}`,
  );
  return rows.map(unitOf);
}

/**
 * Only the counters of a board's candidates that have any (numbers, no names): what a board miss
 * reads when its candidates are known. The rows of other keys (areas above communes) are dropped
 * by the caller.
 */
export async function boardCounters(db: Executor, q: BoardQuery): Promise<Map<number, BoardCounters>> {
  const rows = await queryRows<Record<string, unknown>>(db, aggregate(q, candidateFilter(q)));
  return new Map(rows.map((r) => [Number(r.k), countersOf(r)]));
}

/**
 * A candidate with its counters, every field written out: copying them by spread or Object.assign
 * takes V8's slow path (≈ 10–30 ms for the 3,321 communes, against 0.1 ms for this literal).
 */
export function boardRow(u: BoardUnit, c: BoardCounters): BoardRow {
  return {
    unitId: u.unitId,
    name: u.name,
    fullName: u.fullName,
    code: u.code,
    population: u.population,
    adultPopulation: u.adultPopulation,
    households: u.households,
    points: c.points,
    classes: c.classes,
    attendees: c.attendees,
    assists: c.assists,
    quizzes: c.quizzes,
    confirmed: c.confirmed,
    ratingSum: c.ratingSum,
  };
}

/** Zero counters, for candidates with no row. */
export const noCounters = (): BoardCounters => countersOf(undefined);

/** Residential groups where at least one approved class was held, counted per board candidate. */
export async function groupsWithClass(db: Executor, movementId: string, scope: BoardScope, candidateIds: number[], frozen = false, onlyThese = false): Promise<Map<number, number>> {
  if (!candidateIds.length) return new Map();
  const table = frozen ? sql`frozen_place_class_counts` : sql`place_class_counts`;
  const key = scope === 'PROVINCE' ? sql`g.province_id` : scope === 'COMMUNE' ? sql`g.commune_id` : sql`p.unit_id`;
  // a few candidates (a board update): only their rows
  const only = onlyThese ? sql` and ${key} = any(${intArray(candidateIds)}::int[])` : sql``;
  const rows = await queryRows<{ k: number; n: number }>(
    db,
    sql`select ${key} as k, count(distinct p.place_unit_id)::int as n
        from ${table} p join units g on g.id = p.place_unit_id
        where p.movement_id = ${movementId} and p.classes > 0${only}
        group by 1`,
  );
  const wanted = new Set(candidateIds);
  return new Map(rows.filter((r) => wanted.has(Number(r.k))).map((r) => [Number(r.k), r.n]));
}

/** Takes the snapshot closed boards read: every unit's totals and classes per place, once. */
export async function snapshotTotals(db: Executor, movementId: string): Promise<void> {
  await db.execute(sql`insert into frozen_unit_totals (movement_id, unit_id, points, classes, attendees, assists, quizzes, confirmed, rating_sum)
    select movement_id, unit_id, points, classes, attendees, assists, quizzes, confirmed, rating_sum from unit_movement_totals where movement_id = ${movementId}
    on conflict do nothing`);
  await db.execute(sql`insert into frozen_place_class_counts (movement_id, unit_id, place_unit_id, classes)
    select movement_id, unit_id, place_unit_id, classes from place_class_counts where movement_id = ${movementId}
    on conflict do nothing`);
}

/** Daily points and counts of a unit's subtree, for charts and target trends. */
export async function subtreeDaily(db: Executor, movementId: string, unitId: number) {
  return queryRows<{ day: string; points: string; classes: number; attendees: number; assists: number; quizzes: number }>(
    db,
    sql`select t.day::text as day, sum(t.points) as points, sum(t.classes)::int as classes, sum(t.attendees)::int as attendees,
               sum(t.assists)::int as assists, sum(t.quizzes)::int as quizzes
        from unit_daily_totals t join units d on d.id = t.unit_id
        where t.movement_id = ${movementId} and d.path @> array[${unitId}::int]
        group by t.day order by t.day`,
  );
}


/** The counter columns of a totals row aliased `t` (a unit's or an area's); an area row's counters and province. */
const TOTALS_COLUMNS = sql.raw(COUNTERS.map((c) => `t.${c}`).join(', '));
/** An area's whole-movement counters, with the area's province. */
export type AreaTotals = { counters: BoardCounters; provinceId: number | null };
const areaTotalsOf = (r: Record<string, unknown>): AreaTotals => ({ counters: countersOf(r), provinceId: r.province_id == null ? null : Number(r.province_id) });

/** Whole-movement counters of every unit with a row: what live boards keep (re-read unit by unit with movementTotalsOf). */
export async function movementUnitTotals(db: Executor, movementId: string): Promise<Map<number, BoardCounters>> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select unit_id as k, ${sql.raw(COUNTERS.join(', '))} from unit_movement_totals where movement_id = ${movementId}`);
  return new Map(rows.map((r) => [Number(r.k), countersOf(r)]));
}

/** Whole-movement counters of every area, with the area's province. */
export async function movementAreaTotals(db: Executor, movementId: string): Promise<Map<number, AreaTotals>> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select t.area_unit_id as k, a.province_id, ${TOTALS_COLUMNS}
        from area_movement_totals t join units a on a.id = t.area_unit_id where t.movement_id = ${movementId}`,
  );
  return new Map(rows.map((r) => [Number(r.k), areaTotalsOf(r)]));
}

/**
 * The whole-movement counters of some units and of their areas (with the area's province), in one
 * statement: what a live board's re-read after an approval needs (movementUnitTotals and
 * movementAreaTotals for these units, one round trip instead of two).
 */
export async function movementTotalsOf(
  db: Executor,
  movementId: string,
  unitIds: readonly number[],
): Promise<{ units: Map<number, BoardCounters>; areas: Map<number, AreaTotals> }> {
  const ids = intArray(unitIds);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select 'u' as src, t.unit_id as k, null::int as province_id, ${TOTALS_COLUMNS}
        from unit_movement_totals t where t.movement_id = ${movementId} and t.unit_id = any(${ids}::int[])
        union all
        select 'a', t.area_unit_id, a.province_id, ${TOTALS_COLUMNS}
        from units u
        join area_movement_totals t on t.movement_id = ${movementId} and t.area_unit_id = coalesce(u.commune_id, u.province_id, u.id)
        join units a on a.id = t.area_unit_id
        where u.id = any(${ids}::int[])`,
  );
  const units = new Map<number, BoardCounters>();
  const areas = new Map<number, AreaTotals>();
  for (const r of rows) {
    if (r.src === 'u') units.set(Number(r.k), countersOf(r));
    else areas.set(Number(r.k), areaTotalsOf(r));
  }
  return { units, areas };
}

/** Where units count on boards: their area (COMMUNE boards: a commune, or a province for units above communes) and their province; of every unit without ids. */
export async function unitPlaces(db: Executor, unitIds?: readonly number[]): Promise<Map<number, { area: number; province: number }>> {
  const only = unitIds ? sql` where id = any(${intArray(unitIds)}::int[])` : sql``;
  const rows = await queryRows<{ id: number; area: number; province: number }>(
    db,
    sql`select id, coalesce(commune_id, province_id, id) as area, coalesce(province_id, id) as province from units${only}`,
  );
  return new Map(rows.map((r) => [Number(r.id), { area: Number(r.area), province: Number(r.province) }]));
}
