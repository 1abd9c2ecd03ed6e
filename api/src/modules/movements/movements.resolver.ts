import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { MovementStatus } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { notFound } from '../../errors';
import { Unit } from '../units/unit.type';
import { toUnit } from '../units/units.service';
import { CreateMovementInput, UpdateMovementInput } from './movement.input';
import { Movement, MovementConnection, MovementPhase, MovementStatusEnum, ScoringRuleVersion, Target } from './movement.type';
import { MovementsService, toMovement } from './movements.service';
import { phasesOf, ruleVersionsOf, targetsOf } from './movements.queries';
import { closeHooks } from './close-hooks';
import { BadgeService } from '../badges/badges.service';
import { Badge, MovementBadgeInput } from '../badges/badge.type';
import { targetReachedEarly } from '../leaderboards/targets.service';

@Resolver(() => Movement)
export class MovementsResolver {
  @Query(() => MovementConnection, { description: 'Các phong trào: đang diễn ra và đã kết thúc là công khai; bản nháp chỉ đơn vị tổ chức thấy.' })
  movements(
    @Ctx() ctx: Context,
    @Arg('status', () => MovementStatusEnum, { nullable: true }) status?: MovementStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<MovementConnection> {
    return new MovementsService(ctx).list({ status, first, after });
  }

  @Query(() => Movement, { nullable: true, description: 'Một phong trào.' })
  async movement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Movement | null> {
    const row = await new MovementsService(ctx).get(id);
    return row ? toMovement(row) : null;
  }

  @Mutation(() => Movement, { description: 'Tạo phong trào (nháp). Chỉ đơn vị tổ chức hoặc quản trị.' })
  async createMovement(@Ctx() ctx: Context, @Arg('input', () => CreateMovementInput) input: CreateMovementInput): Promise<Movement> {
    return toMovement(await new MovementsService(ctx).create(input));
  }

  @Mutation(() => Movement, { description: 'Sửa phong trào khi còn là nháp.' })
  async updateMovement(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMovementInput) input: UpdateMovementInput,
  ): Promise<Movement> {
    return toMovement(await new MovementsService(ctx).update(id, input));
  }

  @Mutation(() => Movement, { description: 'Đặt quy tắc tính điểm mới: tạo một phiên bản mới, áp dụng cho các lần duyệt sau.' })
  async setScoringRules(
    @Ctx() ctx: Context,
    @Arg('movementId', () => ID) movementId: string,
    @Arg('rules', () => GraphQLJSON) rules: unknown,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Movement> {
    return toMovement(await new MovementsService(ctx).setRules(movementId, rules, note ?? null));
  }

  @Mutation(() => Movement, { description: 'Phát động: DRAFT → ACTIVE.' })
  async openMovement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Movement> {
    return toMovement(await new MovementsService(ctx).transition(id, 'ACTIVE'));
  }

  @Mutation(() => Movement, { description: 'Kết thúc: ACTIVE → CLOSED, chốt và công bố bảng xếp hạng cuối cùng.' })
  async closeMovement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Movement> {
    const closed = await new MovementsService(ctx).transition(id, 'CLOSED', (tx, row) => closeHooks.run(ctx, tx, row));
    // unit badges (Top 3, target reached early) follow from the frozen standings, after commit
    await new BadgeService(ctx.db, ctx.config).awardUnitBadgesAtClose(closed, (unitId) => targetReachedEarly(ctx, closed, unitId));
    return toMovement(closed);
  }

  @FieldResolver(() => Unit, { description: 'Đơn vị tổ chức.' })
  async organizer(@Root() m: Movement, @Ctx() ctx: Context): Promise<Unit> {
    const row = await ctx.loaders.unitById.load(m.organizerUnitId);
    if (!row) throw notFound('đơn vị tổ chức');
    return toUnit(row);
  }

  @FieldResolver(() => Unit, { description: 'Đơn vị gốc của phạm vi thi đua.' })
  async scope(@Root() m: Movement, @Ctx() ctx: Context): Promise<Unit> {
    const row = await ctx.loaders.unitById.load(m.scopeUnitId);
    if (!row) throw notFound('đơn vị phạm vi');
    return toUnit(row);
  }

  @FieldResolver(() => [MovementPhase], { description: 'Các đợt trong phong trào.' })
  phases(@Root() m: Movement, @Ctx() ctx: Context): Promise<MovementPhase[]> {
    return phasesOf(ctx.db, [m.id]);
  }

  @FieldResolver(() => [Badge], { description: 'Các huy hiệu đơn vị phong trào trao khi kết thúc: huy hiệu chung (Top 3, Vượt chỉ tiêu sớm) rồi huy hiệu riêng của phong trào (movementId).' })
  badges(@Root() m: Movement, @Ctx() ctx: Context): Promise<Badge[]> {
    return new MovementsService(ctx).badgesOf(m.id);
  }

  @Mutation(() => Badge, { description: 'Đặt một huy hiệu đơn vị riêng cho phong trào (trước khi kết thúc), trao tự động cho các đơn vị đạt tiêu chí khi phong trào kết thúc.' })
  defineMovementBadge(@Ctx() ctx: Context, @Arg('movementId', () => ID) movementId: string, @Arg('input', () => MovementBadgeInput) input: MovementBadgeInput): Promise<Badge> {
    return new MovementsService(ctx).defineBadge(movementId, input);
  }

  @Mutation(() => Boolean, { description: 'Bỏ một huy hiệu riêng của phong trào (trước khi kết thúc).' })
  removeMovementBadge(@Ctx() ctx: Context, @Arg('movementId', () => ID) movementId: string, @Arg('code', () => String) code: string): Promise<boolean> {
    return new MovementsService(ctx).removeBadge(movementId, code);
  }

  @FieldResolver(() => [Target], { description: 'Các chỉ tiêu.' })
  targets(@Root() m: Movement, @Ctx() ctx: Context): Promise<Target[]> {
    return targetsOf(ctx.db, [m.id]);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'Quy tắc tính điểm đang áp dụng.' })
  rules(@Root() m: Movement, @Ctx() ctx: Context): Promise<unknown> {
    return new MovementsService(ctx).rulesOf(m.id, m.currentRuleVersion);
  }

  @FieldResolver(() => [ScoringRuleVersion], { description: 'Lịch sử các phiên bản quy tắc tính điểm.' })
  ruleVersions(@Root() m: Movement, @Ctx() ctx: Context): Promise<ScoringRuleVersion[]> {
    return ruleVersionsOf(ctx.db, m.id);
  }
}
