import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { badgeAwards } from '@thidua/db';
import type { Context } from '../../graphql/context';
import { requestLoader } from '../../graphql/loaders';
import { Unit } from '../units/unit.type';
import { BadgeAward } from './badge.type';
import { toAward } from './badges.resolver';

type AwardRow = typeof badgeAwards.$inferSelect;

/** `Unit.badges`: the badges a unit earned in movements (Top 3, target reached early), added here by the badges module. */
@Resolver(() => Unit)
export class UnitBadgesResolver {
  @FieldResolver(() => [BadgeAward], { description: 'Huy hiệu đơn vị còn hiệu lực (Top 3 phong trào, vượt chỉ tiêu sớm…), mới nhất trước; công khai.' })
  async badges(@Root() unit: Unit, @Ctx() ctx: Context): Promise<BadgeAward[]> {
    const rows = await requestLoader<number, AwardRow[]>(ctx, 'unitBadges', async (ids) => {
      const all = await ctx.db
        .select()
        .from(badgeAwards)
        .where(and(inArray(badgeAwards.unitId, [...ids]), eq(badgeAwards.status, 'VALID')))
        .orderBy(desc(badgeAwards.issuedAt));
      return ids.map((id) => all.filter((r) => r.unitId === id && r.holderKey.startsWith('unit:')));
    }).load(Number(unit.id));
    return rows.map((r) => toAward(r, ctx.config.publicUrl));
  }
}
