import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ActivityKind } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { ActivityKindEnum } from '../activities/activity.type';
import { TargetProgressView } from '../leaderboards/leaderboard.type';
import { Unit } from '../units/unit.type';

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Tổng số của một phong trào (cộng mọi đơn vị trong phạm vi; bằng tổng sổ điểm, như các bảng xếp hạng). Không có dữ liệu cá nhân.' })
export class MovementTotals {
  @Field(() => ID, { description: 'Phong trào.' }) movementId: string;
  @Field(() => Float, { description: 'Tổng điểm đã được duyệt (sau khi trừ các hoạt động bị thu hồi).' }) points: number;
  @Field(() => Int, { description: 'Số lớp Bình dân học vụ số đã tổ chức (đã duyệt).' }) classes: number;
  @Field(() => Int, { description: 'Số lượt người được tập huấn (người tham dự các lớp đã duyệt).' }) attendees: number;
  @Field(() => Int, { description: 'Số lượt hỗ trợ người dân (đã duyệt).' }) assists: number;
  @Field(() => Int, { description: 'Số bài kiểm tra được tính điểm.' }) quizzes: number;
  @Field(() => Int, { description: 'Số đơn vị đã có điểm.' }) unitsWithPoints: number;
  @Field(() => Int, { description: 'Số người dân đang giữ huy hiệu "Công dân số" trong phạm vi phong trào.' }) digitalCitizens: number;
  @Field(() => Int, { description: 'Số hộ gia đình đang giữ huy hiệu "Gia đình số" trong phạm vi phong trào.' }) digitalHouseholds: number;
  @Field(() => Boolean, { description: 'true: số liệu chốt khi phong trào kết thúc (như bảng xếp hạng đã chốt).' }) frozen: boolean;
  @Field(() => [TargetProgressView], { description: 'Tiến độ các chỉ tiêu của phong trào trên toàn phạm vi.' }) targets: TargetProgressView[];
  @Field(() => Date, { description: 'Thời điểm tính các số liệu này.' }) computedAt: Date;
}

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Một hoạt động vừa được duyệt, theo đơn vị: không có tên người dân, ghi chú hay tên cán bộ.' })
export class RecentActivity {
  @Field(() => ID, { description: 'Mã hoạt động.' }) id: string;
  @Field(() => ActivityKindEnum, { description: 'CLASS (lớp học) hoặc ASSIST (hỗ trợ người dân).' }) kind: ActivityKind;
  @Field(() => Unit, { description: 'Đơn vị đã thực hiện.' }) unit: Unit;
  @Field(() => Int, { description: 'Số người: người tham dự lớp học, 1 với một lượt hỗ trợ.' }) count: number;
  @Field(() => String, { nullable: true, description: 'Dịch vụ đã hỗ trợ (mã, ví dụ VNEID_L2), với lượt hỗ trợ.' }) service: string | null;
  @Field(() => Float, { description: 'Điểm đơn vị nhận được (theo sổ điểm).' }) points: number;
  @Field(() => DateScalar, { description: 'Ngày diễn ra.' }) occurredOn: string;
  @Field(() => Date, { description: 'Thời điểm được duyệt.' }) approvedAt: Date;
  unitId: number;
}
