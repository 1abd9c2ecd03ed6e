import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { User } from '../auth/user.type';
import { Unit } from '../units/unit.type';

@ObjectType({ description: 'Một dòng nhật ký: ai làm gì, lúc nào, với cái gì, vì sao.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Mã dòng nhật ký.' })
  id: string;

  @Field(() => Date, { description: 'Thời điểm.' })
  at: Date;

  @Field(() => User, { nullable: true, description: 'Người thực hiện (null: hệ thống hoặc dòng lệnh).' })
  actor: User | null;

  @Field(() => String, { description: 'Hành động, ví dụ account.create, account.disable, unit.update, activity.approve, badge.award, movement.open.' })
  action: string;

  @Field(() => String, { description: 'Loại đối tượng: user, unit, activity, movement, badge_award, citizen, household…' })
  subjectType: string;

  @Field(() => ID, { description: 'Mã đối tượng.' })
  subjectId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tên đối tượng để người đọc nhận ra: tên phong trào, tên đơn vị, tài khoản, hoạt động (việc, đơn vị, ngày), huy hiệu và người nhận. null với người dân, hộ gia đình (dữ liệu cá nhân) và đối tượng không còn.',
  })
  subjectName: string | null;

  @Field(() => Unit, { nullable: true, description: 'Đơn vị mà thay đổi thuộc về (phạm vi được xem).' })
  unit: Unit | null;

  @Field(() => String, { nullable: true, description: 'Lý do (khi có).' })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'Phong trào liên quan, nếu có.' })
  movementId: string | null;

  @Field(() => String, { nullable: true, description: 'Chi tiết thay đổi (JSON), ví dụ trường cũ/mới. Không chứa mật khẩu, mã kích hoạt hay số CCCD.' })
  details: string | null;

  /** internal */
  actorUserId: string | null;
  unitId: number | null;
}

@ObjectType({ description: 'Một trang nhật ký, mới nhất trước.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntry], { description: 'Các dòng của trang này.' })
  nodes: AuditEntry[];

  @Field(() => Int, { description: 'Tổng số dòng khớp điều kiện (đếm tối đa 10.001: nhiều hơn thì hiện 10.001).' })
  totalCount: number;

  @Field(() => PageInfo, { description: 'Phân trang.' })
  pageInfo: PageInfo;
}
