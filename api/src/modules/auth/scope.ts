import type { Role } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { forbidden, notFound, unauthenticated } from '../../errors';
import type { SessionUser } from './session-user';
import type { UnitRow } from '../units/units.queries';

/**
 * The one scope check every module calls. A user acts for a unit subtree: a unit is in scope when
 * the user's unit lies on the unit's path from the root (ADMIN acts for Việt Nam, so everything).
 */
export function isInScope(user: Pick<SessionUser, 'unitId'>, unit: Pick<UnitRow, 'path'>): boolean {
  return unit.path.includes(user.unitId);
}

export function requireUser(ctx: Context): SessionUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

export function requireRole(ctx: Context, roles: readonly Role[]): SessionUser {
  const user = requireUser(ctx);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** Loads the unit and refuses (FORBIDDEN) when it is outside the caller's subtree. */
export async function requireUnitInScope(ctx: Context, unitId: number | string, roles?: readonly Role[]): Promise<UnitRow> {
  const user = roles ? requireRole(ctx, roles) : requireUser(ctx);
  const unit = await ctx.loaders.unitById.load(Number(unitId));
  if (!unit) throw notFound('đơn vị');
  if (!isInScope(user, unit)) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.');
  return unit;
}
