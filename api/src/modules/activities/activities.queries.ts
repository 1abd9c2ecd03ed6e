import { and, asc, desc, eq, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { activities, auditLog, confirmationCodeReservations, evidenceFiles, pointsLedger, queryRows, rowsOfTable, unitDailyTotals, unitMovementTotals, units, users, type Executor } from '@thidua/db';
import type { ActivityKind, ActivityStatus } from '@thidua/domain';

/** The SQL of the activities module. */
export type ActivityRow = typeof activities.$inferSelect;
export type NewActivityRow = typeof activities.$inferInsert;

/** How many of a unit's latest classes (by the day held) make its "usual" class size. */
export const CLASS_HISTORY_LIMIT = 100;

const ids = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The columns a recording writes; the rest (recorded_at, review fields) take their defaults. */
const RECORDED_COLUMNS = [
  'id', 'movementId', 'unitId', 'kind', 'status', 'occurredOn', 'attendeeCount', 'topics', 'service', 'priorityGroups',
  'citizenId', 'citizenKey', 'quizAttemptId', 'score', 'details', 'fingerprint', 'flags', 'recordedBy', 'confirmationCode',
] as const satisfies readonly (keyof NewActivityRow)[];
const DEFAULTS: Partial<Record<(typeof RECORDED_COLUMNS)[number], string>> = { status: `'SUBMITTED'`, details: `'{}'::jsonb`, flags: `'{}'::text[]` };
/** [key, column name] of the recorded columns, computed once */
const RECORDED: readonly (readonly [(typeof RECORDED_COLUMNS)[number], string])[] = RECORDED_COLUMNS.map((key) => [key, activities[key].name] as const);

// the statement's constant text, built once: only the rows (one JSON parameter) and any evidence links vary
const table = (t: Parameters<typeof getTableName>[0]) => `"${getTableName(t)}"`;
const EVIDENCE_TABLE = table(evidenceFiles);
const INSERT_HEAD = sql.raw(`with ins as (
          insert into ${table(activities)} (${RECORDED.map(([, name]) => name).join(', ')})
          select ${RECORDED.map(([key]) => (DEFAULTS[key] ? `coalesce(r."${key}", ${DEFAULTS[key]})` : `r."${key}"`)).join(', ')} from jsonb_to_recordset(`);
// the rows travel as they are (keys as in the schema's TypeScript, camelCase), typed here once
const INSERT_ROWS = sql.raw(`::jsonb) r(${RECORDED.map(([key]) => `"${key}" ${activities[key].getSQLType()}`).join(', ')})
          on conflict (id) do nothing
          returning id, kind, unit_id, movement_id, flags, recorded_by, recorded_at, confirmation_code
        ),
        used as (
          delete from ${table(confirmationCodeReservations)} where code in (select confirmation_code from ins where confirmation_code is not null)
        ),
        aud as (
          insert into ${table(auditLog)} (actor_user_id, action, entity_type, entity_id, unit_id, movement_id, data)
          select ins.recorded_by, 'activity.record', 'activity', ins.id::text, ins.unit_id, ins.movement_id,
                 jsonb_build_object('kind', ins.kind, 'unitId', ins.unit_id, 'flags', to_jsonb(ins.flags))
          from ins
        )`);
const INSERT_TAIL = sql.raw(`
        select id, recorded_at from ins`);

/**
 * Records activities in ONE statement, atomic on its own: the rows (a client id already stored is
 * skipped), their audit entries and their evidence links. The rows travel as one JSON parameter
 * (a batch of 500 would otherwise be 9,000 bound parameters to build and send). Each audit entry
 * names the row's recorder, so rows of several people can share a statement. Returns the rows
 * actually inserted: the database sends back only what it chose (the id and the time recorded),
 * the rest is what was sent, with the columns' defaults.
 */
export async function insertActivities(
  db: Executor,
  rows: NewActivityRow[],
  evidenceLinks: { evidenceId: string; activityId: string }[],
): Promise<ActivityRow[]> {
  if (!rows.length) return [];
  // keys the statement does not name are ignored by jsonb_to_recordset; undefined ones are left out
  const payload = JSON.stringify(rows);
  const links = evidenceLinks.map((l) => sql`(${l.evidenceId}::uuid, ${l.activityId}::uuid)`);
  const query = links.length
    ? sql`${INSERT_HEAD}${payload}${INSERT_ROWS}${sql.raw(`,
        ev as (
          update ${EVIDENCE_TABLE} f set activity_id = l.a
          from (values `)}${sql.join(links, sql`, `)}${sql.raw(`) as l(e, a)
          where f.id = l.e and f.activity_id is null and l.a in (select id from ins)
        )`)}${INSERT_TAIL}`
    : sql`${INSERT_HEAD}${payload}${INSERT_ROWS}${INSERT_TAIL}`;
  const inserted = await queryRows<{ id: string; recorded_at: string | Date }>(db, query);
  const sent = new Map(rows.map((r) => [r.id, r]));
  return inserted.map((r) => recordedRow(sent.get(r.id)!, activities.recordedAt.mapFromDriverValue(r.recorded_at as string) as Date));
}

/** The stored row of an activity just inserted, from what was sent and the columns' defaults. */
function recordedRow(row: NewActivityRow, recordedAt: Date): ActivityRow {
  return {
    id: row.id,
    movementId: row.movementId,
    unitId: row.unitId,
    kind: row.kind,
    status: row.status ?? 'SUBMITTED',
    occurredOn: row.occurredOn,
    attendeeCount: row.attendeeCount ?? null,
    topics: row.topics ?? null,
    service: row.service ?? null,
    priorityGroups: row.priorityGroups ?? null,
    citizenId: row.citizenId ?? null,
    citizenKey: row.citizenKey ?? null,
    quizAttemptId: row.quizAttemptId ?? null,
    score: row.score ?? null,
    details: row.details ?? {},
    fingerprint: row.fingerprint,
    flags: row.flags ?? [],
    recordedBy: row.recordedBy ?? null,
    recordedAt,
    reviewedBy: null,
    reviewedAt: null,
    reviewReason: null,
    confirmationCode: row.confirmationCode ?? null,
    confirmedAt: null,
    confirmationRating: null,
    confirmationComment: null,
  };
}

export async function findActivities(db: Executor, ids: readonly string[]): Promise<ActivityRow[]> {
  if (!ids.length) return [];
  return db.select().from(activities).where(inArray(activities.id, [...ids]));
}

/** What a review needs to decide, read in one statement (see findActivityForReview). */
export interface ActivityUnderReview {
  activity: ActivityRow;
  movement: { id: string; status: 'DRAFT' | 'ACTIVE' | 'CLOSED'; currentRuleVersion: number };
  /** the activity unit's path (its ancestors' ids, itself last): what the reviewer's scope is checked against */
  unitPath: number[];
}

/**
 * The activity locked for update, its movement share-locked (applying a rule version locks it for
 * update, so approvals and a rule change do not interleave) and its unit's path, in one statement:
 * a review is a stream of small writes, and each statement is a round trip.
 */
export async function findActivityForReview(db: Executor, id: string): Promise<ActivityUnderReview | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.*, m.status as "m.status", m.current_rule_version as "m.current_rule_version", u.path as "u.path"
        from activities a join movements m on m.id = a.movement_id join units u on u.id = a.unit_id
        where a.id = ${id}::uuid
        for update of a for share of m`,
  );
  if (!row) return undefined;
  const [activity] = rowsOfTable(activities, [row]);
  return {
    activity: activity!,
    movement: { id: activity!.movementId, status: row['m.status'] as ActivityUnderReview['movement']['status'], currentRuleVersion: Number(row['m.current_rule_version']) },
    unitPath: units.path.mapFromDriverValue(row['u.path'] as never) as number[],
  };
}

/** Records a review's decision on the activity (a fixed statement: reviews come in streams). */
export async function setReviewed(db: Executor, id: string, status: 'APPROVED' | 'REJECTED' | 'REVOKED', reviewerId: string, reason: string | null): Promise<ActivityRow> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`update activities set status = ${status}::activity_status, reviewed_by = ${reviewerId}::uuid, reviewed_at = ${new Date().toISOString()}::timestamptz, review_reason = ${reason}::text
        where id = ${id}::uuid returning *`,
  );
  return rowsOfTable(activities, rows)[0]!;
}

export interface UnitClassHistory {
  movementId: string;
  unitId: number;
  /** attendee counts of the unit's latest classes in the movement, by the day held (at most CLASS_HISTORY_LIMIT) */
  counts: number[];
  /** those of the given attendee-list hashes that an earlier class of the unit already had */
  seenHashes: string[];
}

/** What the plausibility checks compare new classes with, for every (movement, unit) of a batch in one query. */
export async function classHistory(db: Executor, keys: { movementId: string; unitId: number }[], listHashes: string[]): Promise<UnitClassHistory[]> {
  if (!keys.length) return [];
  const sameUnit = sql`a.movement_id = k.movement_id and a.unit_id = k.unit_id and a.kind = 'CLASS' and a.status <> 'REJECTED'`;
  return queryRows<UnitClassHistory & Record<string, unknown>>(
    db,
    sql`select k.movement_id::text as "movementId", k.unit_id as "unitId",
          array(select a.attendee_count from ${activities} a where ${sameUnit} and a.attendee_count is not null
                order by a.occurred_on desc limit ${CLASS_HISTORY_LIMIT}) as counts,
          ${
            listHashes.length
              ? sql`array(select distinct a.details->>'attendeeListHash' from ${activities} a where ${sameUnit} and a.details->>'attendeeListHash' in (${ids(listHashes)}))`
              : sql`'{}'::text[]`
          } as "seenHashes"
        from (values ${sql.join(
          keys.map((k) => sql`(${k.movementId}::uuid, ${k.unitId}::int)`),
          sql`, `,
        )}) as k(movement_id, unit_id)`,
  );
}

/** Classes per instructor per day, for the "many classes by one instructor in a day" flag. */
export async function instructorDayCounts(db: Executor, movementIds: string[], days: string[], instructors: string[]): Promise<{ instructor: string; day: string; n: number }[]> {
  if (!days.length || !instructors.length) return [];
  return queryRows(
    db,
    sql`select i.name as instructor, a.occurred_on::text as day, count(*)::int as n
        from activities a cross join lateral jsonb_array_elements_text(coalesce(a.details->'instructors', '[]'::jsonb)) as i(name)
        where a.movement_id in (${sql.join(movementIds.map((m) => sql`${m}::uuid`), sql`, `)})
          and a.occurred_on in (${sql.join(days.map((d) => sql`${d}::date`), sql`, `)})
          and a.kind = 'CLASS' and a.status <> 'REJECTED'
          and i.name in (${ids(instructors)})
        group by 1, 2`,
  );
}

export interface ActivityListFilter {
  scopeUnitId: number;
  movementId?: string;
  unitId?: number;
  status?: ActivityStatus;
  kind?: ActivityKind;
  flagged?: boolean;
  /** confirmed by the person helped (true), or not yet (false) */
  confirmed?: boolean;
}

function listWhere(f: ActivityListFilter): SQL {
  const parts: SQL[] = [sql`${activities.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.scopeUnitId}::int])`];
  if (f.unitId != null) parts.push(sql`${activities.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${f.unitId}::int])`);
  if (f.movementId) parts.push(eq(activities.movementId, f.movementId));
  if (f.status) parts.push(eq(activities.status, f.status));
  if (f.kind) parts.push(eq(activities.kind, f.kind));
  if (f.flagged === true) parts.push(sql`cardinality(${activities.flags}) > 0`);
  if (f.flagged === false) parts.push(sql`cardinality(${activities.flags}) = 0`);
  if (f.confirmed === true) parts.push(sql`${activities.confirmedAt} is not null`);
  if (f.confirmed === false) parts.push(sql`${activities.confirmedAt} is null`);
  return and(...parts)!;
}

export async function listActivities(db: Executor, f: ActivityListFilter, offset: number, limit: number) {
  const where = listWhere(f);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(activities).where(where).orderBy(desc(activities.recordedAt), asc(activities.id)).limit(limit).offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(activities).where(where),
  ]);
  return { rows, total };
}

export async function listIdsForBulk(db: Executor, f: ActivityListFilter, limit: number): Promise<{ id: string; recordedBy: string | null; flags: string[] }[]> {
  return db
    .select({ id: activities.id, recordedBy: activities.recordedBy, flags: activities.flags })
    .from(activities)
    .where(listWhere(f))
    .orderBy(asc(activities.recordedAt), asc(activities.id))
    .limit(limit);
}

export async function pointsByActivity(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: pointsLedger.activityId, points: sql<string>`sum(${pointsLedger.points})` })
    .from(pointsLedger)
    .where(inArray(pointsLedger.activityId, [...ids]))
    .groupBy(pointsLedger.activityId);
  return new Map(rows.map((r) => [r.id, Number(r.points)]));
}

export async function evidenceOf(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select().from(evidenceFiles).where(inArray(evidenceFiles.activityId, [...ids])).orderBy(asc(evidenceFiles.createdAt));
}

export async function displayNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export { unitDailyTotals, unitMovementTotals };
