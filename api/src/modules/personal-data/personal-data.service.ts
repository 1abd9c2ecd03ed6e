import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { activities, activityParticipants, badgeAwards, badges, citizens, citizenServiceCredits, households, queryRows, quizAttempts, quizzes, sessions, users } from '@thidua/db';
import { servedAreaRootId } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, badInput, ErrorCode, forbidden, notFound, viMessage } from '../../errors';
import { requireUser } from '../auth/scope';
import { audit } from '../audit/audit';
import { sessionsChanged } from '../auth/session-cache';
import { mentorsOf } from '../badges/badges.queries';
import { notifyFactsChanged } from '../scoring/events';
import { findUnitsByIds } from '../units/units.queries';
import { CITIZEN_REGISTRARS } from '../citizens/citizens.service';

const UUID = /^[0-9a-f-]{36}$/i;
/** What stays in the NOT NULL name columns once a person is erased. */
export const ERASED_NAME = '(đã xoá)';
const ERASURE_REASON = 'Xoá dữ liệu cá nhân theo yêu cầu của người dân';
export const REASON_MAX = 500;

type CitizenRow = typeof citizens.$inferSelect;

/**
 * A person's rights over what is held about them (Vietnam's personal-data protection law): to see
 * it all, and to have it erased. Officers who serve the person's area (ADMIN, LEADER, OFFICER — the
 * roles that register citizens) may do both; the citizen themself may export their own data.
 */
export class PersonalDataService {
  constructor(private readonly ctx: Context) {}

  /** The citizen, if the caller may act on them: officers serving the area, or the person's own CITIZEN account. */
  private async citizenFor(citizenId: string, { selfAllowed }: { selfAllowed: boolean }): Promise<CitizenRow> {
    const user = requireUser(this.ctx);
    const [c] = UUID.test(citizenId) ? await this.ctx.db.select().from(citizens).where(eq(citizens.id, citizenId)) : [];
    const self = user.role === 'CITIZEN' && !!user.citizenId && user.citizenId === citizenId;
    if (self && selfAllowed) {
      if (!c) throw notFound('người dân');
    } else {
      if (!(CITIZEN_REGISTRARS as readonly string[]).includes(user.role)) throw forbidden();
      if (!c) throw notFound('người dân');
      const own = await this.ctx.loaders.unitById.load(user.unitId);
      const root = own ? servedAreaRootId(own) : user.unitId;
      const [unit] = await findUnitsByIds(this.ctx.db, [c.unitId]);
      if (!unit || !unit.path.includes(root)) throw forbidden('Người dân nằm ngoài phạm vi bạn phụ trách.');
    }
    if (c.erasedAt) throw new AppError(ErrorCode.CITIZEN_ERASED, viMessage(ErrorCode.CITIZEN_ERASED));
    return c;
  }

  /** Everything held about one person, as plain JSON (the national ID itself is never stored: only whether one is on file). */
  async export(citizenId: string): Promise<Record<string, unknown>> {
    const c = await this.citizenFor(citizenId, { selfAllowed: true });
    const db = this.ctx.db;
    const [unit] = await findUnitsByIds(db, [c.unitId]);
    const [household] = c.householdId ? await db.select().from(households).where(eq(households.id, c.householdId)) : [];
    const [householdUnit] = household ? await findUnitsByIds(db, [household.unitId]) : [];
    const key = c.nationalIdHash ?? `c:${c.id}`;
    const acts = await queryRows<{
      id: string; kind: string; status: string; occurred_on: string; service: string | null; topics: string[] | null; unit_id: number; unit_name: string; movement_name: string; role: string;
      confirmed_at: Date | string | null; confirmation_rating: number | null; confirmation_comment: string | null;
    }>(
      db,
      sql`select a.id, a.kind, a.status, a.occurred_on::text as occurred_on, a.service, a.topics, a.unit_id, u.name as unit_name, m.title as movement_name,
            a.confirmed_at, a.confirmation_rating, a.confirmation_comment,
            case when p.citizen_id is not null then 'PARTICIPANT' else 'HELPED' end as role
          from activities a join units u on u.id = a.unit_id join movements m on m.id = a.movement_id
          left join activity_participants p on p.activity_id = a.id and p.citizen_id = ${c.id}
          where p.citizen_id is not null or a.citizen_id = ${c.id} or a.citizen_key = ${key}
          order by a.occurred_on, a.id`,
    );
    const account = await db.select({ id: users.id, username: users.username, displayName: users.displayName, createdAt: users.createdAt, disabledAt: users.disabledAt }).from(users).where(eq(users.citizenId, c.id));
    const attempts = await db
      .select({ id: quizAttempts.id, quiz: quizzes.title, score: quizAttempts.score, passed: quizAttempts.passed, startedAt: quizAttempts.startedAt, submittedAt: quizAttempts.submittedAt })
      .from(quizAttempts)
      .innerJoin(quizzes, eq(quizzes.id, quizAttempts.quizId))
      .where(account.length ? or(eq(quizAttempts.citizenId, c.id), inArray(quizAttempts.userId, account.map((a) => a.id))) : eq(quizAttempts.citizenId, c.id))
      .orderBy(quizAttempts.startedAt);
    const held = await db
      .select({ id: badgeAwards.id, code: badgeAwards.badgeCode, name: badges.name, status: badgeAwards.status, issuedAt: badgeAwards.issuedAt, revokedAt: badgeAwards.revokedAt })
      .from(badgeAwards)
      .innerJoin(badges, eq(badges.code, badgeAwards.badgeCode))
      .where(eq(badgeAwards.citizenId, c.id))
      .orderBy(badgeAwards.issuedAt);
    return {
      exportedAt: new Date().toISOString(),
      citizen: {
        id: c.id,
        fullName: c.fullName,
        birthYear: c.birthYear,
        phone: c.phone,
        hasNationalId: !!c.nationalIdHash,
        unit: unit ? { id: String(unit.id), name: unit.name } : null,
        registeredAt: c.createdAt.toISOString(),
      },
      household: household
        ? { id: household.id, code: household.code, headName: household.headName, address: household.address, unit: householdUnit ? { id: String(householdUnit.id), name: householdUnit.name } : null }
        : null,
      activities: acts.map((a) => ({ id: a.id, kind: a.kind, role: a.role, status: a.status, date: a.occurred_on, service: a.service, topics: a.topics ?? [], unit: { id: String(a.unit_id), name: a.unit_name }, movement: a.movement_name,
        // what the person said when confirming the help (their own words: personal data)
        confirmation: a.confirmed_at && a.role === 'HELPED' ? { confirmedAt: new Date(a.confirmed_at).toISOString(), rating: a.confirmation_rating, comment: a.confirmation_comment } : null })),
      quizAttempts: attempts.map((q) => ({ id: q.id, quiz: q.quiz, score: q.score, passed: q.passed, startedAt: q.startedAt.toISOString(), submittedAt: q.submittedAt?.toISOString() ?? null })),
      badges: held.map((b) => ({ id: b.id, code: b.code, name: b.name, status: b.status, issuedAt: b.issuedAt.toISOString(), revokedAt: b.revokedAt?.toISOString() ?? null })),
      account: account[0] ? { username: account[0].username, displayName: account[0].displayName, createdAt: account[0].createdAt.toISOString(), disabled: !!account[0].disabledAt } : null,
    };
  }

  /**
   * Erases a person, in one transaction: name, birth year, phone and national-ID hash go; their links to
   * activities are cut; their badges are revoked; a CITIZEN account is disabled and renamed; a household
 * they head loses their name. The points
   * ledger is not touched (the points belong to the unit). The audit row holds who and why only.
   */
  async erase(citizenId: string, reasonInput: string): Promise<boolean> {
    const reason = reasonInput?.trim().replace(/\s+/g, ' ') ?? '';
    if (reason.length < 5) throw badInput([{ field: 'reason', message: 'Cần nêu lý do xoá (ít nhất 5 ký tự).', rule: 'required' }]);
    if (reason.length > REASON_MAX) throw badInput([{ field: 'reason', message: `Lý do tối đa ${REASON_MAX} ký tự.`, rule: 'tooLong', max: REASON_MAX }]);
    const c = await this.citizenFor(citizenId, { selfAllowed: false });
    const actor = this.ctx.user!;
    const mentors = await mentorsOf(this.ctx.db, [c.id]);
    const oldKey = c.nationalIdHash ?? `c:${c.id}`;
    await this.ctx.db.transaction(async (tx) => {
      const [done] = await tx
        .update(citizens)
        .set({ fullName: ERASED_NAME, birthYear: null, phone: null, nationalIdHash: null, householdId: null, erasedAt: new Date() })
        .where(and(eq(citizens.id, c.id), isNull(citizens.erasedAt)))
        .returning({ id: citizens.id });
      if (!done) throw new AppError(ErrorCode.CITIZEN_ERASED, viMessage(ErrorCode.CITIZEN_ERASED));
      // the person may be the household's head: their name goes from there too
      if (c.householdId) await tx.update(households).set({ headName: ERASED_NAME }).where(and(eq(households.id, c.householdId), eq(households.headName, c.fullName)));
      await tx.delete(activityParticipants).where(eq(activityParticipants.citizenId, c.id));
      // the once-per-service key was the national-ID hash (or the id): a neutral key keeps the counting, not the link
      const neutral = `x:${randomUUID()}`;
      // the comment the person left when confirming is theirs too; the rating stays (a count, not a person)
      await tx
        .update(activities)
        .set({ citizenId: null, citizenKey: neutral, confirmationComment: null })
        .where(or(eq(activities.citizenId, c.id), eq(activities.citizenKey, oldKey)));
      await tx.update(citizenServiceCredits).set({ citizenKey: neutral }).where(eq(citizenServiceCredits.citizenKey, oldKey));
      const revoked = await tx
        .update(badgeAwards)
        .set({ status: 'REVOKED', revokedAt: new Date(), revokedReason: ERASURE_REASON })
        .where(and(eq(badgeAwards.citizenId, c.id), eq(badgeAwards.status, 'VALID')))
        .returning({ id: badgeAwards.id });
      await tx.update(badgeAwards).set({ holderName: ERASED_NAME }).where(eq(badgeAwards.citizenId, c.id));
      for (const r of revoked) await audit(tx, { actorUserId: actor.id, action: 'badge.revoke', entityType: 'badge_award', entityId: r.id, reason: ERASURE_REASON });
      const accounts = await tx
        .update(users)
        .set({ displayName: ERASED_NAME, disabledAt: new Date(), disabledReason: ERASURE_REASON, setupCodeHash: null, setupCodeExpiresAt: null })
        .where(eq(users.citizenId, c.id))
        .returning({ id: users.id });
      if (accounts.length) await tx.delete(sessions).where(inArray(sessions.userId, accounts.map((a) => a.id)));
      await audit(tx, { actorUserId: actor.id, action: 'citizen.erase', entityType: 'citizen', entityId: c.id, unitId: c.unitId, reason });
    });
    sessionsChanged();
    // the household may lose Hộ gia đình số, and the mentors a learner
    await notifyFactsChanged({ householdIds: c.householdId ? [c.householdId] : [], userIds: mentors });
    return true;
  }
}
