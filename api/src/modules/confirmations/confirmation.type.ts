import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { Unit } from '../units/unit.type';

@ObjectType({ description: 'Xác nhận của người được hỗ trợ: mã (QR và chữ) cán bộ đưa cho người dân, và đánh giá của họ. Chỉ đơn vị ghi nhận và cấp duyệt thấy.' })
export class ActivityConfirmation {
  @Field(() => String, { description: 'Mã xác nhận (8 ký tự, dạng ABCD-EFGH).' }) code: string;
  @Field(() => String, { description: 'Đường dẫn người dân mở để xác nhận (nội dung của mã QR).' }) url: string;
  @Field(() => Date, { nullable: true, description: 'Thời điểm người dân xác nhận; null khi chưa.' }) confirmedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'Số sao người dân đánh giá (1–5).' }) rating: number | null;
  @Field(() => String, { nullable: true, description: 'Góp ý của người dân (dữ liệu cá nhân: không bao giờ công khai).' }) comment: string | null;
}

@ObjectType({ description: 'Biên nhận sau khi người dân xác nhận.' })
export class ConfirmationReceipt {
  @Field(() => Date, { description: 'Thời điểm xác nhận.' }) confirmedAt: Date;
  @Field(() => String, { description: 'Đơn vị đã hỗ trợ.' }) unitName: string;
  @Field(() => String, { description: 'Việc đã làm, bằng lời (dịch vụ được hỗ trợ, hoặc lớp học).' }) service: string;
  @Field(() => Int, { description: 'Số sao đã đánh giá.' }) rating: number;
}

@ObjectType({ description: 'Điều người dân thấy khi mở mã xác nhận: việc gì, đơn vị nào, ngày nào (không có dữ liệu cá nhân).' })
export class ConfirmationPreview {
  @Field(() => String, { description: 'Mã xác nhận (ABCD-EFGH).' }) code: string;
  @Field(() => String, { description: 'CLASS hoặc ASSIST.' }) kind: string;
  @Field(() => String, { description: 'Việc đã làm, bằng lời.' }) service: string;
  @Field(() => String, { nullable: true, description: 'Mã dịch vụ (ví dụ VNEID_L2).' }) serviceCode: string | null;
  @Field(() => String, { description: 'Đơn vị đã hỗ trợ.' }) unitName: string;
  @Field(() => DateScalar, { description: 'Ngày hỗ trợ / ngày tổ chức lớp.' }) occurredOn: string;
  @Field(() => String, { description: 'Phong trào.' }) movementTitle: string;
  @Field(() => Date, { nullable: true, description: 'Đã xác nhận lúc (mỗi mã chỉ dùng một lần).' }) confirmedAt: Date | null;
}

@ObjectType({ description: 'Một đơn vị có tỉ lệ được người dân xác nhận thấp bất thường so với các đơn vị khác cùng xã (tín hiệu để xem kỹ, không phải hình phạt).' })
export class ConfirmationFlag {
  @Field(() => ID, { description: 'Mã đơn vị.' }) unitId: string;
  @Field(() => Unit, { description: 'Đơn vị.' }) unit: Unit;
  @Field(() => Int, { description: 'Lượt hỗ trợ đã duyệt của đơn vị.' }) assists: number;
  @Field(() => Int, { description: 'Trong đó được người dân xác nhận.' }) confirmed: number;
  @Field(() => Number, { description: 'Tỉ lệ xác nhận của đơn vị (0–1).' }) unitShare: number;
  @Field(() => Number, { description: 'Tỉ lệ xác nhận của các đơn vị khác cùng xã (0–1).' }) areaShare: number;
  @Field(() => String, { description: 'Lời giải thích cho người duyệt.' }) message: string;
  unitRow?: unknown;
}
