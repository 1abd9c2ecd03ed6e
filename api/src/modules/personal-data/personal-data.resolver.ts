import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Context } from '../../graphql/context';
import { User } from '../auth/user.type';
import { PersonalDataService } from './personal-data.service';

/** A citizen's personal data: the right to see it and to have it erased. */
@Resolver()
export class PersonalDataResolver {
  @Query(() => GraphQLJSON, {
    description:
      'Mọi dữ liệu đang lưu về một người dân (danh tính, hộ, hoạt động đã tham gia, bài kiểm tra, huy hiệu, tài khoản) dạng JSON. Cán bộ phụ trách địa bàn (ADMIN, LEADER, OFFICER) hoặc chính người dân đó. Người đã xoá dữ liệu: citizen/erased.',
  })
  citizenDataExport(@Ctx() ctx: Context, @Arg('citizenId', () => ID) citizenId: string): Promise<Record<string, unknown>> {
    return new PersonalDataService(ctx).export(citizenId);
  }

  @Mutation(() => Boolean, {
    description:
      'Xoá dữ liệu cá nhân của một người dân theo yêu cầu (lý do 5–500 ký tự): họ tên, năm sinh, số điện thoại và mã băm CCCD bị xoá, liên kết với hoạt động bị cắt, huy hiệu bị thu hồi; điểm trong sổ điểm giữ nguyên (thuộc về đơn vị). Chỉ cán bộ phụ trách địa bàn (ADMIN, LEADER, OFFICER – những vai trò đăng ký người dân); nhật ký chỉ ghi ai xoá và lý do.',
  })
  eraseCitizen(@Ctx() ctx: Context, @Arg('citizenId', () => ID) citizenId: string, @Arg('reason', () => String) reason: string): Promise<boolean> {
    return new PersonalDataService(ctx).erase(citizenId, reason);
  }
}

/** The person behind a CITIZEN account, for that person only: their own data page asks for it. */
@Resolver(() => User)
export class CitizenOfUserResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'Người dân gắn với tài khoản CITIZEN (chỉ chính người đó thấy): dùng cho trang "Dữ liệu của tôi".' })
  citizenId(@Ctx() ctx: Context, @Root() user: User): string | null {
    return ctx.user && ctx.user.id === user.id ? ctx.user.citizenId : null;
  }
}
