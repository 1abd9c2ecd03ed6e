import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AccountsService } from '../accounts/accounts.service';
import { ImportFormat } from '../../imports/import.type';
import type { Context } from '../../graphql/context';
import { Citizen, CitizenAccountSetup, CitizenConnection, Household, ImportReport, RegisterCitizenInput, RegisterHouseholdInput } from './citizen.type';
import { CitizensService, toCitizen } from './citizens.service';

@Resolver(() => Citizen)
export class CitizensResolver {
  @Mutation(() => Household, { description: 'Đăng ký hộ gia đình (cán bộ trong phạm vi).' })
  registerHousehold(@Ctx() ctx: Context, @Arg('input', () => RegisterHouseholdInput) input: RegisterHouseholdInput): Promise<Household> {
    return new CitizensService(ctx).registerHousehold(input);
  }

  @Mutation(() => Citizen, { description: 'Đăng ký người dân. Số CCCD chỉ được lưu dạng băm có khoá.' })
  async registerCitizen(@Ctx() ctx: Context, @Arg('input', () => RegisterCitizenInput) input: RegisterCitizenInput): Promise<Citizen> {
    return toCitizen(await new CitizensService(ctx).registerCitizen(input));
  }

  @Query(() => CitizenConnection, { description: 'Người dân trong phạm vi của cán bộ (tìm theo tên, không phân biệt dấu).' })
  citizens(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null,
    @Arg('householdId', () => ID, { nullable: true }) householdId?: string | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CitizenConnection> {
    return new CitizensService(ctx).list({ unitId, householdId, search, first, after });
  }

  @Query(() => [Household], { description: 'Hộ gia đình của một đơn vị (tối đa 500).' })
  households(@Ctx() ctx: Context, @Arg('unitId', () => ID) unitId: string): Promise<Household[]> {
    return new CitizensService(ctx).listHouseholds(unitId);
  }

  @Mutation(() => CitizenAccountSetup, { description: 'Cấp tài khoản cho người dân: trả về tên đăng nhập và mã dùng một lần để đặt mật khẩu.' })
  issueCitizenAccount(@Ctx() ctx: Context, @Arg('citizenId', () => ID) citizenId: string): Promise<CitizenAccountSetup> {
    return new CitizensService(ctx).issueAccount(citizenId);
  }

  @Mutation(() => String, {
    description: 'Người dân đặt mật khẩu bằng mã một lần; trả về tên đăng nhập và đăng nhập luôn. Giữ cho các ứng dụng cũ: dùng activateAccount.',
    deprecationReason: 'Dùng activateAccount (chung cho cán bộ và người dân).',
  })
  async activateCitizenAccount(
    @Ctx() ctx: Context,
    @Arg('username', () => String) username: string,
    @Arg('setupCode', () => String) setupCode: string,
    @Arg('password', () => String) password: string,
  ): Promise<string> {
    return (await new AccountsService(ctx).activate(username, setupCode, password)).username;
  }

  @Mutation(() => Int, { description: 'Gắn người dân đã tham gia vào một hoạt động (lớp học, lượt hỗ trợ); trả về số liên kết mới.' })
  linkActivityParticipants(
    @Ctx() ctx: Context,
    @Arg('activityId', () => ID) activityId: string,
    @Arg('citizenIds', () => [ID]) citizenIds: string[],
  ): Promise<number> {
    return new CitizensService(ctx).linkParticipants(activityId, citizenIds);
  }

  @Mutation(() => ImportReport, { description: 'Nhập người dân/hộ từ CSV hoặc XLSX (nội dung base64). Mặc định chạy thử; chỉ ghi khi tệp sạch hoặc chọn chỉ nhập dòng hợp lệ.' })
  importCitizens(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Arg('onlyValidRows', () => Boolean, { defaultValue: false }) onlyValidRows: boolean,
  ): Promise<ImportReport> {
    return new CitizensService(ctx).importFile({ unitId, contentBase64, format, dryRun, onlyValidRows });
  }
}
