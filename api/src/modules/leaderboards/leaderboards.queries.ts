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
}

/**
 * Points of every candidate unit of a board, summed over its subtree: provinces and communes add
 * up the per-unit totals of the units below them (on read, so no write ever locks a shared row);
 * units of a kind count their own. Candidates with no points are listed with 0.
 */
export async function boardRows(db: Executor, q: BoardQuery): Promise<BoardRow[]> {
  const source: SQL = q.frozen
    ? sql`(select unit_id, points, classes, attendees, assists, quizzes from frozen_unit_totals where movement_id = ${q.movementId})`
    : q.period
    ? sql`(select unit_id, sum(points) as points, sum(classes) as classes, sum(attendees) as attendees, sum(assists) as assists, sum(quizzes) as quizzes
           from unit_daily_totals where movement_id = ${q.movementId} and day between ${q.period.from}::date and ${q.period.to}::date group by unit_id)`
    : sql`(select unit_id, points, classes, attendees, assists, quizzes from unit_movement_totals where movement_id = ${q.movementId})`;
  const key = q.scope === 'PROVINCE' ? sql`d.province_id` : q.scope === 'COMMUNE' ? sql`d.commune_id` : sql`d.id`;
  const kind = q.scope === 'PROVINCE' ? 'PROVINCE' : q.scope === 'COMMUNE' ? 'COMMUNE' : (q.unitKind ?? 'ORGANIZATION');
  const filters: SQL[] = [sql`u.kind = ${kind}`, sql`u.path @> array[${q.scopeUnitId}::int]`];
  if (q.withinUnitId != null) filters.push(sql`u.path @> array[${q.withinUnitId}::int]`);
  if (q.scope === 'UNIT' && q.subtype) filters.push(sql`u.subtype = ${q.subtype}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with agg as (
          select ${key} as k, sum(t.points) as points, sum(t.classes) as classes, sum(t.attendees) as attendees, sum(t.assists) as assists, sum(t.quizzes) as quizzes
          from ${source} t join units d on d.id = t.unit_id
          group by 1)
        select u.id, u.name, u.full_name, u.code, u.population, u.adult_population, u.households,
               coalesce(agg.points, 0) as points, coalesce(agg.classes, 0) as classes, coalesce(agg.attendees, 0) as attendees,
               coalesce(agg.assists, 0) as assists, coalesce(agg.quizzes, 0) as quizzes
        from units u left join agg on agg.k = u.id
        where ${sql.join(filters, sql` and `)}`,
  );
  return rows.map((r) => ({
    unitId: Number(r.id),
    name: String(r.name),
    fullName: String(r.full_name),
    code: (r.code as string | null) ?? null,
    population: r.population == null ? null : Number(r.population),
    adultPopulation: r.adult_population == null ? null : Number(r.adult_population),
    households: r.households == null ? null : Number(r.households),
    points: Number(r.points),
    classes: Number(r.classes),
    attendees: Number(r.attendees),
    assists: Number(r.assists),
    quizzes: Number(r.quizzes),
  }));
}

/** Residential groups where at least one approved class was held, counted per board candidate. */
export async function groupsWithClass(db: Executor, movementId: string, scope: BoardScope, candidateIds: number[], frozen = false): Promise<Map<number, number>> {
  if (!candidateIds.length) return new Map();
  const table = frozen ? sql`frozen_place_class_counts` : sql`place_class_counts`;
  const key = scope === 'PROVINCE' ? sql`g.province_id` : scope === 'COMMUNE' ? sql`g.commune_id` : sql`p.unit_id`;
  const rows = await queryRows<{ k: number; n: number }>(
    db,
    sql`select ${key} as k, count(distinct p.place_unit_id)::int as n
        from ${table} p join units g on g.id = p.place_unit_id
        where p.movement_id = ${movementId} and p.classes > 0
        group by 1`,
  );
  const wanted = new Set(candidateIds);
  return new Map(rows.filter((r) => wanted.has(Number(r.k))).map((r) => [Number(r.k), r.n]));
}

/** Takes the snapshot closed boards read: every unit's totals and classes per place, once. */
export async function snapshotTotals(db: Executor, movementId: string): Promise<void> {
  await db.execute(sql`insert into frozen_unit_totals (movement_id, unit_id, points, classes, attendees, assists, quizzes)
    select movement_id, unit_id, points, classes, attendees, assists, quizzes from unit_movement_totals where movement_id = ${movementId}
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
