import { sql } from 'drizzle-orm';
import { queryRows } from '@thidua/db';
import { projectCompletionDate, reachedOn, vietnamDateOf } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { notFound } from '../../errors';
import { targetsOf, type MovementRow } from '../movements/movements.queries';
import { subtreeDaily, type BoardRow } from './leaderboards.queries';
import { officersTrainedIn, targetProgressOf } from './leaderboards.service';
import type { TargetProgressView } from './leaderboard.type';

const RATIO_MEASURES = new Set(['ADULTS_TRAINED', 'HOUSEHOLDS_DIGITAL', 'OFFICERS_TRAINED']);

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
  const today = vietnamDateOf(new Date());
  const base = { unitId, name: unit.name, fullName: unit.fullName, code: unit.code, population: unit.population, adultPopulation: unit.adultPopulation, households: unit.households };
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
      target.measure === 'GROUPS_WITH_CLASS' || target.measure === 'HOUSEHOLDS_DIGITAL' || target.measure === 'OFFICERS_TRAINED'
        ? value == null ? [] : [{ date: today, value }]
        : cumulative.map((c) => ({ date: c.date, value: targetProgressOf(target, c.row, 0, 0) ?? 0 }));
    const completion = value == null ? null : Math.min(100, Math.round((value / target.level) * 10_000) / 100);
    let note: string | null = null;
    if (value == null)
      note = target.measure === 'OFFICERS_TRAINED' ? 'Đơn vị chưa có tài khoản cán bộ nào để tính tỉ lệ.' : 'Đơn vị chưa có mẫu số (dân số/số hộ) để tính tỉ lệ.';
    else if (target.measure === 'OFFICERS_TRAINED') note = `${officers.trained}/${officers.staff} cán bộ (tài khoản cán bộ, lãnh đạo) đã đạt một bài kiểm tra.`;
    else if (RATIO_MEASURES.has(target.measure) && unit.denominatorsSource?.includes('ước tính')) note = 'Mẫu số là số liệu ước tính.';
    return {
      target,
      value,
      completion,
      reached: value != null && value >= target.level,
      projectedOn: value == null ? null : projectCompletionDate(trend, target.level, today),
      trend,
      note,
    };
  });
}

/** Whether every measurable target with a deadline was reached on or before it, in the unit's subtree. */
export async function targetReachedEarly(ctx: Context, movement: MovementRow, unitId: number): Promise<boolean> {
  const progress = await targetProgressFor(ctx, movement, unitId);
  const dated = progress.filter((p) => p.target.deadline && p.value != null);
  if (!dated.length) return false;
  return dated.every((p) => {
    const on = reachedOn(p.trend, p.target.level);
    return on != null && on <= p.target.deadline!;
  });
}
