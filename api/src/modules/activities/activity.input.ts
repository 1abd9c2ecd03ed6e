import { Field, ID, InputType, Int } from 'type-graphql';
import type { ActivityKind, ActivityStatus } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { ActivityKindEnum, ActivityStatusEnum } from './activity.type';

@InputType({ description: 'Ghi nhận một lớp "Bình dân học vụ số".' })
export class RecordClassInput {
  @Field(() => ID, { description: 'UUID do thiết bị tạo: khoá chống trùng khi gửi lại.' }) id: string;
  @Field(() => ID, { description: 'Phong trào.' }) movementId: string;
  @Field(() => ID, { description: 'Đơn vị được tính điểm.' }) unitId: string;
  @Field(() => DateScalar, { description: 'Ngày tổ chức lớp.' }) heldOn: string;
  @Field(() => Int, { description: 'Số người tham dự (1–500).' }) attendeeCount: number;
  @Field(() => [String], { description: 'Chủ đề (VNEID, PUBLIC_SERVICES, CYBER_SAFETY, CASHLESS, E_HEALTH, AI_BASICS, SOCIAL_MEDIA, BASIC_DEVICE).' }) topics: string[];
  @Field(() => String, { nullable: true, description: 'Ghi chú.' }) note?: string | null;
  @Field(() => [String], { nullable: true, description: 'Người giảng dạy.' }) instructors?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Nơi tổ chức (thôn/tổ dân phố…), nếu khác đơn vị.' }) placeUnitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Lớp lưu động.' }) mobile?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'Danh sách người tham dự (chỉ dùng để phát hiện danh sách trùng; không lưu tên).' }) attendees?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Tệp minh chứng đã tải lên (POST /api/evidence).' }) evidenceIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Mã xác nhận đã giữ trước (reserveConfirmationCodes) để người tham dự xác nhận lớp; không bắt buộc.' })
  confirmationCode?: string | null;
}

@InputType({ description: 'Ghi nhận một lượt hỗ trợ người dân.' })
export class RecordAssistInput {
  @Field(() => ID, { description: 'UUID do thiết bị tạo: khoá chống trùng khi gửi lại.' }) id: string;
  @Field(() => ID, { description: 'Phong trào.' }) movementId: string;
  @Field(() => ID, { description: 'Đơn vị được tính điểm.' }) unitId: string;
  @Field(() => DateScalar, { description: 'Ngày hỗ trợ.' }) helpedOn: string;
  @Field(() => String, { description: 'Dịch vụ (VNEID_L2, PUBLIC_SERVICE_ONLINE, RESIDENCE_DECLARATION, CASHLESS_PAYMENT, E_HEALTH, SAFE_SOCIAL_MEDIA, SCAM_AWARENESS, AI_TOOLS…).' }) service: string;
  @Field(() => [String], { nullable: true, description: 'Nhóm ưu tiên: ELDERLY, DISABLED, NEAR_POOR, ETHNIC_MINORITY.' }) priorityGroups?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Người dân đã đăng ký (nếu có).' }) citizenId?: string | null;
  @Field(() => String, { nullable: true, description: 'Số CCCD của người dân (chỉ dùng để chống trùng; không bao giờ lưu dạng rõ).' }) nationalId?: string | null;
  @Field(() => String, { nullable: true, description: 'Người hỗ trợ.' }) helper?: string | null;
  @Field(() => String, { nullable: true, description: 'Ghi chú.' }) note?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Tệp minh chứng đã tải lên.' }) evidenceIds?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Mã xác nhận thiết bị đã giữ trước (reserveConfirmationCodes) và đã đưa cho người dân, kể cả khi ghi ngoại tuyến. Không gửi (hoặc mã không phải của bạn, đã dùng): máy chủ cấp mã mới, xem Activity.confirmation.',
  })
  confirmationCode?: string | null;
}

@InputType({ description: 'Một hoạt động trong lô đồng bộ ngoại tuyến: đúng một trong hai trường.' })
export class ActivityInput {
  @Field(() => RecordClassInput, { nullable: true, description: 'Lớp học.' }) class?: RecordClassInput | null;
  @Field(() => RecordAssistInput, { nullable: true, description: 'Hỗ trợ người dân.' }) assist?: RecordAssistInput | null;
}

@InputType({ description: 'Bộ lọc hàng chờ duyệt.' })
export class ActivityFilter {
  @Field(() => ID, { nullable: true }) movementId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Đơn vị (gồm cả các đơn vị trực thuộc).' }) unitId?: string | null;
  @Field(() => ActivityStatusEnum, { nullable: true }) status?: ActivityStatus | null;
  @Field(() => ActivityKindEnum, { nullable: true }) kind?: ActivityKind | null;
  @Field(() => Boolean, { nullable: true, description: 'true: chỉ hoạt động có cờ bất thường; false: chỉ hoạt động không có cờ.' }) flagged?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: chỉ hoạt động người dân đã xác nhận; false: chỉ hoạt động chưa được xác nhận.' }) confirmed?: boolean | null;
}
