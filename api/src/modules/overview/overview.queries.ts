import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@thidua/db';

/** The SQL of the movement overview: totals over per-unit totals, and the feed of approvals. */

export interface TotalsRow {
  points: number;
  classes: number;
  attendees: number;
  assists: number;
  quizzes: number;
  unitsWithPoints: number;
}

/**
 * A movement's totals over every unit in its scope: the whole-movement unit totals (kept with the
 * ledger, in the same transaction), or the snapshot taken at close for a closed movement, exactly
 * what the boards read.
 */
export async function movementTotalsRow(db: Executor, movementId: string, scopeUnitId: number, frozen: boolean): Promise<TotalsRow> {
  const table = frozen ? sql`frozen_unit_totals` : sql`unit_movement_totals`;
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select coalesce(sum(t.points), 0) as points, coalesce(sum(t.classes), 0)::int as classes,
               coalesce(sum(t.attendees), 0)::int as attendees, coalesce(sum(t.assists), 0)::int as assists,
               coalesce(sum(t.quizzes), 0)::int as quizzes, count(*) filter (where t.points <> 0)::int as units_with_points
        from ${table} t join units u on u.id = t.unit_id
        where t.movement_id = ${movementId} and u.path @> array[${scopeUnitId}::int]`,
  );
  return {
    points: Number(row?.points ?? 0),
    classes: Number(row?.classes ?? 0),
    attendees: Number(row?.attendees ?? 0),
    assists: Number(row?.assists ?? 0),
    quizzes: Number(row?.quizzes ?? 0),
    unitsWithPoints: Number(row?.units_with_points ?? 0),
  };
}

/** Valid "Công dân số" awards of citizens, and households with a valid "Gia đình số", in a subtree. */
export async function digitalBadgeCounts(db: Executor, scopeUnitId: number): Promise<{ citizens: number; households: number }> {
  const [row] = await queryRows<{ citizens: number; households: number }>(
    db,
    sql`select
          (select count(distinct a.citizen_id)::int from badge_awards a join citizens c on c.id = a.citizen_id join units u on u.id = c.unit_id
           where a.badge_code = 'CONG_DAN_SO' and a.status = 'VALID' and u.path @> array[${scopeUnitId}::int]) as citizens,
          (select count(distinct a.household_id)::int from badge_awards a join households h on h.id = a.household_id join units u on u.id = h.unit_id
           where a.badge_code = 'GIA_DINH_SO' and a.status = 'VALID' and u.path @> array[${scopeUnitId}::int]) as households`,
  );
  return { citizens: row?.citizens ?? 0, households: row?.households ?? 0 };
}

export interface FeedRow {
  id: string;
  kind: 'CLASS' | 'ASSIST';
  unitId: number;
  count: number;
  service: string | null;
  points: number;
  occurredOn: string;
  approvedAt: Date;
}

/**
 * The newest approved classes and assists of a movement, by unit (activities_approved_feed_idx):
 * only what a public feed may show — never the citizen, the note, the recorder or the reviewer.
 * Points are the activity's ledger rows; an activity revoked since leaves the feed (it is no
 * longer APPROVED).
 */
export async function recentApprovals(db: Executor, movementId: string, limit: number): Promise<FeedRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.kind, a.unit_id, a.attendee_count, a.service, a.occurred_on::text as occurred_on, a.reviewed_at,
               coalesce((select sum(l.points) from points_ledger l where l.activity_id = a.id), 0) as points
        from activities a
        where a.movement_id = ${movementId} and a.status = 'APPROVED' and a.kind in ('CLASS', 'ASSIST')
        order by a.reviewed_at desc nulls last
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as 'CLASS' | 'ASSIST',
    unitId: Number(r.unit_id),
    count: r.kind === 'CLASS' ? Number(r.attendee_count ?? 0) : 1,
    service: r.kind === 'ASSIST' ? ((r.service as string | null) ?? null) : null,
    points: Number(r.points),
    occurredOn: String(r.occurred_on),
    approvedAt: r.reviewed_at instanceof Date ? r.reviewed_at : new Date(String(r.reviewed_at)),
  }));
}
