import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { badgeAwards, badges, citizens, households, movements } from '@thidua/db';
import { criterionToDo, unmetCriteria, type Criterion } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { requestLoader } from '../../graphql/loaders';
import { requireUser } from '../auth/scope';
import { requireServedUnit } from '../citizens/citizens.service';
import { notFound } from '../../errors';
import { AwardBadgeInput, Badge, BadgeAward, BadgeIssuer, BadgeProgress, HouseholdProgress } from './badge.type';
import { BadgeService, citizenKey, householdKey, userKey } from './badges.service';
import { citizenFacts } from './badges.queries';
import { issueCredential } from './credential';
import { Movement } from '../movements/movement.type';
import type { MovementRow } from '../movements/movements.queries';
import { toMovement } from '../movements/movements.service';

type AwardRow = typeof badgeAwards.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toAward(row: AwardRow, publicUrl: string): BadgeAward {
  return {
    id: row.id,
    holderName: row.holderName,
    issuedAt: row.issuedAt,
    status: row.status,
    revokedAt: row.revokedAt,
    automatic: row.automatic,
    verifyUrl: `${publicUrl.replace(/\/$/, '')}/xac-minh/${row.id}`,
    badgeCode: row.badgeCode,
    issuerUnitId: row.issuerUnitId,
    holderKey: row.holderKey,
    movementId: row.movementId,
  };
}

async function badgeByCode(ctx: Context, code: string): Promise<Badge> {
  const row = await requestLoader<string, typeof badges.$inferSelect | undefined>(ctx, 'badges', async (codes) => {
    const rows = await ctx.db.select().from(badges).where(inArray(badges.code, [...codes]));
    return codes.map((c) => rows.find((r) => r.code === c));
  }).load(code);
  return row!;
}

@Resolver(() => BadgeAward)
export class BadgesResolver {
  @Query(() => [Badge], { description: 'Các huy hiệu chung của mọi phong trào (định nghĩa). Huy hiệu riêng của một phong trào: Movement.badges.' })
  badges(@Ctx() ctx: Context): Promise<Badge[]> {
    return ctx.db.select().from(badges).where(isNull(badges.movementId)).orderBy(badges.code);
  }

  @Query(() => BadgeAward, { nullable: true, description: 'Xác minh công khai một huy hiệu theo mã (không có dữ liệu cá nhân ngoài chữ cái đầu).' })
  async badgeAward(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<BadgeAward | null> {
    const row = await new BadgeService(ctx.db, ctx.config).find(id);
    return row ? toAward(row, ctx.config.publicUrl) : null;
  }

  @Query(() => [BadgeAward], { description: 'Huy hiệu của tôi (người dân: của mình và của hộ; cán bộ: của mình).' })
  async myBadges(@Ctx() ctx: Context): Promise<BadgeAward[]> {
    const user = requireUser(ctx);
    const keys = [userKey(user.id)];
    if (user.citizenId) {
      keys.push(citizenKey(user.citizenId));
      const [c] = await ctx.db.select({ h: citizens.householdId }).from(citizens).where(eq(citizens.id, user.citizenId));
      if (c?.h) keys.push(householdKey(c.h));
    }
    const rows = await ctx.db.select().from(badgeAwards).where(inArray(badgeAwards.holderKey, keys)).orderBy(badgeAwards.issuedAt);
    return rows.map((r) => toAward(r, ctx.config.publicUrl));
  }

  @Query(() => [BadgeAward], { description: 'Cán bộ: các huy hiệu của một người dân trong phạm vi (của người đó và của hộ), còn hiệu lực trước.' })
  async citizenBadgeAwards(@Ctx() ctx: Context, @Arg('citizenId', () => ID) citizenId: string): Promise<BadgeAward[]> {
    requireUser(ctx);
    const [c] = UUID.test(citizenId)
      ? await ctx.db.select({ id: citizens.id, unitId: citizens.unitId, householdId: citizens.householdId }).from(citizens).where(eq(citizens.id, citizenId))
      : [];
    if (!c) throw notFound('người dân');
    // the same rule as the citizen pages: an organization's officers serve their commune
    await requireServedUnit(ctx, c.unitId);
    const keys = [citizenKey(c.id), ...(c.householdId ? [householdKey(c.householdId)] : [])];
    const rows = await ctx.db.select().from(badgeAwards).where(inArray(badgeAwards.holderKey, keys)).orderBy(desc(badgeAwards.issuedAt));
    return rows.sort((a, b) => Number(a.status !== 'VALID') - Number(b.status !== 'VALID')).map((r) => toAward(r, ctx.config.publicUrl));
  }

  @Query(() => [BadgeProgress], { description: 'Người dân: còn thiếu gì để đạt từng huy hiệu cá nhân.' })
  async myBadgeProgress(@Ctx() ctx: Context): Promise<BadgeProgress[]> {
    const user = requireUser(ctx);
    if (!user.citizenId) return [];
    const [facts] = await citizenFacts(ctx.db, [user.citizenId]);
    const defs = await ctx.db.select().from(badges).where(eq(badges.audience, 'CITIZEN'));
    const held = await ctx.db.select().from(badgeAwards).where(eq(badgeAwards.holderKey, citizenKey(user.citizenId)));
    return defs.map((d) => ({
      badge: d,
      earned: held.some((h) => h.badgeCode === d.code && h.status === 'VALID'),
      missing: unmetCriteria(d.criteria as Criterion, { services: facts?.services ?? [], coreQuizPassed: facts?.coreQuizPassed ?? false }).map((f) => criterionToDo(f.fact, f.value)),
    }));
  }

  @Query(() => HouseholdProgress, { nullable: true, description: 'Người dân: hộ của tôi và tiến độ tới "Gia đình số".' })
  async myHousehold(@Ctx() ctx: Context): Promise<HouseholdProgress | null> {
    const user = requireUser(ctx);
    if (!user.citizenId) return null;
    const [c] = await ctx.db.select({ h: citizens.householdId }).from(citizens).where(eq(citizens.id, user.citizenId));
    if (!c?.h) return null;
    const [h] = await ctx.db.select().from(households).where(eq(households.id, c.h));
    const members = await ctx.db.select({ id: citizens.id }).from(citizens).where(and(eq(citizens.householdId, c.h), isNull(citizens.erasedAt)));
    const awards = await ctx.db
      .select()
      .from(badgeAwards)
      .where(or(inArray(badgeAwards.holderKey, members.map((m) => citizenKey(m.id))), eq(badgeAwards.holderKey, householdKey(c.h))));
    return {
      headName: h.headName,
      members: members.length,
      congDanSo: awards.filter((a) => a.badgeCode === 'CONG_DAN_SO' && a.status === 'VALID').length,
      giaDinhSo: awards.some((a) => a.badgeCode === 'GIA_DINH_SO' && a.status === 'VALID'),
    };
  }

  @Mutation(() => BadgeAward, { description: 'Lãnh đạo trao huy hiệu thủ công (nếu huy hiệu cho phép), kèm lý do.' })
  async awardBadge(@Ctx() ctx: Context, @Arg('input', () => AwardBadgeInput) input: AwardBadgeInput): Promise<BadgeAward> {
    return toAward(await new BadgeService(ctx.db, ctx.config).awardManually(ctx, input), ctx.config.publicUrl);
  }

  @Mutation(() => BadgeAward, { description: 'Thu hồi huy hiệu, kèm lý do. Thu hồi Công dân số của một thành viên sẽ xét lại Gia đình số của hộ.' })
  async revokeBadgeAward(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<BadgeAward> {
    return toAward(await new BadgeService(ctx.db, ctx.config).revoke(ctx, id, reason), ctx.config.publicUrl);
  }

  @FieldResolver(() => Badge, { description: 'Huy hiệu.' })
  badge(@Root() a: BadgeAward, @Ctx() ctx: Context): Promise<Badge> {
    return badgeByCode(ctx, a.badgeCode);
  }

  @FieldResolver(() => Movement, { nullable: true, description: 'Phong trào của huy hiệu đơn vị (Top 3, vượt chỉ tiêu sớm); null với huy hiệu cá nhân.' })
  async movement(@Root() a: BadgeAward, @Ctx() ctx: Context): Promise<Movement | null> {
    if (!a.movementId) return null;
    const row = await requestLoader<string, MovementRow | undefined>(ctx, 'badgeMovements', async (ids) => {
      const rows = await ctx.db.select().from(movements).where(inArray(movements.id, [...ids]));
      return ids.map((id) => rows.find((r) => r.id === id));
    }).load(a.movementId);
    return row ? toMovement(row) : null;
  }

  @FieldResolver(() => BadgeIssuer, { nullable: true, description: 'Đơn vị cấp.' })
  async issuer(@Root() a: BadgeAward, @Ctx() ctx: Context): Promise<BadgeIssuer | null> {
    if (a.issuerUnitId == null) return null;
    const unit = await ctx.loaders.unitById.load(a.issuerUnitId);
    return unit ? { id: String(unit.id), name: unit.fullName } : null;
  }

  @FieldResolver(() => String, { description: 'Chứng nhận Open Badges 3.0 (VC-JWT, ký Ed25519); kiểm tra bằng khoá công khai tại /.well-known/jwks.json.' })
  async credential(@Root() a: BadgeAward, @Ctx() ctx: Context): Promise<string> {
    const badge = await badgeByCode(ctx, a.badgeCode);
    const issuer = a.issuerUnitId != null ? await ctx.loaders.unitById.load(a.issuerUnitId) : null;
    return issueCredential(ctx.config, {
      awardId: a.id,
      badge,
      issuer: { id: issuer?.id ?? 1, name: issuer?.fullName ?? 'Thi đua số' },
      holderKey: a.holderKey,
      holderName: a.holderName,
      issuedAt: a.issuedAt,
    }).jwt;
  }
}
