import { eq } from 'drizzle-orm';
import { citizens, type Executor } from '@thidua/db';
import { NOTE_MAX_LENGTH, roundPoints, type ScoringRules } from '@thidua/domain';
import { fieldProblem } from '../../graphql/input-guard';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, forbidden, notFound } from '../../errors';
import { isInScope, requireRole, requireUnitInScope } from '../auth/scope';
import type { SessionUser } from '../auth/session-user';
import { audit } from '../audit/audit';
import { cachedRuleVersion } from '../movements/movements.queries';
import { reverseActivity, scoreAward } from '../scoring/ledger';
import { notifyFactsChanged, notifyPointsChanged } from '../scoring/events';
import { NotificationOutbox, reviewWaiting } from '../notifications/notify';
import { findActivityForReview, listIdsForBulk, setReviewed, type ActivityListFilter, type ActivityRow, type ActivityUnderReview } from './activities.queries';

/** Whose badge facts an activity's approval or revocation changes. */
async function factsOf(db: Executor, a: ActivityRow) {
  const ids = new Set(a.citizenId ? [a.citizenId] : []);
  if (a.citizenKey && !a.citizenKey.startsWith('c:'))
    for (const c of await db.select({ id: citizens.id }).from(citizens).where(eq(citizens.nationalIdHash, a.citizenKey))) ids.add(c.id);
  return { citizenIds: [...ids], userIds: a.recordedBy ? [a.recordedBy] : [], movementId: a.movementId };
}

export const REVIEWERS = ['ADMIN', 'ORGANIZER', 'LEADER'] as const;
const UUID = /^[0-9a-f-]{36}$/i;

function checkReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() || null;
  if (required && !text) throw badInput([{ field: 'reason', message: 'Cần nêu lý do.', rule: 'required' }]);
  if (text && text.length > NOTE_MAX_LENGTH) throw badInput([fieldProblem('reason', { rule: 'tooLong', max: NOTE_MAX_LENGTH })]);
  return text;
}

/**
 * Verification: approve, reject, revoke. Only approval writes ledger rows and only revocation
 * reverses them, each in the transaction that changes the activity's status.
 */
export class ReviewService {
  constructor(private readonly ctx: Context) {}

  /** Locks the activity (and share-locks its movement), and checks the reviewer may act on it. */
  private async load(tx: Executor, user: SessionUser, id: string): Promise<ActivityUnderReview> {
    const found = UUID.test(id) ? await findActivityForReview(tx, id) : undefined;
    if (!found) throw notFound('hoạt động');
    if (!isInScope(user, { path: found.unitPath })) throw forbidden('Hoạt động này thuộc đơn vị ngoài phạm vi bạn phụ trách.');
    if (found.activity.recordedBy === user.id) throw new AppError(ErrorCode.ACTIVITY_OWN_REVIEW, 'Bạn không thể tự duyệt hoạt động do chính mình ghi nhận.');
    return found;
  }

  async review(id: string, approve: boolean, reasonInput?: string | null): Promise<ActivityRow> {
    return (await this.decide(id, approve, reasonInput)).activity;
  }

  /** The decision, with the points an approval awarded (0 when it changed nothing) and whether this call made it (false: it had been made already). */
  private async decide(id: string, approve: boolean, reasonInput?: string | null): Promise<{ activity: ActivityRow; points: number; decided: boolean }> {
    const user = requireRole(this.ctx, REVIEWERS);
    const reason = checkReason(reasonInput, !approve);
    const outbox = new NotificationOutbox();
    const result = await this.ctx.db.transaction(async (tx) => {
      const { activity, movement } = await this.load(tx, user, id);
      const target = approve ? 'APPROVED' : 'REJECTED';
      // approving twice awards once: a repeated decision returns the activity unchanged
      if (activity.status === target) return { activity, changed: false, points: 0 };
      if (activity.status !== 'SUBMITTED')
        throw new AppError(ErrorCode.ACTIVITY_INVALID_TRANSITION, `Hoạt động đang ở trạng thái ${activity.status}, không thể ${approve ? 'duyệt' : 'từ chối'}.`);
      if (approve && movement.status === 'CLOSED') throw new AppError(ErrorCode.MOVEMENT_NOT_ACTIVE, 'Phong trào đã kết thúc, không duyệt thêm hoạt động.');
      let points = 0;
      let book: (() => Promise<void>) | null = null;
      if (approve) {
        const version = (await cachedRuleVersion(this.ctx.db, tx, movement.id, movement.currentRuleVersion))!;
        const scored = await scoreAward(tx, activity, { rules: version.rules as ScoringRules, ruleVersion: version.version, actorUserId: user.id });
        points = scored.award.points;
        book = scored.write;
      }
      // the ledger and totals, the decision, its audit entry and the recorder's notice are
      // independent of each other: sent together, they are pipelined (one round trip)
      const [updated] = await Promise.all([
        setReviewed(tx, activity.id, target, user.id, reason),
        book?.(),
        audit(tx, { actorUserId: user.id, action: approve ? 'activity.approve' : 'activity.reject', entityType: 'activity', entityId: id, reason, data: { points }, unitId: activity.unitId, movementId: activity.movementId }),
        outbox.activity(tx, { activityId: activity.id, kind: approve ? 'ACTIVITY_APPROVED' : 'ACTIVITY_REJECTED', reason, points }),
      ]);
      return { activity: updated, changed: approve, decided: true, points };
    });
    if ('decided' in result) {
      outbox.publish();
      void reviewWaiting.refresh(this.ctx.db, [result.activity.unitId]);
    }
    if (result.changed) {
      notifyPointsChanged([result.activity.movementId], [result.activity.unitId]);
      await notifyFactsChanged(await factsOf(this.ctx.db, result.activity));
    }
    return { activity: result.activity, points: result.points, decided: 'decided' in result };
  }

  async revoke(id: string, reasonInput: string): Promise<ActivityRow> {
    const user = requireRole(this.ctx, REVIEWERS);
    const reason = checkReason(reasonInput, true)!;
    const outbox = new NotificationOutbox();
    const updated = await this.ctx.db.transaction(async (tx) => {
      const { activity } = await this.load(tx, user, id);
      if (activity.status !== 'APPROVED')
        throw new AppError(ErrorCode.ACTIVITY_INVALID_TRANSITION, 'Chỉ thu hồi được hoạt động đã được duyệt.');
      const points = await reverseActivity(tx, activity, user.id, reason);
      const row = await setReviewed(tx, activity.id, 'REVOKED', user.id, reason);
      await audit(tx, { actorUserId: user.id, action: 'activity.revoke', entityType: 'activity', entityId: id, reason, data: { points }, unitId: activity.unitId, movementId: activity.movementId });
      await outbox.activity(tx, { activityId: row.id, kind: 'ACTIVITY_REVOKED', reason, points });
      return row;
    });
    outbox.publish();
    notifyPointsChanged([updated.movementId], [updated.unitId]);
    await notifyFactsChanged(await factsOf(this.ctx.db, updated));
    return updated;
  }

  /**
   * Approves the SUBMITTED activities of a filtered queue, oldest first, each in its own
   * transaction. Flagged activities need an explicit decision and are skipped, as are one's own.
   */
  async bulkApprove(
    filter: Omit<ActivityListFilter, 'scopeUnitId' | 'status'>,
    limit: number,
  ): Promise<{ approved: number; skipped: number; points: number }> {
    const user = requireRole(this.ctx, REVIEWERS);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput('Số lượng duyệt hàng loạt phải từ 1 đến 500.');
    // a unit named outside the reviewer's subtree is refused, as everywhere, not silently matched by nothing
    if (filter.unitId != null) await requireUnitInScope(this.ctx, filter.unitId);
    const candidates = await listIdsForBulk(this.ctx.db, { ...filter, scopeUnitId: user.unitId, status: 'SUBMITTED' }, limit);
    let approved = 0;
    let skipped = 0;
    let points = 0;
    for (const c of candidates) {
      if (c.flags.length || c.recordedBy === user.id) {
        skipped++;
        continue;
      }
      try {
        const decision = await this.decide(c.id, true, null);
        // approved meanwhile by another reviewer (or another bulk run): theirs, not counted here
        if (!decision.decided) {
          skipped++;
          continue;
        }
        points += decision.points;
        approved++;
      } catch {
        skipped++;
      }
    }
    return { approved, skipped, points: roundPoints(points) };
  }
}
