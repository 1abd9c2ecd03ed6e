import { and, eq, sql } from 'drizzle-orm';
import { badgeAwards, badges, citizens, households, queryRows, users, type Db, type Executor } from '@thidua/db';
import { boardOfKind, competesAsUnit, competitorFinalRanks, evaluateCriteria, initials, isSelfAward, reachedOn, type BadgeAudience, type BadgeIdentity, type Criterion, type Facts } from '@thidua/domain';
import type { Config } from '../../config';
import type { Context } from '../../graphql/context';
import { AppError, badInput, forbidden, notFound } from '../../errors';
import { isInScope, requireRole } from '../auth/scope';
import { audit } from '../audit/audit';
import { findUnitsByIds } from '../units/units.queries';
import type { MovementRow } from '../movements/movements.queries';
import type { FactsChanged } from '../scoring/events';
import { NotificationOutbox } from '../notifications/notify';
import { awardsOf, citizenFacts, householdFacts, mentorsOf, officerFacts } from './badges.queries';

const AUTO_REVOKE_REASON = 'Không còn đáp ứng tiêu chí (tự động thu hồi).';
export const BADGE_MANAGERS = ['ADMIN', 'ORGANIZER', 'LEADER'] as const;

type BadgeRow = typeof badges.$inferSelect;
type AwardRow = typeof badgeAwards.$inferSelect;

interface Holder {
  key: string;
  audience: BadgeAudience;
  name: string;
  facts: Facts;
  issuerUnitId: number | null;
  citizenId?: string;
  householdId?: string;
  userId?: string;
  unitId?: number;
  movementId?: string;
}

export const citizenKey = (id: string) => `citizen:${id}`;
export const householdKey = (id: string) => `household:${id}`;
export const userKey = (id: string) => `user:${id}`;
export const unitKey = (id: number, movementId: string) => `unit:${id}:${movementId}`;

/**
 * Badges are awarded when their criteria (data) hold over facts the system knows, once per
 * holder; automatic awards whose criteria stop holding are revoked with a reason, and a revoked
 * badge is not re-awarded automatically. Changes to a citizen cascade to their household.
 */
export class BadgeService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  private definitionsRead: Promise<BadgeRow[]> | null = null;
  /** The badge definitions, read once per evaluation and only when a holder is checked (most approvals name none). */
  private definitions(): Promise<BadgeRow[]> {
    return (this.definitionsRead ??= this.db.select().from(badges));
  }

  async evaluate(change: FactsChanged): Promise<void> {
    const citizenIds = [...new Set(change.citizenIds ?? [])];
    const householdIds = new Set(change.householdIds ?? []);
    if (citizenIds.length) {
      const facts = await citizenFacts(this.db, citizenIds);
      const communeOf = new Map((await findUnitsByIds(this.db, [...new Set(facts.map((f) => f.unitId))])).map((u) => [u.id, u.communeId ?? u.id]));
      for (const f of facts) {
        await this.reconcile({
          key: citizenKey(f.citizenId),
          audience: 'CITIZEN',
          name: initials(f.fullName),
          facts: { services: f.services, coreQuizPassed: f.coreQuizPassed },
          issuerUnitId: communeOf.get(f.unitId) ?? f.unitId,
          citizenId: f.citizenId,
        });
        if (f.householdId) householdIds.add(f.householdId);
      }
    }
    if (householdIds.size) {
      const rows = await householdFacts(this.db, [...householdIds]);
      const communeOf = new Map((await findUnitsByIds(this.db, [...new Set(rows.map((r) => Number(r.unit_id)))])).map((u) => [u.id, u.communeId ?? u.id]));
      for (const h of rows)
        await this.reconcile({
          key: householdKey(h.id),
          audience: 'HOUSEHOLD',
          name: `Hộ ${initials(h.head_name)}`,
          facts: { memberCongDanSo: h.member_cong_dan_so },
          issuerUnitId: communeOf.get(Number(h.unit_id)) ?? Number(h.unit_id),
          householdId: h.id,
        });
    }
    // a learner's facts are their mentors' facts too: whoever helped them is re-checked for Đại sứ số
    const userIds = new Set([...(change.userIds ?? []), ...(await mentorsOf(this.db, citizenIds))]);
    if (userIds.size) {
      for (const o of await officerFacts(this.db, [...userIds]))
        await this.reconcile({
          key: userKey(o.id),
          audience: 'OFFICER',
          name: initials(o.display_name),
          facts: { citizensHelped: o.citizens_helped, classesTaught: o.classes_taught, mentoredCitizensPassed: o.mentored_passed },
          issuerUnitId: Number(o.unit_id),
          userId: o.id,
        });
    }
  }

  private async reconcile(holder: Holder): Promise<void> {
    // a movement's own badges go to its units only
    const mine = (await this.definitions()).filter((d) => d.audience === holder.audience && (d.movementId == null || d.movementId === holder.movementId));
    const qualifying = new Set(mine.filter((d) => evaluateCriteria(d.criteria as Criterion, holder.facts)).map((d) => d.code));
    const existing = await awardsOf(this.db, [holder.key]);
    for (const code of qualifying) {
      if (existing.some((a) => a.badge_code === code && (a.status === 'VALID' || a.revoked_reason !== AUTO_REVOKE_REASON))) continue; // valid already, or revoked on purpose
      const outbox = new NotificationOutbox();
      await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(badgeAwards)
          .values({
            badgeCode: code,
            holderKey: holder.key,
            holderName: holder.name,
            citizenId: holder.citizenId ?? null,
            householdId: holder.householdId ?? null,
            userId: holder.userId ?? null,
            unitId: holder.unitId ?? null,
            movementId: holder.movementId ?? null,
            issuerUnitId: holder.issuerUnitId,
            automatic: true,
            evidence: holder.facts,
          })
          .onConflictDoNothing()
          .returning({ id: badgeAwards.id });
        if (row) {
          await audit(tx, { actorUserId: null, action: 'badge.award', entityType: 'badge_award', entityId: row.id, data: { badge: code, holder: holder.key, automatic: true } });
          await outbox.badge(tx, row.id);
        }
      });
      outbox.publish();
    }
    for (const a of existing)
      if (a.status === 'VALID' && a.automatic && mine.some((d) => d.code === a.badge_code) && !qualifying.has(a.badge_code))
        await this.revokeRow(a.id, null, AUTO_REVOKE_REASON);
  }

  private async revokeRow(id: string, actorUserId: string | null, reason: string): Promise<AwardRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(badgeAwards)
        .set({ status: 'REVOKED', revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(badgeAwards.id, id), eq(badgeAwards.status, 'VALID')))
        .returning();
      if (row) await audit(tx, { actorUserId, action: 'badge.revoke', entityType: 'badge_award', entityId: id, reason });
      return row;
    });
  }

  /** Revocation by a leader, with a reason; a member's Công dân số re-checks the household. */
  async revoke(ctx: Context, id: string, reasonInput: string): Promise<AwardRow> {
    const user = requireRole(ctx, BADGE_MANAGERS);
    const reason = reasonInput?.trim();
    if (!reason) throw badInput([{ field: 'reason', message: 'Cần nêu lý do thu hồi.', rule: 'required' }]);
    const award = await this.find(id);
    if (!award) throw notFound('huy hiệu');
    await this.checkHolderScope(ctx, award);
    if (award.status !== 'VALID') throw new AppError('badge/already-revoked', 'Huy hiệu này đã bị thu hồi.');
    const row = await this.revokeRow(id, user.id, reason);
    if (award.citizenId) {
      const [c] = await this.db.select({ householdId: citizens.householdId }).from(citizens).where(eq(citizens.id, award.citizenId));
      if (c?.householdId) await this.evaluate({ householdIds: [c.householdId] });
    }
    return row;
  }

  /** A leader awards a badge by hand, where its definition allows it, with a reason. */
  async awardManually(ctx: Context, input: { badgeCode: string; citizenId?: string | null; householdId?: string | null; userId?: string | null; reason: string }): Promise<AwardRow> {
    const user = requireRole(ctx, BADGE_MANAGERS);
    const reason = input.reason?.trim();
    if (!reason) throw badInput([{ field: 'reason', message: 'Cần nêu lý do trao huy hiệu.', rule: 'required' }]);
    const [badge] = await this.db.select().from(badges).where(eq(badges.code, input.badgeCode));
    if (!badge) throw notFound('huy hiệu');
    if (!badge.manualAllowed) throw new AppError('badge/manual-not-allowed', 'Huy hiệu này chỉ được trao tự động theo tiêu chí.');
    let holder: { key: string; name: string; unitId: number; citizenId?: string; householdId?: string; userId?: string };
    if (badge.audience === 'CITIZEN' && input.citizenId) {
      const [c] = await this.db.select().from(citizens).where(eq(citizens.id, input.citizenId));
      if (!c) throw notFound('người dân');
      holder = { key: citizenKey(c.id), name: initials(c.fullName), unitId: c.unitId, citizenId: c.id };
    } else if (badge.audience === 'HOUSEHOLD' && input.householdId) {
      const [h] = await this.db.select().from(households).where(eq(households.id, input.householdId));
      if (!h) throw notFound('hộ gia đình');
      holder = { key: householdKey(h.id), name: `Hộ ${initials(h.headName)}`, unitId: h.unitId, householdId: h.id };
    } else if (badge.audience === 'OFFICER' && input.userId) {
      const [u] = await this.db.select().from(users).where(eq(users.id, input.userId));
      if (!u) throw notFound('cán bộ');
      holder = { key: userKey(u.id), name: initials(u.displayName), unitId: u.unitId, userId: u.id };
    } else throw badInput('Người nhận không phù hợp với đối tượng của huy hiệu.');
    const [unit] = await findUnitsByIds(this.db, [holder.unitId]);
    if (!unit || !isInScope(user, unit)) throw forbidden('Người nhận nằm ngoài phạm vi bạn phụ trách.');
    if (isSelfAward(await this.identityOf(user), holder)) throw forbidden('Bạn không thể tự trao huy hiệu cho chính mình hoặc hộ gia đình của mình.');
    const outbox = new NotificationOutbox();
    const row = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(badgeAwards)
        .values({
          badgeCode: badge.code,
          holderKey: holder.key,
          holderName: holder.name,
          citizenId: holder.citizenId ?? null,
          householdId: holder.householdId ?? null,
          userId: holder.userId ?? null,
          issuerUnitId: user.unitId,
          automatic: false,
          reason,
          issuedBy: user.id,
        })
        .onConflictDoNothing()
        .returning();
      if (!created) throw new AppError('badge/already-awarded', 'Người nhận đã có huy hiệu này.');
      await audit(tx, { actorUserId: user.id, action: 'badge.award', entityType: 'badge_award', entityId: created.id, reason, data: { badge: badge.code, holder: holder.key } });
      await outbox.badge(tx, created.id);
      return created;
    });
    outbox.publish();
    if (holder.citizenId) {
      const [c] = await this.db.select({ householdId: citizens.householdId }).from(citizens).where(eq(citizens.id, holder.citizenId));
      if (c?.householdId) await this.evaluate({ householdIds: [c.householdId] });
    }
    return row;
  }

  /** The actor as a badge holder: their account, the citizen record it stands for, and that citizen's household. */
  private async identityOf(user: { id: string; citizenId: string | null }): Promise<BadgeIdentity> {
    if (!user.citizenId) return { userId: user.id };
    const [c] = await this.db.select({ householdId: citizens.householdId }).from(citizens).where(eq(citizens.id, user.citizenId));
    return { userId: user.id, citizenId: user.citizenId, householdId: c?.householdId ?? null };
  }

  private async checkHolderScope(ctx: Context, award: AwardRow) {
    const user = ctx.user!;
    let unitId = award.unitId;
    if (award.citizenId) unitId = (await this.db.select({ u: citizens.unitId }).from(citizens).where(eq(citizens.id, award.citizenId)))[0]?.u ?? null;
    else if (award.householdId) unitId = (await this.db.select({ u: households.unitId }).from(households).where(eq(households.id, award.householdId)))[0]?.u ?? null;
    else if (award.userId) unitId = (await this.db.select({ u: users.unitId }).from(users).where(eq(users.id, award.userId)))[0]?.u ?? null;
    const [unit] = unitId != null ? await findUnitsByIds(this.db, [unitId]) : [];
    if (!unit || !isInScope(user, unit)) throw forbidden('Huy hiệu này thuộc đơn vị ngoài phạm vi bạn phụ trách.');
  }

  async find(id: string): Promise<AwardRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.db.select().from(badgeAwards).where(eq(badgeAwards.id, id));
    return row ?? null;
  }

  /**
   * At close: Top 3 among the units that compete (their own board, ranks recounted among
   * competitors), and every target reached before its deadline. A commune whose organizations
   * compete is no competitor and earns nothing here.
   */
  async awardUnitBadgesAtClose(movement: MovementRow, targetReachedEarly: (unitId: number) => Promise<boolean>): Promise<void> {
    const defs = await this.definitions();
    const frozen = await queryRows<{ scope: string; unit_id: number; rank: number; points: string }>(
      this.db,
      sql`select scope, unit_id, rank, points from frozen_standings where movement_id = ${movement.id}`,
    );
    const unitsById = new Map((await findUnitsByIds(this.db, [...new Set(frozen.map((f) => Number(f.unit_id)))])).map((u) => [u.id, u]));
    const competition = { kinds: movement.competingKinds, subtype: movement.competingSubtype };
    const standings = frozen.flatMap((f) => {
      const unit = unitsById.get(Number(f.unit_id));
      return unit ? [{ scope: f.scope, unitId: unit.id, rank: f.rank, points: Number(f.points), kind: unit.kind, subtype: unit.subtype }] : [];
    });
    const ranks = competitorFinalRanks(standings, competition);
    // a unit's points, read once for all (it stands on one board per scope, with the same points)
    const pointsOf = new Map<number, number>();
    for (const s of standings) pointsOf.set(s.unitId, Math.max(pointsOf.get(s.unitId) ?? 0, s.points));
    // units that did something in the movement (points > 0): the target check reads each one's history
    const competitors = [...new Set(standings.filter((s) => s.points > 0 && s.scope === boardOfKind(s.kind) && competesAsUnit(s, competition)).map((s) => s.unitId))];
    for (const id of competitors) {
      const unit = unitsById.get(id)!;
      const facts: Record<string, number | boolean> = { targetReachedBeforeDeadline: await targetReachedEarly(id), points: pointsOf.get(id) ?? 0 };
      if (ranks.has(id)) facts.finalRank = ranks.get(id)!;
      await this.reconcile({
        key: unitKey(id, movement.id),
        audience: 'UNIT',
        name: unit.fullName,
        facts,
        issuerUnitId: movement.organizerUnitId,
        unitId: id,
        movementId: movement.id,
      });
    }
  }
}

export { reachedOn };
