import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { UnitKind } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { Unit, UnitConnection, UnitKindEnum } from './unit.type';
import { UnitsService, parseUnitId, toUnit } from './units.service';
import { badInput } from '../../errors';
import type { UnitRow } from './units.queries';

/** Units are public reference data (names, codes, denominators): no login needed. */
@Resolver(() => Unit)
export class UnitsResolver {
  @Query(() => Unit, { nullable: true, description: 'Một đơn vị theo id hoặc mã hành chính (code).' })
  async unit(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<Unit | null> {
    if (id == null && code == null) throw badInput('Cần truyền id hoặc code.');
    const row = id != null ? await ctx.loaders.unitById.load(parseUnitId(id)) : await new UnitsService(ctx.db).byCode(code!);
    return row ? toUnit(row) : null;
  }

  @Query(() => UnitConnection, {
    description:
      'Tìm và duyệt đơn vị. Tìm kiếm không phân biệt hoa thường và dấu, và khớp cả tên cũ (trước 2025). Đơn vị đã ngừng hoạt động không được liệt kê, trừ khi includeDeactivated = true (unit(id)/unit(code) vẫn trả về chúng).',
  })
  units(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('kind', () => UnitKindEnum, { nullable: true }) kind?: UnitKind | null,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string | null,
    @Arg('includeDeactivated', () => Boolean, { nullable: true, defaultValue: false, description: 'Liệt kê cả đơn vị đã ngừng hoạt động.' }) includeDeactivated?: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UnitConnection> {
    return new UnitsService(ctx.db).list({ search, kind, parentId, includeDeactivated, first, after });
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Đơn vị cha.' })
  async parent(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit | null> {
    if (unit.parentId == null) return null;
    const row = await ctx.loaders.unitById.load(unit.parentId);
    return row ? toUnit(row) : null;
  }

  @FieldResolver(() => [Unit], { description: 'Các đơn vị cấp trên, từ gốc (Việt Nam) xuống đơn vị cha.' })
  async ancestors(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit[]> {
    const rows = await ctx.loaders.unitById.loadMany(unit.path.slice(0, -1));
    return rows.filter((r): r is UnitRow => !!r && !(r instanceof Error)).map(toUnit);
  }

  @FieldResolver(() => [String], { description: 'Tên các đơn vị cũ (trước sáp nhập 2025) đã nhập vào đơn vị này.' })
  formerNames(@Root() unit: Unit, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.formerNames.load(Number(unit.id));
  }

  @FieldResolver(() => Int, { description: 'Số đơn vị trực thuộc.' })
  childCount(@Root() unit: Unit, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.childCount.load(Number(unit.id));
  }
}
