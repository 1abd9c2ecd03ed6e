import { Field, ID, InputType, Int } from 'type-graphql';
import type { UnitKind } from '@thidua/domain';
import { UnitKindEnum } from '../units/unit.type';

@InputType({ description: 'Tạo một đơn vị: thôn/tổ dân phố (thuộc xã/phường) hoặc tổ chức (thuộc Việt Nam, tỉnh, xã, một thôn/tổ dân phố hoặc một tổ chức khác). Quốc gia, tỉnh và xã lấy từ danh mục hành chính chính thức.' })
export class CreateUnitInput {
  @Field(() => ID, { description: 'Đơn vị cha (phải nằm trong phạm vi quản trị của bạn và đang hoạt động).' })
  parentId: string;

  @Field(() => UnitKindEnum, { description: 'RESIDENTIAL_GROUP (thôn/tổ dân phố) hoặc ORGANIZATION (tổ chức).' })
  kind: UnitKind;

  @Field(() => String, { description: 'Tên (1–200 ký tự, bỏ khoảng trắng thừa).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Loại chi tiết: tổ dân phố, thôn, công an xã, chi đoàn, trường… (tối đa 100 ký tự).' })
  subtype?: string | null;

  @Field(() => String, { nullable: true, description: 'Mã đơn vị (không bắt buộc, duy nhất; chữ, số, . - _; tối đa 40 ký tự).' })
  code?: string | null;

  @Field(() => Int, { nullable: true, description: 'Dân số (0–100.000.000). Có số liệu thì phải ghi nguồn.' })
  population?: number | null;

  @Field(() => Int, { nullable: true, description: 'Số người từ 18 tuổi trở lên (không lớn hơn dân số).' })
  adultPopulation?: number | null;

  @Field(() => Int, { nullable: true, description: 'Số hộ gia đình (không lớn hơn dân số).' })
  households?: number | null;

  @Field(() => String, { nullable: true, description: 'Nguồn của dân số, số người trưởng thành, số hộ (bắt buộc khi có một trong ba số; tối đa 500 ký tự).' })
  denominatorsSource?: string | null;
}

@InputType({
  description:
    'Sửa một đơn vị; trường không gửi thì giữ nguyên, gửi null thì xoá. Tên, mã và loại của quốc gia, tỉnh, xã theo danh mục chính thức không sửa được; số liệu dân số của chúng sửa được, kèm nguồn.',
})
export class UpdateUnitInput {
  @Field(() => String, { nullable: true, description: 'Tên mới (1–200 ký tự).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Loại chi tiết.' })
  subtype?: string | null;

  @Field(() => String, { nullable: true, description: 'Mã đơn vị (duy nhất).' })
  code?: string | null;

  @Field(() => Int, { nullable: true, description: 'Dân số. Sửa số liệu thì phải ghi nguồn.' })
  population?: number | null;

  @Field(() => Int, { nullable: true, description: 'Số người từ 18 tuổi trở lên.' })
  adultPopulation?: number | null;

  @Field(() => Int, { nullable: true, description: 'Số hộ gia đình.' })
  households?: number | null;

  @Field(() => String, { nullable: true, description: 'Nguồn số liệu: bắt buộc khi gửi dân số, số người trưởng thành hoặc số hộ.' })
  denominatorsSource?: string | null;
}
