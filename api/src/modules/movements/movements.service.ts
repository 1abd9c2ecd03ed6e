import { and, count, eq, isNull, max, or, sql } from 'drizzle-orm';
import { badgeAwards, badges, movementPhases, movements, scoringRuleVersions, targets, type Db, type Executor } from '@thidua/db';
import { DEFAULT_SCORING_RULES, MAX_MOVEMENT_BADGES, UNIT_KINDS, movementBadgeCode, targetProblems, validateMovementBadge, validatePeriod, validateScoringRules, type MovementStatus, type ScoringRules } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, forbidden, notFound, type FieldProblem } from '../../errors';
import { decodeCursor, pageInfo, pageSize } from '../../graphql/pagination';
import { isInScope, requireRole, requireUnitInScope } from '../auth/scope';
import type { SessionUser } from '../auth/session-user';
import { audit } from '../audit/audit';
import { parseUnitId } from '../units/units.service';
import { findUnitsByIds, type UnitRow } from '../units/units.queries';
import type { CreateMovementInput, PhaseInput, TargetInput, UpdateMovementInput } from './movement.input';
import type { Movement, MovementConnection } from './movement.type';
import { findMovementForUpdate, findRuleVersion, listMovements, type MovementRow } from './movements.queries';
import { cachedMovement, movementChanged } from './movement-cache';
import { NotificationOutbox } from '../notifications/notify';

export const MOVEMENT_MANAGERS = ['ADMIN', 'ORGANIZER'] as const;
export const TARGET_MEASURES = ['ADULTS_TRAINED', 'HOUSEHOLDS_DIGITAL', 'OFFICERS_TRAINED', 'GROUPS_WITH_CLASS', 'CITIZENS_ASSISTED', 'CLASSES_HELD'] as const;

export function toMovement(row: MovementRow): Movement {
  return { ...row };
}

/** The area an organizer unit serves: an organization serves the area it hangs under. */
function servedAreaId(unit: UnitRow): number {
  return unit.kind === 'ORGANIZATION' && unit.parentId != null ? unit.parentId : unit.id;
}

function validatePhases(phases: PhaseInput[], startsOn: string, endsOn: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  phases.forEach((p, i) => {
    if (!p.name.trim()) problems.push({ field: `phases.${i}.name`, message: 'Tên đợt không được để trống.' });
    if (p.startsOn > p.endsOn) problems.push({ field: `phases.${i}`, message: `Đợt "${p.name}": ngày bắt đầu sau ngày kết thúc.` });
    if (p.startsOn < startsOn || p.endsOn > endsOn)
      problems.push({ field: `phases.${i}`, message: `Đợt "${p.name}" phải nằm trong thời gian của phong trào.` });
  });
  return problems;
}

function validateTargets(list: TargetInput[], startsOn: string, endsOn: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  list.forEach((t, i) => {
    if (!t.title.trim()) problems.push({ field: `targets.${i}.title`, message: 'Tên chỉ tiêu không được để trống.' });
    if (!(TARGET_MEASURES as readonly string[]).includes(t.measure))
      problems.push({ field: `targets.${i}.measure`, message: `Thước đo "${t.measure}" không hợp lệ (${TARGET_MEASURES.join(', ')}).` });
    if (!Number.isFinite(t.level) || t.level <= 0) problems.push({ field: `targets.${i}.level`, message: 'Mức chỉ tiêu phải lớn hơn 0.' });
    if (t.weight != null && (!Number.isFinite(t.weight) || t.weight <= 0)) problems.push({ field: `targets.${i}.weight`, message: 'Trọng số phải lớn hơn 0.' });
    for (const p of targetProblems(t, startsOn, endsOn)) problems.push({ field: `targets.${i}.${p.field}`, message: p.message });
  });
  return problems;
}

function validateBasics(input: { title: string; startsOn: string; endsOn: string; competingKinds: readonly string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.title.trim() || input.title.length > 200) problems.push({ field: 'title', message: 'Tên phong trào phải có từ 1 đến 200 ký tự.' });
  for (const message of validatePeriod({ from: input.startsOn, to: input.endsOn })) problems.push({ field: 'endsOn', message });
  if (!input.competingKinds.length) problems.push({ field: 'competingKinds', message: 'Cần chọn ít nhất một loại đơn vị tham gia.' });
  if (input.competingKinds.includes('COUNTRY')) problems.push({ field: 'competingKinds', message: 'Quốc gia không thể là đơn vị thi đua.' });
  if (input.competingKinds.some((k) => !(UNIT_KINDS as readonly string[]).includes(k))) problems.push({ field: 'competingKinds', message: 'Loại đơn vị không hợp lệ.' });
  return problems;
}

export class MovementsService {
  constructor(private readonly ctx: Context) {}

  private get db(): Db {
    return this.ctx.db;
  }

  /** Who may see a DRAFT: managers whose subtree holds its organizer. */
  private canSeeDraft(row: MovementRow, organizer: UnitRow | null): boolean {
    const user = this.ctx.user;
    return !!user && !!organizer && (user.role === 'ADMIN' || user.role === 'ORGANIZER' || user.role === 'LEADER') && isInScope(user, organizer);
  }

  async get(id: string): Promise<MovementRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = (await cachedMovement(this.db, id))?.movement;
    if (!row) return null;
    if (row.status === 'DRAFT' && !this.canSeeDraft(row, await this.ctx.loaders.unitById.load(row.organizerUnitId))) return null;
    return row;
  }

  async list(args: { status?: MovementStatus | null; first?: number | null; after?: string | null }): Promise<MovementConnection> {
    const limit = pageSize(args.first, 20);
    const offset = decodeCursor(args.after);
    const user = this.ctx.user;
    const draftScope = user && ['ADMIN', 'ORGANIZER', 'LEADER'].includes(user.role) ? user.unitId : null;
    const { rows, total } = await listMovements(this.db, { status: args.status ?? undefined, draftScopeUnitId: draftScope }, offset, limit);
    return { nodes: rows.map(toMovement), totalCount: total, pageInfo: pageInfo(offset, rows.length, total) };
  }

  /** Loads a movement the caller manages (organizer in their subtree, or admin). */
  private async managed(id: string, tx: Executor): Promise<{ user: SessionUser; row: MovementRow; organizer: UnitRow }> {
    const user = requireRole(this.ctx, MOVEMENT_MANAGERS);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await findMovementForUpdate(tx, id) : undefined;
    if (!row) throw notFound('phong trào');
    // inside a transaction every query goes through tx (PGlite has a single connection)
    const [organizer] = await findUnitsByIds(tx, [row.organizerUnitId]);
    if (!organizer || !isInScope(user, organizer)) throw forbidden('Phong trào này không thuộc đơn vị bạn phụ trách.');
    return { user, row, organizer };
  }

  private async checkScope(organizer: UnitRow, scopeUnitId: string, db: Executor = this.db): Promise<UnitRow> {
    const [scope] = await findUnitsByIds(db, [parseUnitId(scopeUnitId)]);
    if (!scope) throw notFound('đơn vị phạm vi');
    const user = this.ctx.user!;
    // an ADMIN may set any scope inside its own subtree (a province ADMIN: not another province)
    if (user.role === 'ADMIN' ? !isInScope(user, scope) : !scope.path.includes(servedAreaId(organizer)))
      throw forbidden('Phạm vi thi đua phải nằm trong địa bàn của đơn vị tổ chức.');
    return scope;
  }

  async create(input: CreateMovementInput): Promise<MovementRow> {
    const organizer = await requireUnitInScope(this.ctx, parseUnitId(input.organizerUnitId), MOVEMENT_MANAGERS);
    const user = this.ctx.user!;
    const scope = await this.checkScope(organizer, input.scopeUnitId);
    const problems = [...validateBasics(input), ...validatePhases(input.phases ?? [], input.startsOn, input.endsOn), ...validateTargets(input.targets ?? [], input.startsOn, input.endsOn)];
    const rules = validateScoringRules(input.rules ?? DEFAULT_SCORING_RULES);
    if (!rules.ok) problems.push(...rules.errors.map((message) => ({ field: 'rules', message })));
    if (problems.length) throw badInput(problems);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(movements)
        .values({
          title: input.title.trim(),
          description: input.description?.trim() || null,
          organizerUnitId: organizer.id,
          scopeUnitId: scope.id,
          competingKinds: input.competingKinds,
          competingSubtype: input.competingSubtype?.trim() || null,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          createdBy: user.id,
        })
        .returning();
      await tx.insert(scoringRuleVersions).values({ movementId: row.id, version: 1, rules: (rules as { rules: ScoringRules }).rules, note: 'Phiên bản đầu', createdBy: user.id });
      await this.replacePhasesAndTargets(tx, row.id, input.phases ?? [], input.targets ?? []);
      await audit(tx, { actorUserId: user.id, action: 'movement.create', entityType: 'movement', entityId: row.id, data: { title: row.title } });
      return row;
    });
  }

  private async replacePhasesAndTargets(tx: Executor, movementId: string, phases: PhaseInput[] | null, targetList: TargetInput[] | null) {
    if (phases) {
      await tx.delete(movementPhases).where(eq(movementPhases.movementId, movementId));
      if (phases.length) await tx.insert(movementPhases).values(phases.map((p) => ({ movementId, name: p.name.trim(), startsOn: p.startsOn, endsOn: p.endsOn })));
    }
    if (targetList) {
      await tx.delete(targets).where(eq(targets.movementId, movementId));
      if (targetList.length)
        await tx.insert(targets).values(
          targetList.map((t) => ({ movementId, title: t.title.trim(), measure: t.measure, level: t.level, deadline: t.deadline ?? null, weight: t.weight ?? 1 })),
        );
    }
  }

  async update(id: string, input: UpdateMovementInput): Promise<MovementRow> {
    return this.changing(id, async (tx) => {
      const { user, row, organizer } = await this.managed(id, tx);
      if (row.status !== 'DRAFT') throw new AppError(ErrorCode.MOVEMENT_INVALID_TRANSITION, 'Chỉ sửa được phong trào đang ở trạng thái nháp.');
      const next = {
        title: input.title?.trim() ?? row.title,
        description: input.description !== undefined ? input.description?.trim() || null : row.description,
        scopeUnitId: input.scopeUnitId ? (await this.checkScope(organizer, input.scopeUnitId, tx)).id : row.scopeUnitId,
        competingKinds: input.competingKinds ?? row.competingKinds,
        competingSubtype: input.competingSubtype !== undefined ? input.competingSubtype?.trim() || null : row.competingSubtype,
        startsOn: input.startsOn ?? row.startsOn,
        endsOn: input.endsOn ?? row.endsOn,
      };
      const problems = [...validateBasics(next), ...validatePhases(input.phases ?? [], next.startsOn, next.endsOn), ...validateTargets(input.targets ?? [], next.startsOn, next.endsOn)];
      if (problems.length) throw badInput(problems);
      const [updated] = await tx.update(movements).set(next).where(eq(movements.id, id)).returning();
      await this.replacePhasesAndTargets(tx, id, input.phases ?? null, input.targets ?? null);
      await audit(tx, { actorUserId: user.id, action: 'movement.update', entityType: 'movement', entityId: id, data: input });
      return updated;
    });
  }

  /** A new version of the scoring rules; approvals from now on use it. */
  async setRules(id: string, rulesInput: unknown, note: string | null): Promise<MovementRow> {
    const result = validateScoringRules(rulesInput);
    if (!result.ok) throw badInput(result.errors.map((message) => ({ field: 'rules', message })));
    return this.changing(id, async (tx) => {
      const { user, row } = await this.managed(id, tx);
      if (row.status === 'CLOSED') throw new AppError(ErrorCode.MOVEMENT_INVALID_TRANSITION, 'Phong trào đã kết thúc, không thể sửa quy tắc.');
      // the next free number: an older version may have been applied again (applyRuleVersion)
      const [{ latest }] = await tx.select({ latest: max(scoringRuleVersions.version) }).from(scoringRuleVersions).where(eq(scoringRuleVersions.movementId, id));
      const version = Math.max(latest ?? 0, row.currentRuleVersion) + 1;
      await tx.insert(scoringRuleVersions).values({ movementId: id, version, rules: result.rules, note, createdBy: user.id });
      const [updated] = await tx.update(movements).set({ currentRuleVersion: version }).where(eq(movements.id, id)).returning();
      await audit(tx, { actorUserId: user.id, action: 'movement.rules', entityType: 'movement', entityId: id, reason: note, data: { version } });
      return updated;
    });
  }

  async transition(id: string, to: 'ACTIVE' | 'CLOSED', onClose?: (tx: Executor, row: MovementRow) => Promise<void>): Promise<MovementRow> {
    const outbox = new NotificationOutbox();
    const row = await this.changing(id, async (tx) => {
      const { user, row } = await this.managed(id, tx);
      const from = row.status;
      const allowed = (from === 'DRAFT' && to === 'ACTIVE') || (from === 'ACTIVE' && to === 'CLOSED');
      if (!allowed)
        throw new AppError(
          ErrorCode.MOVEMENT_INVALID_TRANSITION,
          to === 'ACTIVE' ? 'Chỉ phát động được phong trào đang ở trạng thái nháp.' : 'Chỉ kết thúc được phong trào đang diễn ra.',
        );
      const now = new Date();
      const [updated] = await tx
        .update(movements)
        .set(to === 'ACTIVE' ? { status: 'ACTIVE', openedAt: now } : { status: 'CLOSED', closedAt: now })
        .where(eq(movements.id, id))
        .returning();
      if (to === 'CLOSED' && onClose) await onClose(tx, updated);
      await audit(tx, { actorUserId: user.id, action: to === 'ACTIVE' ? 'movement.open' : 'movement.close', entityType: 'movement', entityId: id });
      // everyone with an account in the movement's scope hears of it, in this transaction
      await outbox.movement(tx, id, to === 'ACTIVE' ? 'MOVEMENT_OPENED' : 'MOVEMENT_CLOSED');
      return updated;
    });
    outbox.publish();
    return row;
  }

  /** One transaction that changes a movement; once it commits, every cached copy is stale. */
  /** The unit badges a movement awards when it closes: those of every movement, then its own. */
  async badgesOf(movementId: string): Promise<(typeof badges.$inferSelect)[]> {
    return this.db
      .select()
      .from(badges)
      .where(and(eq(badges.audience, 'UNIT'), or(isNull(badges.movementId), eq(badges.movementId, movementId))))
      .orderBy(sql`${badges.movementId} is not null`, badges.createdAt, badges.code);
  }

  /** A unit badge of the movement's own, defined by its organizer before it closes; awarded at the close. */
  async defineBadge(movementId: string, input: { name: string; description: string; criteria: unknown }): Promise<typeof badges.$inferSelect> {
    const check = validateMovementBadge(input);
    if (!check.ok) throw badInput(check.problems.map((p) => ({ field: p.field, message: p.message })));
    return this.changing(movementId, async (tx) => {
      const { user, row } = await this.managed(movementId, tx);
      if (row.status === 'CLOSED') throw new AppError(ErrorCode.MOVEMENT_INVALID_TRANSITION, 'Phong trào đã kết thúc: huy hiệu đã được trao, không đặt thêm được.');
      const own = await tx.select({ code: badges.code, name: badges.name }).from(badges).where(eq(badges.movementId, movementId));
      if (own.length >= MAX_MOVEMENT_BADGES) throw badInput([{ field: 'name', message: `Mỗi phong trào đặt tối đa ${MAX_MOVEMENT_BADGES} huy hiệu riêng.` }]);
      const code = movementBadgeCode(movementId, check.value.name);
      if (own.some((b) => b.code === code || b.name.toLowerCase() === check.value.name.toLowerCase()))
        throw badInput([{ field: 'name', message: `Phong trào đã có huy hiệu "${check.value.name}".` }]);
      const [badge] = await tx
        .insert(badges)
        .values({ code, name: check.value.name, description: check.value.description, audience: 'UNIT', criteria: check.value.criteria, manualAllowed: false, movementId, createdBy: user.id })
        .returning();
      await audit(tx, { actorUserId: user.id, action: 'movement.badge.define', entityType: 'movement', entityId: movementId, data: { badge: code, name: badge.name, criteria: badge.criteria } });
      return badge;
    });
  }

  /** Removes a badge of the movement's own, before the movement closes (none has been awarded then). */
  async removeBadge(movementId: string, code: string): Promise<boolean> {
    return this.changing(movementId, async (tx) => {
      const { user, row } = await this.managed(movementId, tx);
      if (row.status === 'CLOSED') throw new AppError(ErrorCode.MOVEMENT_INVALID_TRANSITION, 'Phong trào đã kết thúc: huy hiệu đã được trao, không bỏ được.');
      const [badge] = await tx.select().from(badges).where(and(eq(badges.code, code), eq(badges.movementId, movementId)));
      if (!badge) throw notFound('huy hiệu của phong trào');
      const [{ awarded }] = await tx.select({ awarded: count() }).from(badgeAwards).where(eq(badgeAwards.badgeCode, code));
      if (awarded > 0) throw new AppError(ErrorCode.MOVEMENT_INVALID_TRANSITION, 'Huy hiệu đã được trao, không bỏ được.');
      await tx.delete(badges).where(eq(badges.code, code));
      await audit(tx, { actorUserId: user.id, action: 'movement.badge.remove', entityType: 'movement', entityId: movementId, data: { badge: code, name: badge.name } });
      return true;
    });
  }

  private async changing<T>(id: string, work: (tx: Executor) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    movementChanged(id);
    return result;
  }

  async rulesOf(movementId: string, version: number): Promise<ScoringRules> {
    const row = await findRuleVersion(this.db, movementId, version);
    if (!row) throw notFound(`quy tắc tính điểm phiên bản ${version}`);
    return row.rules as ScoringRules;
  }
}
