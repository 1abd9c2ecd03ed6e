import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Role } from '@thidua/domain';
import { PageInfo } from '../../graphql/pagination';
import { ImportProblem } from '../../imports/import.type';
import { RoleEnum, User } from '../auth/user.type';

@InputType({ description: 'Tạo tài khoản cán bộ: người tạo nhận một mã kích hoạt dùng một lần để trao cho người đó.' })
export class CreateAccountInput {
  @Field(() => String, { description: 'Tên đăng nhập: 3–40 ký tự a–z, 0–9, dấu chấm, gạch ngang, gạch dưới (không phân biệt hoa thường).' })
  username: string;

  @Field(() => String, { description: 'Họ và tên hiển thị (2–120 ký tự).' })
  displayName: string;

  @Field(() => RoleEnum, { description: 'Vai trò; không cao hơn vai trò của người tạo (LEADER chỉ tạo OFFICER).' })
  role: Role;

  @Field(() => ID, { description: 'Đơn vị người đó phụ trách; phải nằm trong phạm vi của người tạo.' })
  unitId: string;
}

@InputType({ description: 'Sửa tài khoản: họ tên, vai trò, đơn vị (chỉ những trường được truyền).' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true, description: 'Họ và tên hiển thị (2–120 ký tự).' })
  displayName?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'Vai trò mới; không cao hơn vai trò của người sửa.' })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'Đơn vị mới, trong phạm vi của người sửa.' })
  unitId?: string | null;
}

@ObjectType({ description: 'Một tài khoản vừa tạo hoặc vừa cấp lại mã: mã kích hoạt chỉ hiện một lần.' })
export class AccountSetup {
  @Field(() => User, { description: 'Tài khoản.' })
  user: User;

  @Field(() => String, { description: 'Mã kích hoạt dùng một lần (dạng ABCDE-FGHJK), nhập tại /kich-hoat.' })
  setupCode: string;

  @Field(() => Date, { description: 'Hạn dùng của mã.' })
  expiresAt: Date;

  @Field(() => String, { description: 'Đường dẫn kích hoạt (điền sẵn tên đăng nhập), để in thành mã QR.' })
  activationUrl: string;
}

@ObjectType({ description: 'Một trang tài khoản.' })
export class UserConnection {
  @Field(() => [User], { description: 'Các tài khoản của trang này.' })
  nodes: User[];

  @Field(() => Int, { description: 'Tổng số tài khoản khớp điều kiện.' })
  totalCount: number;

  @Field(() => PageInfo, { description: 'Phân trang.' })
  pageInfo: PageInfo;
}

@ObjectType({ description: 'Kết quả nhập (hoặc chạy thử) danh sách tài khoản.' })
export class AccountImportReport {
  @Field(() => Boolean, { description: 'Chạy thử: không ghi gì.' })
  dryRun: boolean;

  @Field(() => Int, { description: 'Số dòng có dữ liệu.' })
  totalRows: number;

  @Field(() => Int, { description: 'Số dòng hợp lệ.' })
  validRows: number;

  @Field(() => Int, { description: 'Số tài khoản đã tạo.' })
  importedAccounts: number;

  @Field(() => Int, { description: 'Số dòng trùng với tài khoản đã có (cùng tên đăng nhập, vai trò, đơn vị): bỏ qua, không tạo lại.' })
  existingAccounts: number;

  @Field(() => [ImportProblem], { description: 'Các dòng lỗi; có lỗi thì không ghi gì.' })
  problems: ImportProblem[];

  @Field(() => [AccountSetup], { description: 'Mã kích hoạt của từng tài khoản vừa tạo (chỉ khi không chạy thử; chỉ hiện một lần).' })
  setups: AccountSetup[];
}
