import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ActivityStatus } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { requestLoader } from '../../graphql/loaders';
import { decodeCursor, pageInfo, pageSize } from '../../graphql/pagination';
import { notFound } from '../../errors';
import { isInScope, requireRole } from '../auth/scope';
import { Unit } from '../units/unit.type';
import { parseUnitId, toUnit } from '../units/units.service';
import { Movement } from '../movements/movement.type';
import { MovementsService, toMovement } from '../movements/movements.service';
import { ActivityFilter, ActivityInput, RecordAssistInput, RecordClassInput } from './activity.input';
import { Activity, ActivityConnection, ActivityStatusEnum, BulkReviewResult, EvidenceFile, RecomputedStanding, RuleVersionApplied, SyncOutcome, SyncResult } from './activity.type';
import { ActivityRecorder, RECORDERS } from './recording.service';
import { ReviewService } from './review.service';
import { displayNames, evidenceOf, findActivities, listActivities, pointsByActivity, type ActivityRow } from './activities.queries';
import { recomputeForVersion } from './recompute';
import { applyRuleVersion } from './apply-rules';

export function toActivity(row: ActivityRow): Activity {
  const d = row.details as { note?: string | null; instructors?: string[]; mobile?: boolean; placeUnitId?: number | null };
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    occurredOn: row.occurredOn,
    attendeeCount: row.attendeeCount,
    topics: row.topics ?? [],
    service: row.service,
    priorityGroups: row.priorityGroups ?? [],
    flags: row.flags,
    note: d.note ?? null,
    instructors: d.instructors ?? [],
    mobile: !!d.mobile,
    recordedAt: row.recordedAt,
    reviewedAt: row.reviewedAt,
    reviewReason: row.reviewReason,
    movementId: row.movementId,
    unitId: row.unitId,
    placeUnitId: d.placeUnitId ?? null,
    recordedBy: row.recordedBy,
    citizenId: row.citizenId,
    confirmationCode: row.confirmationCode,
    confirmedAt: row.confirmedAt,
    confirmationRating: row.confirmationRating,
    confirmationComment: row.confirmationComment,
  };
}

async function recordOne(ctx: Context, input: ActivityInput): Promise<Activity> {
  const [result] = await new ActivityRecorder(ctx).record([input]);
  if (result.outcome === 'REJECTED') throw result.error;
  return toActivity(result.activity);
}

@Resolver(() => Activity)
export class ActivitiesResolver {
  @Mutation(() => Activity, { description: 'Ghi nhận một lớp học. Gửi lại cùng id và nội dung trả về cùng hoạt động.' })
  recordClass(@Ctx() ctx: Context, @Arg('input', () => RecordClassInput) input: RecordClassInput): Promise<Activity> {
    return recordOne(ctx, { class: input });
  }

  @Mutation(() => Activity, { description: 'Ghi nhận một lượt hỗ trợ người dân.' })
  recordAssist(@Ctx() ctx: Context, @Arg('input', () => RecordAssistInput) input: RecordAssistInput): Promise<Activity> {
    return recordOne(ctx, { assist: input });
  }

  @Mutation(() => [SyncResult], { description: 'Đồng bộ tối đa 500 hoạt động ghi ngoại tuyến; một kết quả cho mỗi mục, theo thứ tự gửi.' })
  async syncActivities(@Ctx() ctx: Context, @Arg('input', () => [ActivityInput]) input: ActivityInput[]): Promise<SyncResult[]> {
    const results = await new ActivityRecorder(ctx).record(input);
    return results.map((r) =>
      r.outcome === 'REJECTED'
        ? { id: r.id, outcome: SyncOutcome.REJECTED, activity: null, errorCode: String(r.error.extensions.code), message: r.error.message }
        : { id: r.id, outcome: SyncOutcome[r.outcome], activity: toActivity(r.activity), errorCode: null, message: null },
    );
  }

  @Mutation(() => Activity, { description: 'Duyệt (approve: true) hoặc từ chối (kèm lý do) một hoạt động. Duyệt hai lần chỉ cộng điểm một lần.' })
  async reviewActivity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<Activity> {
    return toActivity(await new ReviewService(ctx).review(id, approve, reason));
  }

  @Mutation(() => Activity, { description: 'Thu hồi một hoạt động đã duyệt (ví dụ phát hiện gian lận): ghi bút toán đảo, trừ điểm.' })
  async revokeActivity(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<Activity> {
    return toActivity(await new ReviewService(ctx).revoke(id, reason));
  }

  @Mutation(() => BulkReviewResult, { description: 'Duyệt hàng loạt hàng chờ theo bộ lọc (bỏ qua hoạt động có cờ bất thường).' })
  bulkApproveActivities(
    @Ctx() ctx: Context,
    @Arg('filter', () => ActivityFilter) filter: ActivityFilter,
    @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
  ): Promise<BulkReviewResult> {
    return new ReviewService(ctx).bulkApprove(
      { movementId: filter.movementId ?? undefined, unitId: filter.unitId ? parseUnitId(filter.unitId) : undefined, kind: filter.kind ?? undefined, flagged: filter.flagged ?? undefined, confirmed: filter.confirmed ?? undefined },
      limit,
    );
  }

  @Query(() => ActivityConnection, { description: 'Hoạt động trong phạm vi của người dùng (mới nhất trước).' })
  async activities(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID, { nullable: true }) movementId?: string | null,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null,
    @Arg('status', () => ActivityStatusEnum, { nullable: true }) status?: ActivityStatus | null,
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter?: ActivityFilter | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ActivityConnection> {
    const user = requireRole(ctx, RECORDERS);
    const limit = pageSize(first, 20);
    const offset = decodeCursor(after);
    const unit = unitId ?? filter?.unitId;
    const { rows, total } = await listActivities(
      ctx.db,
      {
        scopeUnitId: user.unitId,
        movementId: (movementId ?? filter?.movementId) || undefined,
        unitId: unit ? parseUnitId(unit) : undefined,
        status: (status ?? filter?.status) || undefined,
        kind: filter?.kind ?? undefined,
        flagged: filter?.flagged ?? undefined,
        confirmed: filter?.confirmed ?? undefined,
      },
      offset,
      limit,
    );
    return { nodes: rows.map(toActivity), totalCount: total, pageInfo: pageInfo(offset, rows.length, total) };
  }

  @Query(() => Activity, { nullable: true, description: 'Một hoạt động (trong phạm vi của người dùng).' })
  async activity(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Activity | null> {
    const user = requireRole(ctx, RECORDERS);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await findActivities(ctx.db, [id]);
    if (!row) return null;
    const unit = await ctx.loaders.unitById.load(row.unitId);
    return unit && isInScope(user, unit) ? toActivity(row) : null;
  }

  @Query(() => [RecomputedStanding], { description: 'Tính lại điểm các đơn vị từ các hoạt động đã duyệt theo một phiên bản quy tắc, để so với điểm hiện tại.' })
  recomputeStandings(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('ruleVersion', () => Int) ruleVersion: number,
  ): Promise<RecomputedStanding[]> {
    return recomputeForVersion(ctx, movementId, ruleVersion);
  }

  @Mutation(() => RuleVersionApplied, {
    description:
      'Áp dụng một phiên bản quy tắc cho phong trào đang diễn ra: phần chênh lệch của từng hoạt động đã duyệt được ghi vào sổ điểm (bút toán điều chỉnh), phiên bản này thành phiên bản hiện hành. Áp dụng lại lần nữa không thay đổi gì. Kết quả cuối cùng đã chốt không bao giờ thay đổi.',
  })
  applyRuleVersion(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('ruleVersion', () => Int) ruleVersion: number,
    @Arg('reason', () => String) reason: string,
  ): Promise<RuleVersionApplied> {
    return applyRuleVersion(ctx, movementId, ruleVersion, reason);
  }

  @FieldResolver(() => Float, { description: 'Điểm đã được cộng (0 cho đến khi được duyệt; tổng các bút toán trong sổ điểm).' })
  points(@Root() a: Activity, @Ctx() ctx: Context): Promise<number> {
    return requestLoader<string, number>(ctx, 'activityPoints', async (ids) => {
      const map = await pointsByActivity(ctx.db, ids);
      return ids.map((id) => map.get(id) ?? 0);
    }).load(a.id);
  }

  @FieldResolver(() => Unit, { description: 'Đơn vị được tính điểm.' })
  async unit(@Root() a: Activity, @Ctx() ctx: Context): Promise<Unit> {
    const row = await ctx.loaders.unitById.load(a.unitId);
    if (!row) throw notFound('đơn vị');
    return toUnit(row);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Nơi tổ chức lớp (thôn/tổ dân phố), nếu có.' })
  async place(@Root() a: Activity, @Ctx() ctx: Context): Promise<Unit | null> {
    if (a.placeUnitId == null) return null;
    const row = await ctx.loaders.unitById.load(a.placeUnitId);
    return row ? toUnit(row) : null;
  }

  @FieldResolver(() => Movement, { description: 'Phong trào.' })
  async movement(@Root() a: Activity, @Ctx() ctx: Context): Promise<Movement> {
    const row = await new MovementsService(ctx).get(a.movementId);
    if (!row) throw notFound('phong trào');
    return toMovement(row);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Người ghi nhận (tên hiển thị).' })
  recordedByName(@Root() a: Activity, @Ctx() ctx: Context): Promise<string | null> | null {
    if (!a.recordedBy) return null;
    return requestLoader<string, string | null>(ctx, 'userNames', async (ids) => {
      const map = await displayNames(ctx.db, ids);
      return ids.map((id) => map.get(id) ?? null);
    }).load(a.recordedBy);
  }

  @FieldResolver(() => [EvidenceFile], { description: 'Minh chứng đính kèm.' })
  evidence(@Root() a: Activity, @Ctx() ctx: Context): Promise<EvidenceFile[]> {
    return requestLoader<string, EvidenceFile[]>(ctx, 'evidence', async (ids) => {
      const rows = await evidenceOf(ctx.db, ids);
      return ids.map((id) =>
        rows.filter((r) => r.activityId === id).map((r) => ({ id: r.id, filename: r.filename, contentType: r.contentType, size: r.size, url: `/api/evidence/${r.id}` })),
      );
    }).load(a.id);
  }
}
