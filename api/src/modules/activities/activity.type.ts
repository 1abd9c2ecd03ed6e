import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityKind, type ActivityStatus } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { PageInfo } from '../../graphql/pagination';

export const ActivityStatusEnum = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, s])) as { [K in ActivityStatus]: K };
registerEnumType(ActivityStatusEnum, {
  name: 'ActivityStatus',
  description: 'SUBMITTED (chờ duyệt) → APPROVED (đã duyệt) | REJECTED (bị từ chối); APPROVED → REVOKED (thu hồi, trừ điểm).',
});
export const ActivityKindEnum = Object.fromEntries(ACTIVITY_KINDS.map((s) => [s, s])) as { [K in ActivityKind]: K };
registerEnumType(ActivityKindEnum, { name: 'ActivityKind', description: 'CLASS (lớp học), ASSIST (hỗ trợ người dân), QUIZ (bài kiểm tra).' });

export enum SyncOutcome {
  APPLIED = 'APPLIED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(SyncOutcome, {
  name: 'SyncOutcome',
  description: 'APPLIED: đã ghi nhận mới; DUPLICATE: đã có từ lần gửi trước (không tạo thêm); REJECTED: bị từ chối (xem lý do).',
});

@ObjectType({ description: 'Tệp minh chứng (ảnh, danh sách điểm danh…).' })
export class EvidenceFile {
  @Field(() => ID, { description: 'Mã tệp.' }) id: string;
  @Field(() => String, { description: 'Tên tệp.' }) filename: string;
  @Field(() => String, { description: 'Kiểu nội dung (image/jpeg…).' }) contentType: string;
  @Field(() => Int, { description: 'Kích thước (byte).' }) size: number;
  @Field(() => String, { description: 'Đường dẫn tải về (cần đăng nhập, trong phạm vi).' }) url: string;
}

@ObjectType({ description: 'Một hoạt động: lớp học, lượt hỗ trợ người dân hoặc bài kiểm tra, của một đơn vị trong một phong trào.' })
export class Activity {
  @Field(() => ID, { description: 'Mã do thiết bị tạo (UUID): gửi lại cùng mã không tạo bản ghi mới.' }) id: string;
  @Field(() => ActivityKindEnum, { description: 'Loại hoạt động.' }) kind: ActivityKind;
  @Field(() => ActivityStatusEnum, { description: 'Trạng thái.' }) status: ActivityStatus;
  @Field(() => DateScalar, { description: 'Ngày diễn ra.' }) occurredOn: string;
  @Field(() => Int, { nullable: true, description: 'Số người tham dự (lớp học).' }) attendeeCount: number | null;
  @Field(() => [String], { description: 'Chủ đề (lớp học).' }) topics: string[];
  @Field(() => String, { nullable: true, description: 'Dịch vụ đã hỗ trợ (mã, ví dụ VNEID_L2).' }) service: string | null;
  @Field(() => [String], { description: 'Nhóm ưu tiên (người cao tuổi, khuyết tật…).' }) priorityGroups: string[];
  @Field(() => [String], { description: 'Cờ bất thường khiến hoạt động phải được xem xét riêng.' }) flags: string[];
  @Field(() => String, { nullable: true, description: 'Ghi chú.' }) note: string | null;
  @Field(() => [String], { description: 'Người giảng dạy/hướng dẫn.' }) instructors: string[];
  @Field(() => Boolean, { description: 'Lớp lưu động.' }) mobile: boolean;
  @Field(() => Date, { description: 'Thời điểm ghi nhận.' }) recordedAt: Date;
  @Field(() => Date, { nullable: true, description: 'Thời điểm duyệt/từ chối/thu hồi gần nhất.' }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Lý do từ chối hoặc thu hồi.' }) reviewReason: string | null;
  movementId: string;
  unitId: number;
  placeUnitId: number | null;
  recordedBy: string | null;
  citizenId: string | null;
  /** the confirmation by the person helped (see the confirmations module's field) */
  confirmationCode: string | null;
  confirmedAt: Date | null;
  confirmationRating: number | null;
  confirmationComment: string | null;
}

@ObjectType({ description: 'Một trang hoạt động.' })
export class ActivityConnection {
  @Field(() => [Activity], { description: 'Các hoạt động.' }) nodes: Activity[];
  @Field(() => Int, { description: 'Tổng số.' }) totalCount: number;
  @Field(() => PageInfo, { description: 'Phân trang.' }) pageInfo: PageInfo;
}

@ObjectType({ description: 'Kết quả đồng bộ một hoạt động gửi từ thiết bị.' })
export class SyncResult {
  @Field(() => ID, { description: 'Mã hoạt động (do thiết bị tạo).' }) id: string;
  @Field(() => SyncOutcome, { description: 'Kết quả.' }) outcome: SyncOutcome;
  @Field(() => Activity, { nullable: true, description: 'Hoạt động (khi APPLIED hoặc DUPLICATE).' }) activity: Activity | null;
  @Field(() => String, { nullable: true, description: 'Mã lỗi khi REJECTED.' }) errorCode: string | null;
  @Field(() => String, { nullable: true, description: 'Lý do (tiếng Việt) khi REJECTED.' }) message: string | null;
}

@ObjectType({ description: 'Kết quả duyệt hàng loạt.' })
export class BulkReviewResult {
  @Field(() => Int, { description: 'Số hoạt động đã duyệt.' }) approved: number;
  @Field(() => Int, { description: 'Số hoạt động bỏ qua (có cờ bất thường, do chính mình ghi nhận, hoặc đã được xử lý).' }) skipped: number;
  @Field(() => Float, { description: 'Tổng số điểm các hoạt động vừa duyệt mang lại.' }) points: number;
}

@ObjectType({ description: 'Điểm một đơn vị: hiện tại và khi tính lại từ sổ điểm theo một phiên bản quy tắc.' })
export class RecomputedStanding {
  @Field(() => ID, { description: 'Mã đơn vị.' }) unitId: string;
  @Field(() => String, { description: 'Tên đơn vị.' }) unitName: string;
  @Field(() => Float, { description: 'Điểm hiện tại (theo sổ điểm).' }) livePoints: number;
  @Field(() => Float, { description: 'Điểm khi tính lại theo phiên bản quy tắc đã chọn.' }) recomputedPoints: number;
}

@ObjectType({ description: 'Kết quả áp dụng một phiên bản quy tắc tính điểm cho phong trào đang diễn ra.' })
export class RuleVersionApplied {
  @Field(() => ID, { description: 'Mã phong trào.' }) movementId: string;
  @Field(() => Int, { description: 'Phiên bản quy tắc đã áp dụng (nay là phiên bản hiện hành).' }) ruleVersion: number;
  @Field(() => Int, { description: 'Phiên bản hiện hành trước khi áp dụng.' }) previousRuleVersion: number;
  @Field(() => Int, { description: 'Số hoạt động được điều chỉnh điểm (0 khi không có gì thay đổi).' }) activitiesChanged: number;
  @Field(() => Int, { description: 'Số đơn vị có điểm thay đổi.' }) unitsChanged: number;
  @Field(() => Float, { description: 'Tổng chênh lệch điểm (mới trừ cũ) đã ghi vào sổ điểm.' }) pointsDifference: number;
}
