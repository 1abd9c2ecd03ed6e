import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { ImportProblem } from '../../imports/import.type';

@ObjectType({ description: 'Người dân (chỉ cán bộ trong phạm vi xem được; không bao giờ công khai). Không có số CCCD.' })
export class Citizen {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Họ và tên.' }) fullName: string;
  @Field(() => Int, { nullable: true, description: 'Năm sinh.' }) birthYear: number | null;
  @Field(() => String, { nullable: true, description: 'Số điện thoại.' }) phone: string | null;
  @Field(() => Boolean, { description: 'Đã đăng ký số CCCD (chỉ lưu dạng băm có khoá).' }) hasNationalId: boolean;
  @Field(() => ID, { nullable: true, description: 'Hộ gia đình.' }) householdId: string | null;
  unitId: number;
}

@ObjectType({ description: 'Một trang người dân.' })
export class CitizenConnection {
  @Field(() => [Citizen]) nodes: Citizen[];
  @Field(() => Int) totalCount: number;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType({ description: 'Hộ gia đình.' })
export class Household {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'Mã hộ (theo sổ của địa phương).' }) code: string | null;
  @Field(() => String, { description: 'Chủ hộ.' }) headName: string;
  @Field(() => String, { nullable: true, description: 'Địa chỉ.' }) address: string | null;
  unitId: number;
}

@ObjectType({ description: 'Tài khoản người dân vừa cấp: mã dùng một lần để đặt mật khẩu (chỉ hiện một lần).' })
export class CitizenAccountSetup {
  @Field(() => String) username: string;
  @Field(() => String, { description: 'Mã kích hoạt dùng một lần (dạng ABCDE-FGHJK).' }) setupCode: string;
  @Field(() => Date, { description: 'Hạn dùng của mã.' }) expiresAt: Date;
}

@ObjectType({ description: 'Kết quả nhập (hoặc chạy thử) danh sách người dân/hộ gia đình.' })
export class ImportReport {
  @Field(() => Boolean, { description: 'Chạy thử: không ghi gì.' }) dryRun: boolean;
  @Field(() => Int) totalRows: number;
  @Field(() => Int) validRows: number;
  @Field(() => Int, { description: 'Số người dân đã nhập.' }) importedCitizens: number;
  @Field(() => Int, { description: 'Số hộ mới đã tạo.' }) importedHouseholds: number;
  @Field(() => [ImportProblem]) problems: ImportProblem[];
}

@InputType({ description: 'Đăng ký hộ gia đình.' })
export class RegisterHouseholdInput {
  @Field(() => ID, { description: 'Thôn/tổ dân phố (hoặc xã/phường).' }) unitId: string;
  @Field(() => String) headName: string;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
}

@InputType({ description: 'Đăng ký người dân. Số CCCD chỉ dùng để chống trùng và không bao giờ được lưu hay trả về dạng rõ.' })
export class RegisterCitizenInput {
  @Field(() => ID) unitId: string;
  @Field(() => String) fullName: string;
  @Field(() => Int, { nullable: true }) birthYear?: number | null;
  @Field(() => ID, { nullable: true }) householdId?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Số CCCD 12 chữ số.' }) nationalId?: string | null;
}
