import { and, eq, sql } from 'drizzle-orm';
import { units, users, type Db, type Executor } from '@thidua/db';
import { GRANTABLE_ROLES, ACCOUNT_MANAGER_ROLES, hasControlChars, NOTE_MAX_LENGTH, USERNAME_PATTERN, mayGrantRole, normalizeUsername, ROLES, type Role } from '@thidua/domain';
import type { Config } from '../../config';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, forbidden, notFound, type FieldProblem } from '../../errors';
import { decodeCursor, pageInfo, pageSize } from '../../graphql/pagination';
import { isInScope, requireRole, requireUser } from '../auth/scope';
import { AuthService, hashToken } from '../auth/auth.service';
import { findLoginUser } from '../auth/auth.queries';
import { hashPassword, verifyPassword, weakPasswordProblem, PASSWORD_PROBLEM_MESSAGE } from '../auth/password';
import { sessionsChanged } from '../auth/session-cache';
import type { SessionUser } from '../auth/session-user';
import { audit } from '../audit/audit';
import { findUnitByCode, findUnitsByIds, type UnitRow } from '../units/units.queries';
import { parseUnitId } from '../units/units.service';
import type { User } from '../auth/user.type';
import { deleteSessionsOf, findAccountByUsername, findAccounts, listAccounts, type AccountRow } from './accounts.queries';
import { activationUrl, hashTypedSetupCode, issueSetupCode } from './setup-codes';
import { rateLimited } from '../../http/rate-limited';
import type { AccountSetup, CreateAccountInput, UpdateAccountInput, UserConnection } from './account.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toUserOf(row: AccountRow): User {
  const { id, username, displayName, role, unitId, disabledAt, disabledReason, activated, setupCodeExpiresAt, createdAt } = row;
  return { id, username, displayName, role, unitId, account: { disabledAt, disabledReason, activated, setupCodeExpiresAt, createdAt } };
}

/** A trimmed, bounded text without control characters, or a problem for `field`. */
export function boundedText(value: string | null | undefined, field: string, label: string, min: number, max: number, problems: FieldProblem[]): string {
  const text = (value ?? '').trim().replace(/\s+/g, ' ');
  if (hasControlChars(value ?? '')) problems.push({ field, message: `${label} có ký tự điều khiển không hợp lệ.`, rule: 'controlCharacters' });
  else if ([...text].length < min || [...text].length > max)
    problems.push(
      min > 0
        ? { field, message: `${label} phải có từ ${min} đến ${max} ký tự.`, rule: 'lengthBetween', min, max }
        : { field, message: `${label} dài tối đa ${max} ký tự.`, rule: 'tooLong', max },
    );
  return text;
}

export function usernameProblem(username: string): FieldProblem | null {
  return USERNAME_PATTERN.test(username)
    ? null
    : { field: 'username', message: 'Tên đăng nhập gồm 3–40 ký tự: chữ a–z, số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.' };
}

const weakPassword = (problem: keyof typeof PASSWORD_PROBLEM_MESSAGE) =>
  new AppError(ErrorCode.AUTH_WEAK_PASSWORD, PASSWORD_PROBLEM_MESSAGE[problem], { fields: [{ field: 'password', message: PASSWORD_PROBLEM_MESSAGE[problem] }], reason: problem });

const usernameTaken = (username: string) =>
  new AppError(ErrorCode.ACCOUNT_USERNAME_TAKEN, `Tên đăng nhập "${username}" đã có người dùng.`, { fields: [{ field: 'username', message: 'Tên đăng nhập đã có người dùng.' }] });

/**
 * Activation attempts per username: a setup code has ~48 bits, so this only keeps a script from
 * hammering one account; it slows, never locks out (a new code works at once). Bounded.
 */
const activationFailures = new Map<string, { count: number; until: number }>();
const ACTIVATION_FREE_FAILURES = 5;
const MAX_TRACKED = 10_000;

function checkActivationThrottle(username: string, now: number) {
  const entry = activationFailures.get(username);
  if (entry && entry.count >= ACTIVATION_FREE_FAILURES && entry.until > now) {
    const seconds = Math.ceil((entry.until - now) / 1000);
    throw rateLimited(seconds, `Nhập sai mã quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`);
  }
}

function recordActivationFailure(username: string, now: number) {
  const entry = activationFailures.get(username) ?? { count: 0, until: 0 };
  entry.count++;
  // 2, 4, 8 … seconds after the free tries, at most a minute
  if (entry.count >= ACTIVATION_FREE_FAILURES) entry.until = now + Math.min(60_000, 1000 * 2 ** (entry.count - ACTIVATION_FREE_FAILURES + 1));
  if (activationFailures.size >= MAX_TRACKED && !activationFailures.has(username)) activationFailures.delete(activationFailures.keys().next().value!);
  activationFailures.set(username, entry);
}

/** Ends every session of a person (or all but the caller's), in this process and — through the event bus — in every other. */
async function endSessions(db: Executor, userId: string, exceptToken?: string | null) {
  await deleteSessionsOf(db, userId, exceptToken ? hashToken(exceptToken) : null);
}

/**
 * Accounts: who may sign in, with which role, for which unit subtree. ADMIN manages every staff role
 * inside its subtree, LEADER officers inside its subtree (GRANTABLE_ROLES in the domain); nobody gives
 * a role above their own or a unit outside their subtree, and nobody manages their own account here.
 */
export class AccountsService {
  constructor(private readonly ctx: Context) {}

  private get db(): Db {
    return this.ctx.db;
  }

  private requireManager(): SessionUser {
    return requireRole(this.ctx, ACCOUNT_MANAGER_ROLES);
  }

  /** The unit an account would act for: it exists, is active, and lies in the manager's subtree. */
  private async unitForAccount(manager: SessionUser, unitId: string): Promise<UnitRow> {
    const id = parseUnitId(unitId);
    const unit = await this.ctx.loaders.unitById.load(id);
    if (!unit) throw notFound('đơn vị');
    if (!isInScope(manager, unit)) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.');
    if (unit.deactivatedAt) throw new AppError(ErrorCode.UNIT_DEACTIVATED, 'Đơn vị này đã ngừng hoạt động.');
    return unit;
  }

  /** An existing account the caller may manage: a role it may give, a unit in its subtree, not itself. */
  private async manageable(userId: string): Promise<{ manager: SessionUser; target: AccountRow; unit: UnitRow }> {
    const manager = this.requireManager();
    if (!UUID.test(userId)) throw notFound('tài khoản');
    const [target] = await findAccounts(this.db, [userId]);
    if (!target) throw notFound('tài khoản');
    const unit = await this.ctx.loaders.unitById.load(target.unitId);
    if (!unit || !isInScope(manager, unit)) throw forbidden('Tài khoản này nằm ngoài phạm vi bạn phụ trách.');
    if (target.id === manager.id) throw forbidden('Bạn không thể tự quản lý tài khoản của mình ở đây; hãy dùng "Đổi mật khẩu".');
    if (!mayGrantRole(manager.role, target.role)) throw forbidden(`Vai trò ${manager.role} không quản lý được tài khoản ${target.role}.`);
    return { manager, target, unit };
  }

  async list(args: { unitId?: string | null; role?: Role | null; search?: string | null; first?: number | null; after?: string | null }): Promise<UserConnection> {
    const manager = this.requireManager();
    const search = args.search?.trim().toLowerCase() ?? null;
    const problems: FieldProblem[] = [];
    if (args.search != null) boundedText(args.search, 'search', 'Từ khoá tìm kiếm', 0, 100, problems);
    if (problems.length) throw badInput(problems);
    const limit = pageSize(args.first, 20);
    const offset = decodeCursor(args.after);
    let withinUnitId = manager.unitId;
    if (args.unitId != null) {
      const unit = await this.ctx.loaders.unitById.load(parseUnitId(args.unitId));
      if (!unit) throw notFound('đơn vị');
      if (!isInScope(manager, unit)) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.');
      withinUnitId = unit.id;
    }
    const { rows, total } = await listAccounts(this.db, { withinUnitId, role: args.role, search, includeCitizens: false }, offset, limit);
    return { nodes: rows.map(toUserOf), totalCount: total, pageInfo: pageInfo(offset, rows.length, total) };
  }

  /** Checks a new account's fields; FORBIDDEN for a role above the caller's or a unit outside its subtree. */
  private async draftAccount(manager: SessionUser, input: CreateAccountInput): Promise<{ username: string; displayName: string; role: Role; unit: UnitRow }> {
    const problems: FieldProblem[] = [];
    const username = normalizeUsername(input.username ?? '');
    if (hasControlChars(input.username ?? '')) problems.push({ field: 'username', message: 'Tên đăng nhập có ký tự điều khiển không hợp lệ.' });
    else {
      const p = usernameProblem(username);
      if (p) problems.push(p);
    }
    const displayName = boundedText(input.displayName, 'displayName', 'Họ và tên', 2, 120, problems);
    if (!ROLES.includes(input.role)) problems.push({ field: 'role', message: 'Vai trò không hợp lệ.' });
    else if (input.role === 'CITIZEN') problems.push({ field: 'role', message: 'Tài khoản người dân được cấp từ danh sách người dân (Cấp tài khoản), không tạo ở đây.' });
    if (problems.length) throw badInput(problems);
    if (!mayGrantRole(manager.role, input.role))
      throw forbidden(`Bạn chỉ tạo được tài khoản với vai trò: ${GRANTABLE_ROLES[manager.role].join(', ') || '(không có)'}.`);
    const unit = await this.unitForAccount(manager, input.unitId);
    return { username, displayName, role: input.role, unit };
  }

  async create(input: CreateAccountInput): Promise<AccountSetup> {
    const manager = this.requireManager();
    const draft = await this.draftAccount(manager, input);
    return this.db.transaction(async (tx) => {
      if (await findAccountByUsername(tx, draft.username)) throw usernameTaken(draft.username);
      return this.insertAccount(tx, manager, draft);
    });
  }

  async insertAccount(tx: Executor, manager: SessionUser, draft: { username: string; displayName: string; role: Role; unit: UnitRow }, action = 'account.create', data?: unknown): Promise<AccountSetup> {
    const setup = issueSetupCode(Date.now(), this.ctx.config.setupCodeHours);
    const inserted = await tx
      .insert(users)
      .values({ username: draft.username, displayName: draft.displayName, role: draft.role, unitId: draft.unit.id, setupCodeHash: setup.hash, setupCodeExpiresAt: setup.expiresAt, createdBy: manager.id })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    // two managers creating the same username at once: the unique index decides
    if (!inserted.length) throw usernameTaken(draft.username);
    await audit(tx, { actorUserId: manager.id, action, entityType: 'user', entityId: inserted[0].id, unitId: draft.unit.id, data: data ?? { username: draft.username, role: draft.role, unitId: draft.unit.id } });
    const [row] = await findAccounts(tx, [inserted[0].id]);
    return { user: toUserOf(row), setupCode: setup.code, expiresAt: setup.expiresAt, activationUrl: activationUrl(this.ctx.config.publicUrl, draft.username) };
  }

  /**
   * Changes a person's name, role or unit. The new role must be one the caller may give and the new
   * unit inside its subtree, like a new account; a changed role or unit ends the person's sessions,
   * so no session keeps acting with the old rights.
   */
  async update(userId: string, input: UpdateAccountInput): Promise<User> {
    const { manager, target, unit } = await this.manageable(userId);
    const problems: FieldProblem[] = [];
    const displayName = input.displayName != null ? boundedText(input.displayName, 'displayName', 'Họ và tên', 2, 120, problems) : target.displayName;
    if (input.role != null && (!ROLES.includes(input.role) || input.role === 'CITIZEN')) problems.push({ field: 'role', message: 'Vai trò không hợp lệ.' });
    if (problems.length) throw badInput(problems);
    const role = input.role ?? target.role;
    if (!mayGrantRole(manager.role, role)) throw forbidden(`Bạn chỉ giao được các vai trò: ${GRANTABLE_ROLES[manager.role].join(', ')}.`);
    const newUnit = input.unitId != null ? await this.unitForAccount(manager, input.unitId) : unit;
    const before = { displayName: target.displayName, role: target.role, unitId: target.unitId };
    const after = { displayName, role, unitId: newUnit.id };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length) {
      const rightsChanged = role !== target.role || newUnit.id !== target.unitId;
      await this.db.transaction(async (tx) => {
        await tx.update(users).set(after).where(eq(users.id, target.id));
        if (rightsChanged) await endSessions(tx, target.id);
        await audit(tx, {
          actorUserId: manager.id,
          action: role !== target.role ? 'account.role' : 'account.update',
          entityType: 'user',
          entityId: target.id,
          unitId: newUnit.id,
          data: { username: target.username, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
        });
      });
      if (rightsChanged) sessionsChanged();
    }
    const [row] = await findAccounts(this.db, [target.id]);
    return toUserOf(row);
  }

  /** A new setup code; the old password and every session stop working at once. */
  async reset(userId: string): Promise<AccountSetup> {
    const { manager, target, unit } = await this.manageable(userId);
    const setup = issueSetupCode(Date.now(), this.ctx.config.setupCodeHours);
    await this.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: null, setupCodeHash: setup.hash, setupCodeExpiresAt: setup.expiresAt }).where(eq(users.id, target.id));
      await endSessions(tx, target.id);
      await audit(tx, { actorUserId: manager.id, action: 'account.reset', entityType: 'user', entityId: target.id, unitId: unit.id, data: { username: target.username } });
    });
    sessionsChanged();
    const [row] = await findAccounts(this.db, [target.id]);
    return { user: toUserOf(row), setupCode: setup.code, expiresAt: setup.expiresAt, activationUrl: activationUrl(this.ctx.config.publicUrl, target.username) };
  }

  async disable(userId: string, reasonText: string): Promise<User> {
    const { manager, target, unit } = await this.manageable(userId);
    const problems: FieldProblem[] = [];
    const reason = boundedText(reasonText, 'reason', 'Lý do', 1, NOTE_MAX_LENGTH, problems);
    if (problems.length) throw badInput(problems);
    if (!target.disabledAt)
      await this.db.transaction(async (tx) => {
        await tx.update(users).set({ disabledAt: new Date(), disabledReason: reason }).where(eq(users.id, target.id));
        await endSessions(tx, target.id);
        await audit(tx, { actorUserId: manager.id, action: 'account.disable', entityType: 'user', entityId: target.id, unitId: unit.id, reason, data: { username: target.username } });
      });
    sessionsChanged();
    const [row] = await findAccounts(this.db, [target.id]);
    return toUserOf(row);
  }

  async enable(userId: string): Promise<User> {
    const { manager, target, unit } = await this.manageable(userId);
    if (target.disabledAt)
      await this.db.transaction(async (tx) => {
        await tx.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, target.id));
        await audit(tx, { actorUserId: manager.id, action: 'account.enable', entityType: 'user', entityId: target.id, unitId: unit.id, data: { username: target.username } });
      });
    const [row] = await findAccounts(this.db, [target.id]);
    return toUserOf(row);
  }

  /** The signed-in person's own password; their other sessions end. */
  async changePassword(currentPassword: string, newPassword: string): Promise<boolean> {
    const user = requireUser(this.ctx);
    if (currentPassword.length > 1024 || newPassword.length > 1024) throw badInput('Mật khẩu quá dài.');
    const row = await findLoginUser(this.db, user.username);
    if (!row || !(await verifyPassword(row.passwordHash, currentPassword)))
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Mật khẩu hiện tại không đúng.', { fields: [{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }] });
    const problem = weakPasswordProblem(newPassword, user.username, [user.displayName]);
    if (problem) throw weakPassword(problem);
    if (newPassword === currentPassword) throw badInput([{ field: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' }]);
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), setupCodeHash: null, setupCodeExpiresAt: null }).where(eq(users.id, user.id));
      await endSessions(tx, user.id, this.ctx.sessionToken);
      await audit(tx, { actorUserId: user.id, action: 'account.password', entityType: 'user', entityId: user.id, unitId: user.unitId });
    });
    sessionsChanged();
    return true;
  }

  /**
   * Sets the first password with a setup code (staff and citizens alike) and signs the person in.
   * The code is checked first; a refused password leaves it usable. Single use: the code is
   * consumed by a compare-and-set on its hash, so two tabs racing cannot both use it.
   */
  async activate(usernameRaw: string, setupCode: string, password: string): Promise<SessionUser> {
    const username = normalizeUsername(usernameRaw ?? '');
    if (username.length > 64 || hasControlChars(usernameRaw) || setupCode.length > 64 || password.length > 1024)
      throw badInput('Thông tin kích hoạt không hợp lệ.');
    const now = Date.now();
    checkActivationThrottle(username, now);
    const codeHash = hashTypedSetupCode(setupCode);
    const row = await findLoginUser(this.db, username);
    if (!row || !codeHash || !row.setupCodeHash || row.setupCodeHash !== codeHash) {
      recordActivationFailure(username, now);
      throw new AppError(ErrorCode.AUTH_SETUP_CODE_INVALID, 'Mã kích hoạt không đúng, đã được dùng, hoặc đã được thay bằng mã mới.', {
        fields: [{ field: 'setupCode', message: 'Mã kích hoạt không đúng hoặc đã được dùng.' }],
      });
    }
    if (!row.setupCodeExpiresAt || row.setupCodeExpiresAt.getTime() <= now)
      throw new AppError(ErrorCode.AUTH_SETUP_CODE_EXPIRED, 'Mã kích hoạt đã hết hạn. Hãy xin người quản lý cấp mã mới.', {
        fields: [{ field: 'setupCode', message: 'Mã kích hoạt đã hết hạn.' }],
      });
    if (row.disabledAt) throw new AppError(ErrorCode.AUTH_ACCOUNT_DISABLED, 'Tài khoản này đã bị khoá. Hãy liên hệ lãnh đạo đơn vị hoặc quản trị viên.');
    const problem = weakPasswordProblem(password, row.username, [row.displayName]);
    if (problem) throw weakPassword(problem);
    const passwordHash = await hashPassword(password);
    const consumed = await this.db.transaction(async (tx) => {
      const done = await tx
        .update(users)
        .set({ passwordHash, passwordChangedAt: new Date(now), setupCodeHash: null, setupCodeExpiresAt: null })
        .where(and(eq(users.id, row.id), eq(users.setupCodeHash, codeHash)))
        .returning({ id: users.id });
      if (!done.length) return false;
      // a reset account may still have sessions from before; a new password starts afresh
      await endSessions(tx, row.id);
      await audit(tx, { actorUserId: row.id, action: 'account.activate', entityType: 'user', entityId: row.id, unitId: row.unitId });
      return true;
    });
    if (!consumed) throw new AppError(ErrorCode.AUTH_SETUP_CODE_INVALID, 'Mã kích hoạt đã được dùng.');
    activationFailures.delete(username);
    sessionsChanged();
    const { token, cookie } = await new AuthService(this.db, this.ctx.config).startSession(row.id, now);
    this.ctx.setCookie(cookie);
    this.ctx.sessionToken = token;
    const { passwordHash: _p, disabledAt: _d, setupCodeHash: _h, setupCodeExpiresAt: _e, ...user } = row;
    this.ctx.user = user;
    return user;
  }

  /** Account fields of users shown elsewhere (audit log actors…), for the people allowed to see them. */
  mayReadAccountOf(unit: UnitRow | null, userId: string): boolean {
    const viewer = this.ctx.user;
    if (!viewer) return false;
    if (viewer.id === userId) return true;
    return ACCOUNT_MANAGER_ROLES.includes(viewer.role) && !!unit && isInScope(viewer, unit);
  }
}

/**
 * The first ADMIN, from the command line (no caller): creates `username` as ADMIN of Việt Nam or of
 * the unit with `unitCode`, or — when that ADMIN exists — issues it a new setup code (its password
 * keeps working until the code is used; a disabled one is enabled again). Safe to run twice.
 */
export async function createOrReissueAdmin(db: Db, config: Config, usernameRaw: string, unitCode?: string | null): Promise<{ created: boolean; username: string; unitName: string; setupCode: string; expiresAt: Date; activationUrl: string }> {
  const username = normalizeUsername(usernameRaw);
  const problem = usernameProblem(username);
  if (problem) throw new Error(problem.message);
  let unit: UnitRow | undefined;
  if (unitCode) {
    unit = await findUnitByCode(db, unitCode.trim());
    if (!unit) throw new Error(`Không có đơn vị mã ${unitCode}.`);
  } else {
    const [root] = await db.select({ id: units.id }).from(units).where(sql`${units.parentId} is null`).limit(1);
    if (!root) throw new Error('Cơ sở dữ liệu chưa có cây đơn vị (chưa chạy migration?).');
    [unit] = await findUnitsByIds(db, [root.id]);
  }
  const setup = issueSetupCode(Date.now(), config.setupCodeHours);
  const created = await db.transaction(async (tx) => {
    const existing = await findAccountByUsername(tx, username);
    if (existing) {
      if (existing.role !== 'ADMIN') throw new Error(`Tài khoản ${username} đã có và không phải ADMIN (${existing.role}); hãy chọn tên khác.`);
      if (unitCode && existing.unitId !== unit!.id) throw new Error(`Tài khoản ${username} là ADMIN của một đơn vị khác.`);
      await tx.update(users).set({ setupCodeHash: setup.hash, setupCodeExpiresAt: setup.expiresAt, disabledAt: null, disabledReason: null }).where(eq(users.id, existing.id));
      await audit(tx, { actorUserId: null, action: 'account.reset', entityType: 'user', entityId: existing.id, unitId: existing.unitId, reason: 'pnpm admin:create', data: { username } });
      return false;
    }
    const [row] = await tx
      .insert(users)
      .values({ username, displayName: 'Quản trị viên', role: 'ADMIN', unitId: unit!.id, setupCodeHash: setup.hash, setupCodeExpiresAt: setup.expiresAt })
      .returning({ id: users.id });
    await audit(tx, { actorUserId: null, action: 'account.create', entityType: 'user', entityId: row.id, unitId: unit!.id, reason: 'pnpm admin:create', data: { username, role: 'ADMIN', unitId: unit!.id } });
    return true;
  });
  return { created, username, unitName: unit!.fullName, setupCode: setup.code, expiresAt: setup.expiresAt, activationUrl: activationUrl(config.publicUrl, username) };
}

