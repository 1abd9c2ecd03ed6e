import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { formatConfirmationCode } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { requireRole, requireUnitInScope } from '../auth/scope';
import { Activity } from '../activities/activity.type';
import { visibleMovement } from '../leaderboards/leaderboards.resolver';
import { toUnit, parseUnitId } from '../units/units.service';
import { REVIEWERS } from '../activities/review.service';
import { ActivityConfirmation, ConfirmationFlag, ConfirmationPreview, ConfirmationReceipt } from './confirmation.type';
import { ConfirmationsService, confirmationUrl } from './confirmations.service';

@Resolver()
export class ConfirmationsResolver {
  @Query(() => ConfirmationPreview, {
    description:
      'Người dân mở mã xác nhận (không cần đăng nhập): việc gì, đơn vị nào, ngày nào. Mã sai: confirmation/invalid-code; nhập sai nhiều lần từ một địa chỉ: RATE_LIMITED.',
  })
  confirmationByCode(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<ConfirmationPreview> {
    return new ConfirmationsService(ctx).preview(code);
  }

  @Mutation(() => ConfirmationReceipt, {
    description:
      'Người được hỗ trợ xác nhận bằng mã cán bộ đưa (QR hoặc chữ), chấm 1–5 sao và góp ý (không bắt buộc, tối đa 500 ký tự; chỉ đơn vị và cấp duyệt thấy). Mỗi mã dùng một lần (confirmation/already-confirmed); mã sai hoặc phong trào đã kết thúc: confirmation/invalid-code; số sao ngoài 1–5: BAD_USER_INPUT.',
  })
  confirmActivity(
    @Ctx() ctx: Context,
    @Arg('code', () => String) code: string,
    @Arg('rating', () => Int) rating: number,
    @Arg('comment', () => String, { nullable: true, description: 'Góp ý (không bắt buộc, tối đa 500 ký tự).' }) comment?: string | null,
  ): Promise<ConfirmationReceipt> {
    return new ConfirmationsService(ctx).confirm(code, rating, comment);
  }

  @Mutation(() => [String], {
    description:
      'Giữ trước mã xác nhận để ghi nhận khi không có mạng: trả về các mã chưa dùng của bạn, thêm mới cho đủ số yêu cầu (1–50, tối đa 50 mã cùng lúc). Thiết bị gán mỗi mã cho một lượt hỗ trợ (confirmationCode) và hiện QR ngay, kể cả ngoại tuyến.',
  })
  reserveConfirmationCodes(@Ctx() ctx: Context, @Arg('count', () => Int, { defaultValue: 20 }) count: number): Promise<string[]> {
    return new ConfirmationsService(ctx).reserve(count);
  }

  @Query(() => [ConfirmationFlag], {
    description:
      'Cho người duyệt: đơn vị trong phạm vi có tỉ lệ lượt hỗ trợ được người dân xác nhận thấp hơn nhiều (dưới một nửa) so với các đơn vị khác cùng xã (mỗi bên từ 10 lượt hỗ trợ đã duyệt).',
  })
  async confirmationFlags(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('withinUnitId', () => ID, { nullable: true }) withinUnitId?: string | null,
  ): Promise<ConfirmationFlag[]> {
    const user = requireRole(ctx, REVIEWERS);
    const movement = await visibleMovement(ctx, movementId);
    let within = user.unitId;
    // a unit outside the reviewer's subtree is FORBIDDEN, as everywhere (units are public, so nothing is hidden by NOT_FOUND)
    if (withinUnitId) within = (await requireUnitInScope(ctx, parseUnitId(withinUnitId))).id;
    const flags = await new ConfirmationsService(ctx).flags(movement.id, within);
    const units = await ctx.loaders.unitById.loadMany(flags.map((f) => f.unitId));
    return flags.map((f, i) => {
      const row = units[i];
      const unit = row && !(row instanceof Error) ? toUnit(row) : null;
      const pct = (x: number) => `${Math.round(x * 100)} %`;
      return {
        unitId: String(f.unitId),
        unit: unit!,
        assists: f.assists,
        confirmed: f.confirmed,
        unitShare: f.unitShare,
        areaShare: f.areaShare,
        message: `Chỉ ${pct(f.unitShare)} lượt hỗ trợ của đơn vị được người dân xác nhận, trong khi các đơn vị khác cùng xã là ${pct(f.areaShare)}. Nên xem kỹ trước khi duyệt.`,
      };
    }).filter((f) => f.unit);
  }
}

@Resolver(() => Activity)
export class ActivityConfirmationResolver {
  @FieldResolver(() => ActivityConfirmation, {
    nullable: true,
    description: 'Mã xác nhận và đánh giá của người được hỗ trợ (lượt hỗ trợ; lớp học khi có mã). Chỉ đơn vị ghi nhận và cấp duyệt (những người xem được hoạt động) thấy.',
  })
  confirmation(@Root() a: Activity, @Ctx() ctx: Context): ActivityConfirmation | null {
    if (!a.confirmationCode) return null;
    return {
      code: formatConfirmationCode(a.confirmationCode),
      url: confirmationUrl(ctx.config.publicUrl, a.confirmationCode),
      confirmedAt: a.confirmedAt,
      rating: a.confirmationRating,
      comment: a.confirmationComment,
    };
  }
}
