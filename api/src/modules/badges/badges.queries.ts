import { sql } from 'drizzle-orm';
import { badges, queryRows, type Executor } from '@thidua/db';
import { mentoredLearnersPassed, STARTING_BADGES } from '@thidua/domain';

/** The SQL of the badges module: the facts badge criteria are evaluated over. */

/** Loads the starting badge definitions (idempotent: existing codes are left as they are). */
export async function loadBadgeDefinitions(db: Executor): Promise<void> {
  await db
    .insert(badges)
    .values(STARTING_BADGES.map((b) => ({ code: b.code, name: b.name, description: b.description, audience: b.audience, criteria: b.criteria, manualAllowed: b.manualAllowed })))
    .onConflictDoNothing();
}

export interface CitizenFacts {
  citizenId: string;
  fullName: string;
  householdId: string | null;
  unitId: number;
  services: string[];
  coreQuizPassed: boolean;
}

/** What the system knows about citizens: services received (approved) and the core quiz. */
export async function citizenFacts(db: Executor, citizenIds: string[]): Promise<CitizenFacts[]> {
  if (!citizenIds.length) return [];
  const ids = sql.join(citizenIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<{ id: string; full_name: string; household_id: string | null; unit_id: number; services: string[] | null; passed: boolean }>(
    db,
    sql`select c.id, c.full_name, c.household_id, c.unit_id,
          array(select distinct a.service from activities a
                where a.status = 'APPROVED' and a.kind = 'ASSIST' and a.service is not null
                  and (a.citizen_id = c.id or a.citizen_key = coalesce(c.national_id_hash, 'c:' || c.id::text)
                       or a.id in (select p.activity_id from activity_participants p where p.citizen_id = c.id))) as services,
          exists (select 1 from quiz_attempts qa join quizzes q on q.id = qa.quiz_id
                  where q.is_core and qa.passed and (qa.citizen_id = c.id or qa.user_id in (select u.id from users u where u.citizen_id = c.id))) as passed
        from citizens c where c.id in (${ids})`,
  );
  return rows.map((r) => ({ citizenId: r.id, fullName: r.full_name, householdId: r.household_id, unitId: Number(r.unit_id), services: r.services ?? [], coreQuizPassed: !!r.passed }));
}

export async function householdFacts(db: Executor, householdIds: string[]) {
  if (!householdIds.length) return [];
  const ids = sql.join(householdIds.map((id) => sql`${id}::uuid`), sql`, `);
  return queryRows<{ id: string; head_name: string; unit_id: number; member_cong_dan_so: number }>(
    db,
    sql`select h.id, h.head_name, h.unit_id,
          (select count(*)::int from badge_awards b join citizens c on c.id = b.citizen_id
           where c.household_id = h.id and b.badge_code = 'CONG_DAN_SO' and b.status = 'VALID') as member_cong_dan_so
        from households h where h.id in (${ids})`,
  );
}

/** Activities that touch these citizens: for them, by their national ID, or with them linked as participants. */
const touching = (citizenIds: ReturnType<typeof sql>) => sql`(
  select a.id, a.recorded_by, a.status, a.occurred_on, c.id as citizen_id from activities a join citizens c
    on a.citizen_id = c.id or a.citizen_key = coalesce(c.national_id_hash, 'c:' || c.id::text)
  where c.id in (${citizenIds})
  union
  select a.id, a.recorded_by, a.status, a.occurred_on, p.citizen_id from activity_participants p join activities a on a.id = p.activity_id
  where p.citizen_id in (${citizenIds}))`;

/** The mentors of these learners: whoever recorded an approved (or since revoked) activity for them. */
export async function mentorsOf(db: Executor, citizenIds: string[]): Promise<string[]> {
  if (!citizenIds.length) return [];
  const ids = sql.join(citizenIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<{ id: string }>(db, sql`select distinct t.recorded_by as id from ${touching(ids)} t where t.recorded_by is not null and t.status in ('APPROVED', 'REVOKED')`);
  return rows.map((r) => r.id);
}

/** Officers' facts: citizens they helped, classes they held, and the learners who passed after their help. */
export async function officerFacts(db: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  const ids = sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `);
  const officers = await queryRows<{ id: string; display_name: string; unit_id: number; role: string; citizens_helped: number; classes_taught: number }>(
    db,
    sql`select u.id, u.display_name, u.unit_id, u.role,
          (select count(*)::int from activities a where a.recorded_by = u.id and a.status = 'APPROVED' and a.kind = 'ASSIST') as citizens_helped,
          (select count(*)::int from activities a where a.recorded_by = u.id and a.status = 'APPROVED' and a.kind = 'CLASS') as classes_taught
        from users u where u.id in (${ids}) and u.role in ('OFFICER', 'LEADER')`,
  );
  if (!officers.length) return [];
  const officerIds = sql.join(officers.map((o) => sql`${o.id}::uuid`), sql`, `);
  // approved help: an activity the officer recorded for the learner, by the learner's own id or national ID, or as a participant
  const helps = await queryRows<{ mentor: string; citizen_id: string; on: string }>(
    db,
    sql`select distinct a.recorded_by as mentor, c.id as citizen_id, a.occurred_on::text as on
        from activities a join citizens c on a.citizen_id = c.id or (a.citizen_key is not null and a.citizen_key = coalesce(c.national_id_hash, 'c:' || c.id::text))
        where a.recorded_by in (${officerIds}) and a.status = 'APPROVED'
        union
        select a.recorded_by, p.citizen_id, a.occurred_on::text from activity_participants p join activities a on a.id = p.activity_id
        where a.recorded_by in (${officerIds}) and a.status = 'APPROVED'`,
  );
  const learners = [...new Set(helps.map((h) => h.citizen_id))];
  const passes = learners.length
    ? await queryRows<{ citizen_id: string; on: string }>(
        db,
        sql`select c.id as citizen_id, to_char(qa.submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as on
            from citizens c join quiz_attempts qa on qa.citizen_id = c.id or qa.user_id in (select x.id from users x where x.citizen_id = c.id)
            join quizzes q on q.id = qa.quiz_id
            where c.id in (${sql.join(learners.map((id) => sql`${id}::uuid`), sql`, `)}) and q.is_core and qa.passed and qa.submitted_at is not null`,
      )
    : [];
  const passesOf = passes.map((p) => ({ citizenId: p.citizen_id, on: p.on }));
  return officers.map((o) => ({
    ...o,
    mentored_passed: mentoredLearnersPassed(
      helps.filter((h) => h.mentor === o.id).map((h) => ({ citizenId: h.citizen_id, on: h.on })),
      passesOf,
    ),
  }));
}

export type AwardRow = {
  id: string;
  badge_code: string;
  holder_key: string;
  status: 'VALID' | 'REVOKED';
  automatic: boolean;
  revoked_reason: string | null;
};

export async function awardsOf(db: Executor, holderKeys: string[]): Promise<AwardRow[]> {
  if (!holderKeys.length) return [];
  return queryRows<AwardRow>(
    db,
    sql`select id, badge_code, holder_key, status, automatic, revoked_reason from badge_awards where holder_key in (${sql.join(holderKeys.map((k) => sql`${k}`), sql`, `)})`,
  );
}
