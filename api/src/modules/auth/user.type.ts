import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '@thidua/domain';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'Vai trò: quản trị, đơn vị tổ chức, lãnh đạo, cán bộ, người dân. Mỗi vai trò gắn với một cây đơn vị.',
});

@ObjectType({ description: 'Tài khoản người dùng.' })
export class User {
  @Field(() => ID, { description: 'Mã tài khoản.' })
  id: string;

  @Field(() => String, { description: 'Tên đăng nhập.' })
  username: string;

  @Field(() => String, { description: 'Tên hiển thị.' })
  displayName: string;

  @Field(() => RoleEnum, { description: 'Vai trò.' })
  role: Role;

  /** internal: the unit field resolver loads it */
  unitId: number;

  /** internal: the account's administrative fields, when the query that made this User read them */
  account?: AccountState;
}

/** What administration knows of an account beyond who it is (see the accounts module). */
export interface AccountState {
  disabledAt: Date | null;
  disabledReason: string | null;
  activated: boolean;
  setupCodeExpiresAt: Date | null;
  createdAt: Date;
}
