import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';

/** The kinds a notification may have; clients switch on them (the title and body are for people). */
export const NOTIFICATION_KINDS = [
  'ACTIVITY_APPROVED',
  'ACTIVITY_REJECTED',
  'ACTIVITY_REVOKED',
  'REVIEW_WAITING',
  'BADGE_AWARDED',
  'MOVEMENT_OPENED',
  'MOVEMENT_CLOSED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

@ObjectType({ description: 'Một thông báo gửi tới người đang đăng nhập.' })
export class Notification {
  @Field(() => ID, { description: 'Mã thông báo.' })
  id: string;

  @Field(() => String, {
    description:
      'Loại: ACTIVITY_APPROVED, ACTIVITY_REJECTED (kèm lý do), ACTIVITY_REVOKED, REVIEW_WAITING (lãnh đạo: tóm tắt số hoạt động chờ duyệt, một thông báo được cập nhật), BADGE_AWARDED, MOVEMENT_OPENED, MOVEMENT_CLOSED.',
  })
  kind: string;

  @Field(() => String, { description: 'Tiêu đề ngắn.' })
  title: string;

  @Field(() => String, { description: 'Nội dung (tiếng Việt).' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Đường dẫn trong ứng dụng tới nội dung liên quan, ví dụ /duyet.' })
  link: string | null;

  @Field(() => Date, { description: 'Thời điểm tạo (với REVIEW_WAITING: lần cuối có thêm hoạt động chờ duyệt).' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Thời điểm đã đọc; null khi chưa đọc.' })
  readAt: Date | null;
}

@ObjectType({ description: 'Một trang thông báo, mới nhất trước.' })
export class NotificationConnection {
  @Field(() => [Notification], { description: 'Các thông báo của trang này.' })
  nodes: Notification[];

  @Field(() => Int, { description: 'Tổng số thông báo khớp điều kiện.' })
  totalCount: number;

  @Field(() => PageInfo, { description: 'Phân trang.' })
  pageInfo: PageInfo;
}

@InputType({ description: 'Đăng ký Web Push của trình duyệt (PushSubscription.toJSON()).' })
export class PushSubscriptionInput {
  @Field(() => String, { description: 'Địa chỉ https của dịch vụ push (tối đa 1.000 ký tự).' })
  endpoint: string;

  @Field(() => String, { description: 'Khóa công khai P-256 của trình duyệt (base64url).' })
  p256dh: string;

  @Field(() => String, { description: 'Bí mật xác thực của trình duyệt (base64url).' })
  auth: string;
}
