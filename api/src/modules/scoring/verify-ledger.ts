import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@thidua/db';

export interface LedgerProblem {
  kind: 'MOVEMENT_TOTAL' | 'DAILY_TOTAL' | 'COUNTED_TWICE' | 'STATUS_MISMATCH';
  detail: string;
}

/**
 * Checks that every stored total equals the sum of the ledger, and that no activity was counted
 * twice: an approved activity has one award and no reversal, a revoked one exactly one of each,
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
  const entries = await queryRows<{ id: string; status: string; awards: number; reversals: number }>(
    db,
    sql`select a.id, a.status, count(*) filter (where l.entry_kind = 'AWARD')::int as awards, count(*) filter (where l.entry_kind = 'REVERSAL')::int as reversals
        from activities a left join points_ledger l on l.activity_id = a.id
        group by a.id, a.status
        having not (
          (a.status = 'APPROVED' and count(*) filter (where l.entry_kind = 'AWARD') = 1 and count(*) filter (where l.entry_kind = 'REVERSAL') = 0)
          or (a.status = 'REVOKED' and count(*) filter (where l.entry_kind = 'AWARD') = 1 and count(*) filter (where l.entry_kind = 'REVERSAL') = 1)
          or (a.status in ('SUBMITTED', 'REJECTED') and count(l.id) = 0))`,
  );
  for (const r of entries)
    problems.push({ kind: r.awards > 1 ? 'COUNTED_TWICE' : 'STATUS_MISMATCH', detail: `activity ${r.id} (${r.status}): ${r.awards} award(s), ${r.reversals} reversal(s)` });
  return problems;
}
