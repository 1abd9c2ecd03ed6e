import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { eq, inArray } from 'drizzle-orm';
import { activities, badgeAwards, badges, movements, units } from '@thidua/db';
import { AUDIT_READER_ROLES, addDays, describeHelp, isIsoDate } from '@thidua/domain';
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
    subjectName: null,
    unit: null,
    unitId: row.unitId,
    reason: row.reason,
    movementId: row.movementId,
    details: row.data == null ? null : JSON.stringify(row.data),
  };
}

/**
 * What each entry is about, by name, a query per kind of subject for the whole page: movements by
 * title, units by full name, accounts as "Tên (tên đăng nhập)", activities as what was done, for
 * which unit, on which day, badge awards as the badge and its holder (initials for a person).
 * Citizens and households are not named: the log is read more widely than their records.
 */
async function subjectNames(ctx: Context, rows: AuditRow[]): Promise<Map<string, string>> {
  const idsOf = (type: string, valid: (id: string) => boolean = (id) => UUID.test(id)) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId).filter(valid))];
  const names = new Map<string, string>();
  const movementIds = idsOf('movement');
  const activityIds = idsOf('activity');
  const awardIds = idsOf('badge_award');
  const userIds = idsOf('user');
  const unitIds = idsOf('unit', (id) => /^\d{1,10}$/.test(id)).map(Number);
  const [movementRows, activityRows, awardRows, accounts, unitRows] = await Promise.all([
    movementIds.length ? ctx.db.select({ id: movements.id, title: movements.title }).from(movements).where(inArray(movements.id, movementIds)) : [],
    activityIds.length
      ? ctx.db.select({ id: activities.id, kind: activities.kind, service: activities.service, on: activities.occurredOn, unit: units.fullName }).from(activities).innerJoin(units, eq(units.id, activities.unitId)).where(inArray(activities.id, activityIds))
      : [],
    awardIds.length ? ctx.db.select({ id: badgeAwards.id, badge: badges.name, holder: badgeAwards.holderName }).from(badgeAwards).innerJoin(badges, eq(badges.code, badgeAwards.badgeCode)).where(inArray(badgeAwards.id, awardIds)) : [],
    userIds.length ? findAccounts(ctx.db, userIds) : [],
    Promise.all(unitIds.map((id) => ctx.loaders.unitById.load(id))),
  ]);
  for (const m of movementRows) names.set(`movement:${m.id}`, m.title);
  for (const a of activityRows) names.set(`activity:${a.id}`, `${describeHelp(a.kind, a.service)} — ${a.unit} — ${formatVietnameseDate(String(a.on))}`);
  for (const a of awardRows) names.set(`badge_award:${a.id}`, `${a.badge} — ${a.holder}`);
  for (const u of accounts) names.set(`user:${u.id}`, `${u.displayName} (${u.username})`);
  for (const u of unitRows) if (u) names.set(`unit:${u.id}`, u.fullName);
  return names;
}

/** 2026-11-20 → 20/11/2026 */
const formatVietnameseDate = (isoDate: string) => isoDate.slice(0, 10).split('-').reverse().join('/');

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
    const names = await subjectNames(ctx, page);
    const nodes = page.map((r) => {
      const entry = toEntry(r);
      const actor = r.actorUserId ? actors.get(r.actorUserId) : undefined;
      entry.actor = actor ? toUserOf(actor) : null;
      entry.subjectName = names.get(`${r.entityType}:${r.entityId}`) ?? null;
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

