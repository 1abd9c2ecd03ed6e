import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READER_ROLES, addDays, isIsoDate } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { badInput, forbidden, notFound, type FieldProblem } from '../../errors';
import { pageSize } from '../../graphql/pagination';
import { isInScope, requireRole } from '../auth/scope';
import { Unit } from '../units/unit.type';
import { parseUnitId, toUnit } from '../units/units.service';
import { findAccounts } from '../accounts/accounts.queries';
import { toUserOf } from '../accounts/accounts.service';
import { AUDIT_COUNT_CAP, listAudit, type AuditFilter, type AuditRow } from './audit.queries';
import { AuditEntry, AuditEntryConnection } from './audit.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Vietnam has one time zone, UTC+7 all year: a day of the log is a day there. */
const dayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`);

function decodeAuditCursor(after: string | null | undefined): number | null {
  if (!after) return null;
  const id = Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^a:/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw badInput('Con trỏ phân trang (after) không hợp lệ.');
  return id;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: null,
    actorUserId: row.actorUserId,
    action: row.action,
    subjectType: row.entityType,
    subjectId: row.entityId,
    unit: null,
    unitId: row.unitId,
    reason: row.reason,
    movementId: row.movementId,
    details: row.data == null ? null : JSON.stringify(row.data),
  };
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'Nhật ký thay đổi, mới nhất trước. ADMIN và LEADER xem mọi thay đổi trong cây đơn vị của mình; ORGANIZER xem các phong trào do mình tổ chức. Lọc theo đơn vị, hành động (chính xác, hoặc tiền tố kết thúc bằng dấu chấm như "account."), người thực hiện và khoảng ngày (giờ Việt Nam).',
  })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Tối đa 60 ký tự.' }) action?: string | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId?: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEntryConnection> {
    const user = requireRole(ctx, AUDIT_READER_ROLES);
    const problems: FieldProblem[] = [];
    if (action != null && (!/^[a-z_.-]{1,60}$/.test(action))) problems.push({ field: 'action', message: 'Hành động chỉ gồm chữ thường a–z, dấu chấm, gạch (tối đa 60 ký tự).' });
    if (actorId != null && !UUID.test(actorId)) problems.push({ field: 'actorId', message: 'Mã người thực hiện không hợp lệ.' });
    if (from && to && from > to) problems.push({ field: 'to', message: 'Ngày kết thúc phải sau ngày bắt đầu.' });
    for (const [field, d] of [['from', from], ['to', to]] as const)
      if (d && (!isIsoDate(d) || d < '2000-01-01' || d > '2100-12-31')) problems.push({ field, message: 'Ngày phải trong khoảng 2000–2100.' });
    if (problems.length) throw badInput(problems);
    const limit = pageSize(first, 50);
    const filter: AuditFilter = {
      withinUnitId: user.role === 'ORGANIZER' ? null : user.unitPath.length === 1 ? null : user.unitId,
      organizerUnitId: user.role === 'ORGANIZER' ? user.unitId : null,
      action,
      actorId,
      from: from ? dayStart(from) : null,
      until: to ? dayStart(addDays(to, 1)) : null,
      beforeId: decodeAuditCursor(after),
    };
    if (unitId != null) {
      const unit = await ctx.loaders.unitById.load(parseUnitId(unitId));
      if (!unit) throw notFound('đơn vị');
      if (!isInScope(user, unit)) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.');
      filter.withinUnitId = unit.id;
    }
    const { rows, total } = await listAudit(ctx.db, filter, limit + 1);
    const page = rows.slice(0, limit);
    const actors = new Map((await findAccounts(ctx.db, [...new Set(page.map((r) => r.actorUserId).filter((id): id is string => !!id))])).map((a) => [a.id, a]));
    const nodes = page.map((r) => {
      const entry = toEntry(r);
      const actor = r.actorUserId ? actors.get(r.actorUserId) : undefined;
      entry.actor = actor ? toUserOf(actor) : null;
      return entry;
    });
    return {
      nodes,
      totalCount: Math.min(total, AUDIT_COUNT_CAP),
      pageInfo: { hasNextPage: rows.length > limit, endCursor: page.length ? Buffer.from(`a:${page[page.length - 1].id}`).toString('base64url') : null },
    };
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Đơn vị mà thay đổi thuộc về.' })
  async unit(@Root() entry: AuditEntry, @Ctx() ctx: Context): Promise<Unit | null> {
    if (entry.unitId == null) return null;
    const row = await ctx.loaders.unitById.load(entry.unitId);
    return row ? toUnit(row) : null;
  }
}

