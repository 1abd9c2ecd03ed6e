import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { PUBLIC_MAX_AGE_SECONDS } from '../../graphql/public-cache';
import { badInput, notFound } from '../../errors';
import { visibleMovement } from '../leaderboards/leaderboards.resolver';
import { Unit } from '../units/unit.type';
import { toUnit } from '../units/units.service';
import { FEED_MAX, OverviewService } from './overview.service';
import { MovementTotals, RecentActivity } from './overview.type';

/** The movement's home: what it has achieved so far, for everyone (like the published boards). */
@Resolver(() => MovementTotals)
export class OverviewResolver {
  @Directive(`@cacheControl(maxAge: ${PUBLIC_MAX_AGE_SECONDS}, scope: PUBLIC)`)
  @Query(() => MovementTotals, {
    description: 'Tổng số của phong trào: lớp học, lượt người được tập huấn, lượt hỗ trợ, Công dân số, Gia đình số, tiến độ chỉ tiêu. Xem công khai khi phong trào đang diễn ra hoặc đã kết thúc.',
  })
  async movementTotals(@Ctx() ctx: Context, @Arg('movementId', () => ID) movementId: string): Promise<MovementTotals> {
    const movement = await visibleMovement(ctx, movementId);
    return new OverviewService(ctx).totals(movement);
  }

  @Directive(`@cacheControl(maxAge: ${PUBLIC_MAX_AGE_SECONDS}, scope: PUBLIC)`)
  @Query(() => [RecentActivity], {
    description: `Các lớp học và lượt hỗ trợ vừa được duyệt của phong trào, mới nhất trước, theo đơn vị (không có dữ liệu cá nhân). first: 1–${FEED_MAX}.`,
  })
  async recentActivities(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `Số hoạt động (1–${FEED_MAX}).` }) first: number,
  ): Promise<RecentActivity[]> {
    if (!Number.isInteger(first) || first < 1 || first > FEED_MAX) throw badInput([{ field: 'first', message: `first phải từ 1 đến ${FEED_MAX}.` }]);
    const movement = await visibleMovement(ctx, movementId);
    return new OverviewService(ctx).recent(movement, first);
  }
}

@Resolver(() => RecentActivity)
export class RecentActivityResolver {
  @FieldResolver(() => Unit, { description: 'Đơn vị đã thực hiện.' })
  async unit(@Root() a: RecentActivity, @Ctx() ctx: Context): Promise<Unit> {
    const row = await ctx.loaders.unitById.load(a.unitId);
    if (!row) throw notFound('đơn vị');
    return toUnit(row);
  }
}
