import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UNIT_KINDS, type UnitKind } from '@thidua/domain';
import { PageInfo } from '../../graphql/pagination';

export const UnitKindEnum = Object.fromEntries(UNIT_KINDS.map((k) => [k, k])) as { [K in UnitKind]: K };
registerEnumType(UnitKindEnum, {
  name: 'UnitKind',
  description: 'Loại đơn vị: quốc gia, tỉnh/thành phố, xã/phường/đặc khu, thôn/tổ dân phố, tổ chức.',
});

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ simpleResolvers: true, description: 'Đơn vị (unit): một nút trong cây Việt Nam → tỉnh → xã → thôn/tổ chức.' })
export class Unit {
  @Field(() => ID, { description: 'Mã định danh nội bộ.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Mã hành chính chính thức (TCTK) nếu có: 2 số cho tỉnh, 5 số cho xã.' })
  code: string | null;

  @Field(() => String, { description: 'Tên ngắn, ví dụ "Hạ Long".' })
  name: string;

  @Field(() => String, { description: 'Tên đầy đủ, ví dụ "Phường Hạ Long".' })
  fullName: string;

  @Field(() => UnitKindEnum, { description: 'Loại đơn vị.' })
  kind: UnitKind;

  @Field(() => String, { nullable: true, description: 'Loại chi tiết theo nguồn: tỉnh, phường, xã, đặc khu, công an xã, chi đoàn…' })
  subtype: string | null;

  @Field(() => Int, { nullable: true, description: 'Dân số.' })
  population: number | null;

  @Field(() => Int, { nullable: true, description: 'Dân số từ 18 tuổi trở lên (có thể là ước tính: xem denominatorsSource).' })
  adultPopulation: number | null;

  @Field(() => Int, { nullable: true, description: 'Số hộ gia đình (có thể là ước tính).' })
  households: number | null;

  @Field(() => String, { nullable: true, description: 'Nguồn của dân số, số người trưởng thành và số hộ, và phần nào là ước tính.' })
  denominatorsSource: string | null;

  @Field(() => Date, { nullable: true, description: 'Thời điểm đơn vị ngừng hoạt động (null: đang hoạt động). Đơn vị ngừng hoạt động vẫn giữ lịch sử và thứ hạng đã có, nhưng không nhận hoạt động mới.' })
  deactivatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Lý do ngừng hoạt động (null khi đang hoạt động).' })
  deactivatedReason: string | null;

  @Field(() => Boolean, { description: 'Đơn vị đang hoạt động (chưa bị ngừng).' })
  active: boolean;

  /** internal: used by field resolvers */
  parentId: number | null;
  path: number[];
}

@ObjectType({ description: 'Một trang đơn vị.' })
export class UnitConnection {
  @Field(() => [Unit], { description: 'Các đơn vị của trang này.' })
  nodes: Unit[];

  @Field(() => Int, { description: 'Tổng số đơn vị khớp điều kiện.' })
  totalCount: number;

  @Field(() => PageInfo, { description: 'Phân trang.' })
  pageInfo: PageInfo;
}
