import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'Huy hiệu (định nghĩa): tiêu chí là dữ liệu, theo mô hình Open Badges 3.0.' })
export class Badge {
  @Field(() => String, { description: 'Mã, ví dụ CONG_DAN_SO.' }) code: string;
  @Field(() => String, { description: 'Tên, ví dụ "Công dân số".' }) name: string;
  @Field(() => String, { description: 'Mô tả tiêu chí.' }) description: string;
  @Field(() => String, { description: 'Đối tượng: CITIZEN, HOUSEHOLD, OFFICER, UNIT.' }) audience: string;
  @Field(() => Boolean, { description: 'Lãnh đạo được trao thủ công (kèm lý do).' }) manualAllowed: boolean;
  @Field(() => GraphQLJSON, { description: 'Tiêu chí (dữ liệu).' }) criteria: unknown;
  @Field(() => String, { nullable: true, description: 'Ảnh huy hiệu.' }) imageUrl: string | null;
  @Field(() => ID, { nullable: true, description: 'Phong trào đã đặt ra huy hiệu này (huy hiệu đơn vị, trao khi phong trào kết thúc); null: huy hiệu chung của mọi phong trào.' })
  movementId: string | null;
}

@InputType({ description: 'Huy hiệu đơn vị do đơn vị tổ chức đặt cho một phong trào, trao tự động khi phong trào kết thúc.' })
export class MovementBadgeInput {
  @Field(() => String, { description: 'Tên, ví dụ "Đơn vị xuất sắc" (3–80 ký tự).' }) name: string;
  @Field(() => String, { description: 'Mô tả: đơn vị nào được nhận, vì sao (tối đa 300 ký tự).' }) description: string;
  @Field(() => GraphQLJSON, {
    description:
      'Tiêu chí trên dữ kiện của đơn vị khi phong trào kết thúc: finalRank (thứ hạng chung cuộc, lte/gte/eq), points (tổng điểm, gte/lte), targetReachedBeforeDeadline (eq true); nhóm bằng {"all": [...]} hoặc {"any": [...]}. Ví dụ {"all":[{"fact":"finalRank","op":"lte","value":10},{"fact":"points","op":"gte","value":500}]}.',
  })
  criteria: unknown;
}

@ObjectType({ description: 'Đơn vị cấp huy hiệu (công khai).' })
export class BadgeIssuer {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
}

@ObjectType({ description: 'Một lần trao huy hiệu; mã là mã xác minh công khai. Chỉ có chữ cái đầu tên của người nhận.' })
export class BadgeAward {
  @Field(() => ID, { description: 'Mã xác minh.' }) id: string;
  @Field(() => String, { description: 'Người/hộ/đơn vị nhận: chữ cái đầu với người, tên với đơn vị.' }) holderName: string;
  @Field(() => Date, { description: 'Ngày cấp.' }) issuedAt: Date;
  @Field(() => String, { description: 'VALID (còn hiệu lực) hoặc REVOKED (đã thu hồi).' }) status: string;
  @Field(() => Date, { nullable: true, description: 'Ngày thu hồi.' }) revokedAt: Date | null;
  @Field(() => Boolean, { description: 'Trao tự động theo tiêu chí (false: lãnh đạo trao).' }) automatic: boolean;
  @Field(() => String, { description: 'Đường dẫn trang xác minh.' }) verifyUrl: string;
  badgeCode: string;
  issuerUnitId: number | null;
  holderKey: string;
  movementId: string | null;
}

@ObjectType({ description: 'Tiến độ tới một huy hiệu.' })
export class BadgeProgress {
  @Field(() => Badge) badge: Badge;
  @Field(() => Boolean, { description: 'Đã đạt.' }) earned: boolean;
  @Field(() => [String], { description: 'Các điều kiện còn thiếu (tiếng Việt).' }) missing: string[];
}

@ObjectType({ description: 'Hộ gia đình của người dân và tiến độ tới "Gia đình số".' })
export class HouseholdProgress {
  @Field(() => String, { description: 'Tên chủ hộ (chỉ người trong hộ xem được).' }) headName: string;
  @Field(() => Int, { description: 'Số thành viên.' }) members: number;
  @Field(() => Int, { description: 'Số thành viên đạt Công dân số.' }) congDanSo: number;
  @Field(() => Boolean, { description: 'Hộ đã đạt Gia đình số.' }) giaDinhSo: boolean;
}

@InputType({ description: 'Trao huy hiệu thủ công: đúng một người nhận phù hợp đối tượng của huy hiệu.' })
export class AwardBadgeInput {
  @Field(() => String) badgeCode: string;
  @Field(() => ID, { nullable: true }) citizenId?: string | null;
  @Field(() => ID, { nullable: true }) householdId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => String, { description: 'Lý do.' }) reason: string;
}
