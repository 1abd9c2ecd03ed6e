import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Role } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { RoleEnum, User, type AccountState } from '../auth/user.type';
import { ImportFormat } from '../../imports/import.type';
import { AccountsService, toUserOf } from './accounts.service';
import { importAccounts } from './accounts.import';
import { findAccounts } from './accounts.queries';
import { AccountImportReport, AccountSetup, CreateAccountInput, UpdateAccountInput, UserConnection } from './account.type';

function toUser(u: { id: string; username: string; displayName: string; role: Role; unitId: number }): User {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId };
}

/** The account fields of a User, read once per request for all the users of a list that lack them. */
async function accountOf(ctx: Context, user: User): Promise<AccountState | null> {
  const service = new AccountsService(ctx);
  const unit = await ctx.loaders.unitById.load(user.unitId);
  if (!service.mayReadAccountOf(unit, user.id)) return null;
  if (user.account) return user.account;
  const [row] = await findAccounts(ctx.db, [user.id]);
  return row ? (user.account = toUserOf(row).account!) : null;
}

@Resolver(() => User)
export class AccountsResolver {
  @Query(() => UserConnection, {
    description: 'Tài khoản cán bộ trong phạm vi (ADMIN, LEADER): tìm theo tên đăng nhập hoặc họ tên, lọc theo vai trò và đơn vị (cả cây bên dưới), phân trang.',
  })
  accounts(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null,
    @Arg('role', () => RoleEnum, { nullable: true }) role?: Role | null,
    @Arg('search', () => String, { nullable: true, description: 'Tối đa 100 ký tự.' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return new AccountsService(ctx).list({ unitId, role, search, first, after });
  }

  @Mutation(() => AccountSetup, { description: 'Tạo tài khoản cán bộ; trả về mã kích hoạt dùng một lần (chỉ hiện một lần).' })
  createAccount(@Ctx() ctx: Context, @Arg('input', () => CreateAccountInput) input: CreateAccountInput): Promise<AccountSetup> {
    return new AccountsService(ctx).create(input);
  }

  @Mutation(() => AccountImportReport, {
    description:
      'Nhập tài khoản từ CSV (UTF-8) hoặc XLSX (base64, tối đa 2 MB, 5.000 dòng). Cột: Tên đăng nhập, Họ và tên, Vai trò (Cán bộ, Lãnh đạo, Đơn vị tổ chức, Quản trị), Mã đơn vị hoặc Đơn vị (đường dẫn tên, ví dụ "Hạ Long / Công an phường Hạ Long"). Mặc định chạy thử; có dòng lỗi thì không ghi gì; nhập lại cùng tệp không tạo thêm.',
  })
  importAccounts(
    @Ctx() ctx: Context,
    @Arg('contentBase64', () => String, { description: 'Nội dung tệp, base64 (tối đa 2 MB).' }) contentBase64: string,
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
  ): Promise<AccountImportReport> {
    return importAccounts(ctx, { contentBase64, format, dryRun });
  }

  @Mutation(() => User, {
    description: 'Sửa họ tên, vai trò hoặc đơn vị của một tài khoản (không cao hơn vai trò của mình, trong phạm vi của mình). Đổi vai trò hoặc đơn vị thì các phiên đăng nhập của người đó kết thúc.',
  })
  updateAccount(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string, @Arg('input', () => UpdateAccountInput) input: UpdateAccountInput): Promise<User> {
    return new AccountsService(ctx).update(userId, input);
  }

  @Mutation(() => AccountSetup, { description: 'Cấp lại mã kích hoạt: mật khẩu cũ và mọi phiên đăng nhập của người đó hết hiệu lực ngay.' })
  resetAccount(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<AccountSetup> {
    return new AccountsService(ctx).reset(userId);
  }

  @Mutation(() => User, { description: 'Khoá tài khoản (có lý do, tối đa 2.000 ký tự): mọi phiên đăng nhập kết thúc ngay.' })
  disableAccount(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string, @Arg('reason', () => String) reason: string): Promise<User> {
    return new AccountsService(ctx).disable(userId, reason);
  }

  @Mutation(() => User, { description: 'Mở khoá tài khoản.' })
  enableAccount(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<User> {
    return new AccountsService(ctx).enable(userId);
  }

  @Mutation(() => User, {
    description: 'Kích hoạt tài khoản (cán bộ hoặc người dân) bằng mã dùng một lần và đặt mật khẩu (ít nhất 10 ký tự, không phổ biến); đăng nhập luôn.',
  })
  async activateAccount(
    @Ctx() ctx: Context,
    @Arg('username', () => String) username: string,
    @Arg('setupCode', () => String, { description: 'Mã kích hoạt, ví dụ ABCDE-FGHJK (không phân biệt hoa thường, dấu gạch).' }) setupCode: string,
    @Arg('password', () => String, { description: 'Mật khẩu mới: 10–128 ký tự.' }) password: string,
  ): Promise<User> {
    return toUser(await new AccountsService(ctx).activate(username, setupCode, password));
  }

  @Mutation(() => Boolean, { description: 'Đổi mật khẩu của chính mình; các phiên đăng nhập khác kết thúc.' })
  changePassword(
    @Ctx() ctx: Context,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'Mật khẩu mới: 10–128 ký tự, không phổ biến.' }) newPassword: string,
  ): Promise<boolean> {
    return new AccountsService(ctx).changePassword(currentPassword, newPassword);
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Thời điểm bị khoá (chỉ người quản lý và chính người đó thấy).' })
  async disabledAt(@Root() user: User, @Ctx() ctx: Context): Promise<Date | null> {
    return (await accountOf(ctx, user))?.disabledAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Lý do khoá (chỉ người quản lý và chính người đó thấy).' })
  async disabledReason(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await accountOf(ctx, user))?.disabledReason ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Đã đặt mật khẩu (đã kích hoạt) hay còn chờ mã kích hoạt.' })
  async activated(@Root() user: User, @Ctx() ctx: Context): Promise<boolean | null> {
    return (await accountOf(ctx, user))?.activated ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Hạn của mã kích hoạt đang chờ dùng, nếu có.' })
  async setupCodeExpiresAt(@Root() user: User, @Ctx() ctx: Context): Promise<Date | null> {
    return (await accountOf(ctx, user))?.setupCodeExpiresAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Thời điểm tạo tài khoản.' })
  async createdAt(@Root() user: User, @Ctx() ctx: Context): Promise<Date | null> {
    return (await accountOf(ctx, user))?.createdAt ?? null;
  }
}
