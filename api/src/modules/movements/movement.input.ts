import { Field, Float, ID, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { UnitKind } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { UnitKindEnum } from '../units/unit.type';

@InputType({ description: 'Một đợt trong phong trào.' })
export class PhaseInput {
  @Field(() => String, { description: 'Tên đợt.' }) name: string;
  @Field(() => DateScalar, { description: 'Ngày bắt đầu.' }) startsOn: string;
  @Field(() => DateScalar, { description: 'Ngày kết thúc.' }) endsOn: string;
}

@InputType({ description: 'Một chỉ tiêu.' })
export class TargetInput {
  @Field(() => String, { description: 'Tên chỉ tiêu.' }) title: string;
  @Field(() => String, { description: 'Thước đo (xem Target.measure).' }) measure: string;
  @Field(() => Float, { description: 'Mức cần đạt.' }) level: number;
  @Field(() => DateScalar, { nullable: true, description: 'Hạn.' }) deadline?: string | null;
  @Field(() => Float, { nullable: true, description: 'Trọng số (mặc định 1).' }) weight?: number | null;
}

@InputType({ description: 'Tạo phong trào (ở trạng thái nháp).' })
export class CreateMovementInput {
  @Field(() => String, { description: 'Tên phong trào.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Mô tả.' }) description?: string | null;
  @Field(() => ID, { description: 'Đơn vị tổ chức (phải thuộc phạm vi của người tạo).' }) organizerUnitId: string;
  @Field(() => ID, { description: 'Đơn vị gốc của phạm vi thi đua (ví dụ tỉnh Quảng Ninh).' }) scopeUnitId: string;
  @Field(() => [UnitKindEnum], { description: 'Loại đơn vị tham gia thi đua.' }) competingKinds: UnitKind[];
  @Field(() => String, { nullable: true, description: 'Chỉ tổ chức có loại chi tiết này, ví dụ "công an xã".' }) competingSubtype?: string | null;
  @Field(() => DateScalar, { description: 'Ngày bắt đầu.' }) startsOn: string;
  @Field(() => DateScalar, { description: 'Ngày kết thúc.' }) endsOn: string;
  @Field(() => [PhaseInput], { nullable: true, description: 'Các đợt.' }) phases?: PhaseInput[] | null;
  @Field(() => [TargetInput], { nullable: true, description: 'Các chỉ tiêu.' }) targets?: TargetInput[] | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Quy tắc tính điểm (mặc định: DEFAULT_SCORING_RULES).' }) rules?: unknown;
}

@InputType({ description: 'Sửa phong trào khi còn là nháp. Trường bỏ trống giữ nguyên; phases/targets nếu truyền sẽ thay toàn bộ.' })
export class UpdateMovementInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) scopeUnitId?: string | null;
  @Field(() => [UnitKindEnum], { nullable: true }) competingKinds?: UnitKind[] | null;
  @Field(() => String, { nullable: true }) competingSubtype?: string | null;
  @Field(() => DateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => [PhaseInput], { nullable: true }) phases?: PhaseInput[] | null;
  @Field(() => [TargetInput], { nullable: true }) targets?: TargetInput[] | null;
}
