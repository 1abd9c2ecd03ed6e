import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@thidua/db';

export interface LedgerProblem {
  kind: 'MOVEMENT_TOTAL' | 'DAILY_TOTAL' | 'AREA_TOTAL' | 'COUNTED_TWICE' | 'STATUS_MISMATCH';
  detail: string;
}

/**
 * Checks that every stored total equals the sum of the ledger, and that no activity was counted
 * twice: an approved activity has one award and no reversal (plus any rule-change adjustments), a
 * revoked one exactly one of each and nets to zero,
 * others none. Returns the problems found (none when all is well).
 */
export async function verifyLedger(db: Executor): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const movementTotals = await queryRows<{ movement_id: string; unit_id: number; stored: string | null; ledger: string | null }>(
    db,
    sql`with l as (select movement_id, unit_id, sum(points) as ledger from points_ledger group by 1, 2)
        select coalesce(t.movement_id, l.movement_id) as movement_id, coalesce(t.unit_id, l.unit_id) as unit_id, t.points as stored, l.ledger
        from unit_movement_totals t full join l on l.movement_id = t.movement_id and l.unit_id = t.unit_id
        where coalesce(t.points, 0) <> coalesce(l.ledger, 0)`,
  );
  for (const r of movementTotals)
    problems.push({ kind: 'MOVEMENT_TOTAL', detail: `movement ${r.movement_id} unit ${r.unit_id}: stored ${r.stored ?? 0}, ledger ${r.ledger ?? 0}` });
  const dailyTotals = await queryRows<{ movement_id: string; unit_id: number; day: string; stored: string | null; ledger: string | null }>(
    db,
    sql`with l as (select movement_id, unit_id, occurred_on as day, sum(points) as ledger from points_ledger group by 1, 2, 3)
        select coalesce(t.movement_id, l.movement_id) as movement_id, coalesce(t.unit_id, l.unit_id) as unit_id, coalesce(t.day, l.day)::text as day,
               t.points as stored, l.ledger
        from unit_daily_totals t full join l on l.movement_id = t.movement_id and l.unit_id = t.unit_id and l.day = t.day
        where coalesce(t.points, 0) <> coalesce(l.ledger, 0)`,
  );
  for (const r of dailyTotals)
    problems.push({ kind: 'DAILY_TOTAL', detail: `movement ${r.movement_id} unit ${r.unit_id} day ${r.day}: stored ${r.stored ?? 0}, ledger ${r.ledger ?? 0}` });
  // the area rollups (commune/province boards) against the unit totals just checked
  const areaTotals = await queryRows<{ movement_id: string; area: number; day: string | null; stored: string | null; units: string | null }>(
    db,
    sql`with u as (select t.movement_id, coalesce(d.commune_id, d.province_id, d.id) as area, t.day, sum(t.points) as points, sum(t.classes) as classes,
                          sum(t.attendees) as attendees, sum(t.assists) as assists, sum(t.quizzes) as quizzes
                   from unit_daily_totals t join units d on d.id = t.unit_id group by 1, 2, 3),
             m as (select t.movement_id, coalesce(d.commune_id, d.province_id, d.id) as area, sum(t.points) as points, sum(t.classes) as classes,
                          sum(t.attendees) as attendees, sum(t.assists) as assists, sum(t.quizzes) as quizzes
                   from unit_movement_totals t join units d on d.id = t.unit_id group by 1, 2)
        select coalesce(a.movement_id, u.movement_id) as movement_id, coalesce(a.area_unit_id, u.area) as area, coalesce(a.day, u.day)::text as day,
               a.points as stored, u.points as units
        from area_daily_totals a full join u on u.movement_id = a.movement_id and u.area = a.area_unit_id and u.day = a.day
        where (coalesce(a.points, 0), coalesce(a.classes, 0), coalesce(a.attendees, 0), coalesce(a.assists, 0), coalesce(a.quizzes, 0))
              is distinct from (coalesce(u.points, 0), coalesce(u.classes, 0), coalesce(u.attendees, 0), coalesce(u.assists, 0), coalesce(u.quizzes, 0))
        union all
        select coalesce(a.movement_id, m.movement_id), coalesce(a.area_unit_id, m.area), null, a.points, m.points
        from area_movement_totals a full join m on m.movement_id = a.movement_id and m.area = a.area_unit_id
        where (coalesce(a.points, 0), coalesce(a.classes, 0), coalesce(a.attendees, 0), coalesce(a.assists, 0), coalesce(a.quizzes, 0))
              is distinct from (coalesce(m.points, 0), coalesce(m.classes, 0), coalesce(m.attendees, 0), coalesce(m.assists, 0), coalesce(m.quizzes, 0))`,
  );
  for (const r of areaTotals)
    problems.push({ kind: 'AREA_TOTAL', detail: `movement ${r.movement_id} area ${r.area}${r.day ? ` day ${r.day}` : ''}: stored ${r.stored ?? 0}, units ${r.units ?? 0}` });
  const entries = await queryRows<{ id: string; status: string; awards: number; reversals: number }>(
    db,
    sql`select a.id, a.status, count(*) filter (where l.entry_kind = 'AWARD')::int as awards, count(*) filter (where l.entry_kind = 'REVERSAL')::int as reversals
        from activities a left join points_ledger l on l.activity_id = a.id
        group by a.id, a.status
        having not (
          (a.status = 'APPROVED' and count(*) filter (where l.entry_kind = 'AWARD') = 1 and count(*) filter (where l.entry_kind = 'REVERSAL') = 0)
          or (a.status = 'REVOKED' and count(*) filter (where l.entry_kind = 'AWARD') = 1 and count(*) filter (where l.entry_kind = 'REVERSAL') = 1
              and coalesce(sum(l.points), 0) = 0)
          or (a.status in ('SUBMITTED', 'REJECTED') and count(l.id) = 0))`,
  );
  for (const r of entries)
    problems.push({ kind: r.awards > 1 ? 'COUNTED_TWICE' : 'STATUS_MISMATCH', detail: `activity ${r.id} (${r.status}): ${r.awards} award(s), ${r.reversals} reversal(s)` });
  return problems;
}
