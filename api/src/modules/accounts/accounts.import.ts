import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { units, type Executor } from '@thidua/db';
import { ACCOUNT_MANAGER_ROLES, mayGrantRole, normalizeUsername, searchKey, type Role } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { isInScope, requireRole } from '../auth/scope';
import { decodeImportFile, isBlankRow, normalizeHeaders, readSpreadsheet, type SpreadsheetFormat } from '../../imports/spreadsheet';
import { audit } from '../audit/audit';
import { unitColumns, findUnitByCode, type UnitRow } from '../units/units.queries';
import type { ImportProblem } from '../../imports/import.type';
import { AccountsService, boundedText, usernameProblem } from './accounts.service';
import { usernamesTaken } from './accounts.queries';
import type { AccountImportReport, AccountSetup } from './account.type';

/** Column names as wards write them, matched without case or diacritics. */
const HEADER_ALIASES: Record<string, string> = {
  'ten dang nhap': 'username', username: 'username', 'tai khoan': 'username',
  'ho va ten': 'displayName', 'ho ten': 'displayName', 'ten hien thi': 'displayName', 'display name': 'displayName',
  'vai tro': 'role', role: 'role', 'chuc vu': 'role',
  'ma don vi': 'unitCode', 'ma dv': 'unitCode', 'unit code': 'unitCode',
  'don vi': 'unitPath', 'ten don vi': 'unitPath', unit: 'unitPath',
};
const LABEL: Record<string, string> = { username: 'Tên đăng nhập', displayName: 'Họ và tên', role: 'Vai trò', unit: 'Đơn vị' };

/** Roles as a ward writes them. */
const ROLE_WORDS: Record<string, Role> = {
  admin: 'ADMIN', 'quan tri': 'ADMIN', 'quan tri vien': 'ADMIN',
  organizer: 'ORGANIZER', 'to chuc': 'ORGANIZER', 'don vi to chuc': 'ORGANIZER', 'ban to chuc': 'ORGANIZER',
  leader: 'LEADER', 'lanh dao': 'LEADER', 'chi huy': 'LEADER',
  officer: 'OFFICER', 'can bo': 'OFFICER', 'doan vien': 'OFFICER', 'chien si': 'OFFICER', 'thanh vien': 'OFFICER',
};

/** The columns a ward fills in: also the downloadable template. */
export const ACCOUNT_IMPORT_TEMPLATE = 'Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Đơn vị\r\ncaphuonghalong.an,Nguyễn Văn An,Cán bộ,,Hạ Long / Công an phường Hạ Long\r\n';

/**
 * Finds a unit inside `within` by a name path ("Hạ Long / Công an phường Hạ Long"): each name among
 * the children of the units the previous one matched; the first name among `within`'s children, or
 * anywhere below it when none of them has that name. Names are compared as search keys (no case,
 * no diacritics) with the short or the full name. A path that fits several units is refused.
 */
async function unitByPath(db: Executor, within: UnitRow, path: string): Promise<UnitRow | string> {
  const segments = path.split(/\s*[/>]\s*/).filter((s) => s.trim());
  if (!segments.length) return 'Chưa ghi đơn vị.';
  const named = (u: UnitRow, key: string) => searchKey(u.name) === key || searchKey(u.fullName) === key;
  const matching = async (where: SQL, key: string) =>
    (await db.select(unitColumns).from(units).where(and(where, isNull(units.deactivatedAt), sql`(${units.searchKey} = ${key} or ${units.searchKey} like ${`% ${key}`})`)).limit(50)).filter((u) => named(u, key));
  let current: UnitRow[] = [];
  for (const [i, segment] of segments.entries()) {
    const key = searchKey(segment);
    if (i === 0) {
      current = await matching(eq(units.parentId, within.id), key);
      if (!current.length) current = await matching(sql`${units.path} @> array[${within.id}::int]`, key);
    } else current = await matching(inArray(units.parentId, current.map((u) => u.id)), key);
    if (!current.length) return `Không tìm thấy "${segment}"${i ? ` trong "${segments.slice(0, i).join(' / ')}"` : ''} trong phạm vi của bạn.`;
  }
  if (current.length > 1) return `Có ${current.length} đơn vị khớp "${path}"; hãy ghi đường dẫn đầy đủ hơn hoặc mã đơn vị.`;
  return current[0];
}

/**
 * Imports staff accounts from a ward's CSV or XLSX. A dry run lists every bad row and writes
 * nothing; a real import with any bad row writes nothing either. A row naming an account that
 * already exists with the same role and unit is counted as existing, so importing the same file
 * again creates nothing. Every created account gets its setup code (shown once, for the slips).
 */
export async function importAccounts(ctx: Context, args: { contentBase64: string; format: SpreadsheetFormat; dryRun: boolean }): Promise<AccountImportReport> {
  const manager = requireRole(ctx, ACCOUNT_MANAGER_ROLES);
  const rows = (await readSpreadsheet(decodeImportFile(args.contentBase64), args.format)).map((raw) => normalizeHeaders(raw, HEADER_ALIASES));
  const within = (await ctx.loaders.unitById.load(manager.unitId))!;
  const problems: ImportProblem[] = [];
  const drafts: { row: number; username: string; displayName: string; role: Role; unit: UnitRow }[] = [];
  const seen = new Map<string, number>();
  const unitCache = new Map<string, UnitRow | string>();
  for (const [i, r] of rows.entries()) {
    const row = i + 2;
    if (isBlankRow(r)) continue;
    const rowProblems: ImportProblem[] = [];
    const fieldProblems: { field: string; message: string }[] = [];
    const username = normalizeUsername(r.username ?? '');
    const up = usernameProblem(username);
    if (up) fieldProblems.push(up);
    else if (seen.has(username)) fieldProblems.push({ field: 'username', message: `Trùng tên đăng nhập với dòng ${seen.get(username)}.` });
    else seen.set(username, row);
    const displayName = boundedText(r.displayName, 'displayName', 'Họ và tên', 2, 120, fieldProblems);
    const role = ROLE_WORDS[searchKey(r.role ?? '')] ?? ROLE_WORDS[(r.role ?? '').trim().toLowerCase()];
    if (!role) fieldProblems.push({ field: 'role', message: `Vai trò "${(r.role ?? '').slice(0, 40)}" không rõ: ghi Cán bộ, Lãnh đạo, Đơn vị tổ chức hoặc Quản trị.` });
    else if (!mayGrantRole(manager.role, role)) fieldProblems.push({ field: 'role', message: `Bạn không tạo được tài khoản vai trò ${role}.` });
    let unit: UnitRow | undefined;
    const code = (r.unitCode ?? '').trim();
    const path = (r.unitPath ?? '').trim();
    if (code.length > 40 || path.length > 400) fieldProblems.push({ field: 'unit', message: 'Đơn vị ghi quá dài.' });
    else if (!code && !path) fieldProblems.push({ field: 'unit', message: 'Cần ghi Mã đơn vị hoặc Đơn vị.' });
    else {
      const key = code ? `code:${code}` : `path:${searchKey(path)}`;
      let found = unitCache.get(key);
      if (!found) {
        found = code ? ((await findUnitByCode(ctx.db, code)) ?? `Không có đơn vị mã ${code}.`) : await unitByPath(ctx.db, within, path);
        unitCache.set(key, found);
      }
      if (typeof found === 'string') fieldProblems.push({ field: 'unit', message: found });
      else if (!isInScope(manager, found)) fieldProblems.push({ field: 'unit', message: 'Đơn vị nằm ngoài phạm vi bạn phụ trách.' });
      else if (found.deactivatedAt) fieldProblems.push({ field: 'unit', message: 'Đơn vị đã ngừng hoạt động.' });
      else unit = found;
    }
    for (const p of fieldProblems) rowProblems.push({ row, field: LABEL[p.field] ?? p.field, message: p.message });
    if (rowProblems.length || !role || !unit) problems.push(...rowProblems);
    else drafts.push({ row, username, displayName, role, unit });
  }
  const taken = await usernamesTaken(ctx.db, drafts.map((d) => d.username));
  const fresh: typeof drafts = [];
  let existing = 0;
  for (const d of drafts) {
    const other = taken.get(d.username);
    if (!other) fresh.push(d);
    else if (other.role === d.role && other.unitId === d.unit.id) existing++;
    else problems.push({ row: d.row, field: LABEL.username, message: `Tên đăng nhập "${d.username}" đã có người dùng.` });
  }
  problems.sort((a, b) => a.row - b.row);
  const badRows = new Set(problems.map((p) => p.row)).size;
  const totalRows = rows.filter((r) => !isBlankRow(r)).length;
  const report: AccountImportReport = { dryRun: args.dryRun, totalRows, validRows: totalRows - badRows, importedAccounts: 0, existingAccounts: existing, problems, setups: [] };
  if (args.dryRun || problems.length || !fresh.length) return report;
  const service = new AccountsService(ctx);
  const setups: AccountSetup[] = await ctx.db.transaction(async (tx) => {
    const out: AccountSetup[] = [];
    for (const d of fresh) out.push(await service.insertAccount(tx, manager, d, 'account.import', { username: d.username, role: d.role, unitId: d.unit.id, row: d.row }));
    await audit(tx, { actorUserId: manager.id, action: 'account.import', entityType: 'unit', entityId: String(within.id), unitId: within.id, data: { created: out.length, existing } });
    return out;
  });
  return { ...report, importedAccounts: setups.length, setups };
}
