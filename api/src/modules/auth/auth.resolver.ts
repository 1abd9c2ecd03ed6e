import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Unit } from '../units/unit.type';
import { toUnit } from '../units/units.service';
import { AuthService } from './auth.service';
import { User } from './user.type';
import type { SessionUser } from './session-user';

function toUser(u: SessionUser): User {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId };
}

@Resolver(() => User)
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'Người dùng đang đăng nhập; null khi chưa đăng nhập.' })
  me(@Ctx() ctx: Context): User | null {
    return ctx.user ? toUser(ctx.user) : null;
  }

  @Mutation(() => User, { description: 'Đăng nhập; đặt cookie phiên HttpOnly.' })
  async login(
    @Ctx() ctx: Context,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<User> {
    const { user, token, cookie } = await new AuthService(ctx.db, ctx.config).login(username, password, ctx.clientIp);
    ctx.setCookie(cookie);
    ctx.user = user;
    ctx.sessionToken = token;
    return toUser(user);
  }

  @Mutation(() => Boolean, { description: 'Đăng xuất: huỷ phiên và xoá cookie.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    ctx.setCookie(await new AuthService(ctx.db, ctx.config).logout(ctx.sessionToken));
    ctx.user = null;
    return true;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Đơn vị (cây đơn vị) mà người dùng phụ trách.' })
  async unit(@Root() user: User, @Ctx() ctx: Context): Promise<Unit | null> {
    const row = await ctx.loaders.unitById.load(user.unitId);
    return row ? toUnit(row) : null;
  }
}
