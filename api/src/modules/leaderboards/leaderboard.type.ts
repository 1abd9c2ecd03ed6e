import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TARGET_PACES, type TargetPace } from '@thidua/domain';
import { DateScalar } from '../../graphql/scalars';
import { Unit } from '../units/unit.type';
import { Target } from '../movements/movement.type';
import type { ComputedBoard } from './leaderboards.service';

export enum LeaderboardScope {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
  UNIT = 'UNIT',
}
registerEnumType(LeaderboardScope, { name: 'LeaderboardScope', description: 'Xếp hạng tỉnh, xã/phường, hoặc đơn vị theo loại (UNIT, kèm unitKind/subtype).' });

export enum LeaderboardMetric {
  POINTS = 'POINTS',
  POINTS_PER_1000 = 'POINTS_PER_1000',
  TARGET_COMPLETION = 'TARGET_COMPLETION',
  SATISFACTION = 'SATISFACTION',
  CONFIRMED_SHARE = 'CONFIRMED_SHARE',
}
registerEnumType(LeaderboardMetric, {
  name: 'LeaderboardMetric',
  description: 'POINTS: tổng điểm; POINTS_PER_1000: điểm trên 1.000 dân (công bằng giữa nơi đông và nơi ít dân); TARGET_COMPLETION: % hoàn thành chỉ tiêu; SATISFACTION: điểm hài lòng trung bình (1–5) của người dân đã xác nhận (từ 5 lượt xác nhận); CONFIRMED_SHARE: tỉ lệ lượt hỗ trợ đã duyệt được người dân xác nhận (0–1, từ 5 lượt hỗ trợ).',
});

export enum RankChange {
  UP = 'UP',
  DOWN = 'DOWN',
  SAME = 'SAME',
  NEW = 'NEW',
}
registerEnumType(RankChange, { name: 'RankChange', description: 'Thay đổi thứ hạng so với kỳ trước.' });

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ simpleResolvers: true, description: 'Một dòng của bảng xếp hạng (không có dữ liệu cá nhân).' })
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Thứ hạng (xếp hạng cạnh tranh chuẩn: 1, 2, 2, 4).' }) rank: number;
  @Field(() => Int, { description: 'Vị trí trong bảng, tính từ 0 (khi bằng điểm, thứ hạng trùng nhưng vị trí không trùng): trang = vị trí ÷ cỡ trang + 1.' })
  position: number;
  @Field(() => Int, { nullable: true, description: 'Thứ hạng kỳ trước (cùng độ dài; với toàn phong trào: một tuần trước).' }) previousRank: number | null;
  @Field(() => RankChange, { description: 'Tăng, giảm, giữ nguyên hay mới vào bảng.' }) rankChange: RankChange;
  @Field(() => Unit, { description: 'Đơn vị.' }) unit: Unit;
  @Field(() => Float, { description: 'Tổng điểm trong kỳ (cộng dồn cả cây đơn vị trực thuộc).' }) points: number;
  @Field(() => Float, { description: 'Giá trị dùng để xếp hạng theo chỉ số đã chọn.' }) value: number;
  @Field(() => Int, { description: 'Số lớp học đã được duyệt.' }) classes: number;
  @Field(() => Int, { description: 'Số lượt người tham dự lớp học.' }) attendees: number;
  @Field(() => Int, { description: 'Số lượt hỗ trợ người dân.' }) assists: number;
  @Field(() => Int, { description: 'Số lượt hỗ trợ đã được người dân xác nhận.' }) confirmed: number;
  @Field(() => Float, { nullable: true, description: 'Điểm hài lòng trung bình (1–5) của các lượt đã xác nhận; null khi chưa có.' }) satisfaction: number | null;
  unitId: number;
}

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ simpleResolvers: true, description: 'Một đơn vị không xếp hạng được theo chỉ số này (ví dụ thiếu dân số).' })
export class UnrankedEntry {
  @Field(() => Unit, { description: 'Đơn vị.' }) unit: Unit;
  @Field(() => Float, { description: 'Tổng điểm.' }) points: number;
  @Field(() => String, { description: 'Lý do không xếp hạng.' }) reason: string;
  @Field(() => Int, { description: 'Số lượt hỗ trợ đã được duyệt.' }) assists: number;
  @Field(() => Int, { description: 'Số lượt hỗ trợ đã được người dân xác nhận.' }) confirmed: number;
  unitId: number;
}

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ simpleResolvers: true, description: 'Bảng xếp hạng của một phong trào.' })
export class Leaderboard {
  @Field(() => [LeaderboardEntry], { description: 'Các dòng (top N, hoặc quanh một đơn vị).' }) entries: LeaderboardEntry[];
  @Field(() => Int, { description: 'Tổng số đơn vị được xếp hạng.' }) totalCount: number;
  @Field(() => Boolean, { description: 'true: kết quả cuối cùng đã chốt khi phong trào kết thúc.' }) frozen: boolean;
  @Field(() => [UnrankedEntry], { description: 'Đơn vị không xếp hạng được theo chỉ số này (liệt kê riêng).' }) unranked: UnrankedEntry[];
  @Field(() => LeaderboardScope, { description: 'Phạm vi.' }) scope: LeaderboardScope;
  @Field(() => LeaderboardMetric, { description: 'Chỉ số.' }) metric: LeaderboardMetric;
  @Field(() => DateScalar, { description: 'Từ ngày.' }) from: string;
  @Field(() => DateScalar, { description: 'Đến ngày.' }) to: string;
  @Field(() => DateScalar, { nullable: true, description: 'Kỳ so sánh: từ ngày.' }) previousFrom: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Kỳ so sánh: đến ngày.' }) previousTo: string | null;
  @Field(() => String, { description: 'Quy tắc phân định khi bằng điểm (công bố).' }) tieBreakRule: string;
  @Field(() => ID, { description: 'Phong trào.' }) movementId: string;
  @Field(() => Int, { description: 'Số dòng đã bỏ qua trước các dòng trả về (phân trang).' }) offset: number;
  @Field(() => Date, {
    description: 'Số liệu tính đến lúc nào ("cập nhật lúc …"): khi bảng được tính, hoặc thời điểm bản sao chỉ đọc đã theo kịp máy chủ chính (chậm tối đa READ_MAX_STALENESS giây).',
  })
  updatedAt: Date;
  /** the computed board and what was asked, for `myEntry` */
  computed?: ComputedBoard;
  unitKind?: string | null;
}

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Một điểm trên đường tiến độ.' })
export class ProgressPoint {
  @Field(() => DateScalar, { description: 'Ngày.' }) date: string;
  @Field(() => Float, { description: 'Giá trị cộng dồn đến ngày này.' }) value: number;
}

export const TargetPaceEnum = Object.fromEntries(TARGET_PACES.map((p) => [p, p])) as { [K in TargetPace]: K };
registerEnumType(TargetPaceEnum, {
  name: 'TargetPace',
  description:
    'Tốc độ so với chỉ tiêu: REACHED (đã đạt, projectedOn là ngày đạt); PROJECTED (projectedOn là ngày dự kiến đạt); TOO_SLOW (với tốc độ hiện tại phải hơn 10 năm nữa mới đạt: không có ngày); STALLED (không tăng trong 28 ngày qua); NO_DATA (chưa có số liệu).',
});

@Directive('@cacheControl(inheritMaxAge: true)')
@ObjectType({ description: 'Tiến độ một chỉ tiêu của một đơn vị (và cây trực thuộc).' })
export class TargetProgressView {
  @Field(() => Target, { description: 'Chỉ tiêu.' }) target: Target;
  @Field(() => Float, { nullable: true, description: 'Giá trị hiện tại (tỉ lệ hoặc số lượng, theo thước đo); null nếu hệ thống chưa đo được.' }) value: number | null;
  @Field(() => Float, { nullable: true, description: '% hoàn thành (0–100).' }) completion: number | null;
  @Field(() => Boolean, { description: 'Đã đạt chỉ tiêu.' }) reached: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Ngày dự kiến đạt chỉ tiêu theo tốc độ hiện tại (ngày đã đạt, nếu đã đạt); null khi không dự kiến được, xem pace.' }) projectedOn: string | null;
  @Field(() => TargetPaceEnum, { description: 'Tốc độ hiện tại so với chỉ tiêu: vì sao có hay không có ngày dự kiến.' }) pace: TargetPace;
  @Field(() => [ProgressPoint], { description: 'Diễn biến theo ngày.' }) trend: ProgressPoint[];
  @Field(() => String, { nullable: true, description: 'Ghi chú (ví dụ: thiếu mẫu số dân số).' }) note: string | null;
}

@ObjectType({ description: 'Điểm theo ngày, tách theo loại hoạt động.' })
export class DailyPoints {
  @Field(() => DateScalar) date: string;
  @Field(() => Float) points: number;
  @Field(() => Int) classes: number;
  @Field(() => Int) assists: number;
  @Field(() => Int) quizzes: number;
  @Field(() => Int) attendees: number;
}
