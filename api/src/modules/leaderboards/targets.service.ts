import { sql } from 'drizzle-orm';
import { queryRows } from '@thidua/db';
import { projectCompletion, reachedByDeadline, seriesFromFirstDates, vietnamDateOf, type TargetReading } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { notFound } from '../../errors';
import { targetsOf, type MovementRow } from '../movements/movements.queries';
import { subtreeDaily, type BoardRow } from './leaderboards.queries';
import { officersTrainedIn, targetProgressOf } from './leaderboards.service';
import type { TargetProgressView } from './leaderboard.type';

const RATIO_MEASURES = new Set(['ADULTS_TRAINED', 'HOUSEHOLDS_DIGITAL', 'OFFICERS_TRAINED']);

/**
 * The history of the measures not kept in the daily totals, from the dates things first happened
 * in the unit's subtree: a residential group's first approved class, a household's valid Gia đình
 * số, a staff member's first passed quiz. Without it these targets would seem reached "today" and
 * never before a past deadline.
 */
async function firstDates(ctx: Context, movement: MovementRow, unitId: number): Promise<Record<'groups' | 'households' | 'officers', string[]>> {
  const [groups, households, officers] = await Promise.all([
    queryRows<{ d: string }>(
      ctx.db,
      sql`select min(a.occurred_on)::text as d from activities a join units g on g.id = (a.details->>'placeUnitId')::int
          where a.movement_id = ${movement.id} and a.kind = 'CLASS' and a.status = 'APPROVED' and g.path @> array[${unitId}::int] group by g.id`,
    ),
    queryRows<{ d: string }>(
      ctx.db,
      sql`select to_char(min(a.issued_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as d from badge_awards a join households h on h.id = a.household_id join units u on u.id = h.unit_id
          where a.badge_code = 'GIA_DINH_SO' and a.status = 'VALID' and u.path @> array[${unitId}::int] group by a.household_id`,
    ),
    queryRows<{ d: string }>(
      ctx.db,
      sql`select to_char(min(qa.submitted_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as d
          from users s join units u on u.id = s.unit_id join quiz_attempts qa on qa.user_id = s.id join quizzes q on q.id = qa.quiz_id
          where s.role in ('OFFICER', 'LEADER') and s.disabled_at is null and u.path @> array[${unitId}::int]
            and qa.passed and qa.submitted_at is not null and (q.movement_id = ${movement.id}::uuid or q.movement_id is null)
          group by s.id`,
    ),
  ]);
  return { groups: groups.map((r) => r.d), households: households.map((r) => r.d), officers: officers.map((r) => r.d) };
}

/** Progress of a unit's subtree toward each target of a movement, with its trend and projection. */
export async function targetProgressFor(ctx: Context, movement: MovementRow, unitId: number): Promise<TargetProgressView[]> {
  const unit = await ctx.loaders.unitById.load(unitId);
  if (!unit) throw notFound('đơn vị');
  const [targets, daily, [groups], [households], officers] = await Promise.all([
    targetsOf(ctx.db, [movement.id]),
    subtreeDaily(ctx.db, movement.id, unitId),
    queryRows<{ n: number }>(
      ctx.db,
      sql`select count(distinct p.place_unit_id)::int as n from place_class_counts p join units g on g.id = p.place_unit_id
          where p.movement_id = ${movement.id} and p.classes > 0 and g.path @> array[${unitId}::int]`,
    ),
    queryRows<{ n: number }>(
      ctx.db,
      sql`select count(distinct a.household_id)::int as n from badge_awards a join households h on h.id = a.household_id join units u on u.id = h.unit_id
          where a.badge_code = 'GIA_DINH_SO' and a.status = 'VALID' and u.path @> array[${unitId}::int]`,
    ),
    officersTrainedIn(ctx.db, movement.id, unitId),
  ]);
  const history = await firstDates(ctx, movement, unitId);
  const historyOf: Record<string, TargetReading[]> = {
    GROUPS_WITH_CLASS: seriesFromFirstDates(history.groups),
    HOUSEHOLDS_DIGITAL: seriesFromFirstDates(history.households, unit.households),
    OFFICERS_TRAINED: seriesFromFirstDates(history.officers, officers.staff),
  };
  const today = vietnamDateOf(new Date());
  const base = { unitId, name: unit.name, fullName: unit.fullName, code: unit.code, population: unit.population, adultPopulation: unit.adultPopulation, households: unit.households, confirmed: 0, ratingSum: 0 };
  // cumulative readings per day, as a board row would show them on that day
  const cumulative: { date: string; row: BoardRow }[] = [];
  let acc = { points: 0, classes: 0, attendees: 0, assists: 0, quizzes: 0 };
  for (const d of daily) {
    acc = { points: acc.points + Number(d.points), classes: acc.classes + d.classes, attendees: acc.attendees + d.attendees, assists: acc.assists + d.assists, quizzes: acc.quizzes + d.quizzes };
    cumulative.push({ date: d.day, row: { ...base, ...acc } });
  }
  const now: BoardRow = { ...base, ...acc };
  return targets.map((target) => {
    const value = targetProgressOf(target, now, groups?.n ?? 0, households?.n ?? 0, officers);
    const trend =
      Object.hasOwn(historyOf, target.measure)
        ? value == null ? [] : historyOf[target.measure]
        : cumulative.map((c) => ({ date: c.date, value: targetProgressOf(target, c.row, 0, 0) ?? 0 }));
    const completion = value == null ? null : Math.min(100, Math.round((value / target.level) * 10_000) / 100);
    let note: string | null = null;
    if (value == null)
      note = target.measure === 'OFFICERS_TRAINED' ? 'Đơn vị chưa có tài khoản cán bộ nào để tính tỉ lệ.' : 'Đơn vị chưa có mẫu số (dân số/số hộ) để tính tỉ lệ.';
    else if (target.measure === 'OFFICERS_TRAINED') note = `${officers.trained}/${officers.staff} cán bộ (tài khoản cán bộ, lãnh đạo) đã đạt một bài kiểm tra.`;
    else if (RATIO_MEASURES.has(target.measure) && unit.denominatorsSource?.includes('ước tính')) note = 'Mẫu số là số liệu ước tính.';
    const projection = value == null ? { pace: 'NO_DATA' as const, on: null } : projectCompletion(trend, target.level, today);
    return {
      target,
      value,
      completion,
      reached: value != null && value >= target.level,
      projectedOn: projection.on,
      pace: projection.pace,
      trend,
      note,
    };
  });
}

/** Whether every measurable target with a deadline, of whatever measure, was reached on or before it, in the unit's subtree. */
export async function targetReachedEarly(ctx: Context, movement: MovementRow, unitId: number): Promise<boolean> {
  const progress = await targetProgressFor(ctx, movement, unitId);
  const dated = progress.filter((p) => p.target.deadline && p.value != null);
  if (!dated.length) return false;
  return dated.every((p) => reachedByDeadline(p.trend, p.target.level, p.target.deadline!));
}
