import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { MOVEMENT_STATUSES, type MovementStatus, type UnitKind } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { PageInfo } from '../../graphql/pagination';
import { UnitKindEnum } from '../units/unit.type';

export const MovementStatusEnum = Object.fromEntries(MOVEMENT_STATUSES.map((s) => [s, s])) as { [K in MovementStatus]: K };
registerEnumType(MovementStatusEnum, { name: 'MovementStatus', description: 'Trạng thái phong trào: DRAFT (nháp) → ACTIVE (đang diễn ra) → CLOSED (đã kết thúc).' });

@ObjectType({ description: 'Một đợt/chiến dịch trong phong trào, ví dụ "45 ngày đêm".' })
export class MovementPhase {
  @Field(() => ID, { description: 'Mã đợt.' }) id: string;
  @Field(() => String, { description: 'Tên đợt.' }) name: string;
  @Field(() => DateScalar, { description: 'Ngày bắt đầu.' }) startsOn: string;
  @Field(() => DateScalar, { description: 'Ngày kết thúc (tính cả ngày này).' }) endsOn: string;
}

// public wherever it is reached from a public answer (a movement's totals), private elsewhere
@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Chỉ tiêu của phong trào: một thước đo, một mức cần đạt và hạn.' })
export class Target {
  @Field(() => ID, { description: 'Mã chỉ tiêu.' }) id: string;
  @Field(() => String, { description: 'Tên chỉ tiêu, ví dụ "80% người trưởng thành có kỹ năng số cơ bản".' }) title: string;
  @Field(() => String, { description: 'Thước đo: ADULTS_TRAINED, HOUSEHOLDS_DIGITAL, OFFICERS_TRAINED, GROUPS_WITH_CLASS, CITIZENS_ASSISTED.' }) measure: string;
  @Field(() => Float, { description: 'Mức cần đạt: tỉ lệ (0,8) với thước đo tỉ lệ, số lượng với thước đo đếm.' }) level: number;
  @Field(() => DateScalar, { nullable: true, description: 'Hạn hoàn thành.' }) deadline: string | null;
  @Field(() => Float, { description: 'Trọng số trong chỉ số hoàn thành chỉ tiêu.' }) weight: number;
}

@ObjectType({ description: 'Một phiên bản quy tắc tính điểm. Sửa quy tắc tạo phiên bản mới.' })
export class ScoringRuleVersion {
  @Field(() => Int, { description: 'Số phiên bản (1, 2, …).' }) version: number;
  @Field(() => GraphQLJSON, { description: 'Quy tắc (ScoringRules): điểm lớp học, dịch vụ, hệ số nhóm ưu tiên, bài kiểm tra, trần điểm ngày.' }) rules: unknown;
  @Field(() => String, { nullable: true, description: 'Ghi chú thay đổi.' }) note: string | null;
  @Field(() => Date, { description: 'Thời điểm tạo.' }) createdAt: Date;
}

@ObjectType({ description: 'Phong trào thi đua.' })
export class Movement {
  @Field(() => ID, { description: 'Mã phong trào.' }) id: string;
  @Field(() => String, { description: 'Tên phong trào.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Mô tả.' }) description: string | null;
  @Field(() => MovementStatusEnum, { description: 'Trạng thái.' }) status: MovementStatus;
  @Field(() => DateScalar, { description: 'Ngày bắt đầu.' }) startsOn: string;
  @Field(() => DateScalar, { description: 'Ngày kết thúc (tính cả ngày này).' }) endsOn: string;
  @Field(() => [UnitKindEnum], { description: 'Loại đơn vị tham gia thi đua.' }) competingKinds: UnitKind[];
  @Field(() => String, { nullable: true, description: 'Chỉ các tổ chức có loại chi tiết này (ví dụ "công an xã").' }) competingSubtype: string | null;
  @Field(() => Int, { description: 'Phiên bản quy tắc tính điểm đang áp dụng.' }) currentRuleVersion: number;
  @Field(() => Date, { nullable: true, description: 'Thời điểm phát động.' }) openedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Thời điểm kết thúc và chốt kết quả.' }) closedAt: Date | null;
  organizerUnitId: number;
  scopeUnitId: number;
}

@ObjectType({ description: 'Một trang phong trào.' })
export class MovementConnection {
  @Field(() => [Movement], { description: 'Các phong trào.' }) nodes: Movement[];
  @Field(() => Int, { description: 'Tổng số.' }) totalCount: number;
  @Field(() => PageInfo, { description: 'Phân trang.' }) pageInfo: PageInfo;
}
