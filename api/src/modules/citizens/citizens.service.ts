import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { activities, activityParticipants, citizens, containsPattern, households, units, users } from '@thidua/db';
import { searchKey, servedAreaRootId, validateCccd } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, badInput, forbidden, notFound, type FieldProblem } from '../../errors';
import { decodeCursor, pageInfo, pageSize } from '../../graphql/pagination';
import { isInScope, requireRole, requireUnitInScope } from '../auth/scope';
import { issueSetupCode } from '../accounts/setup-codes';
import { audit } from '../audit/audit';
import { notifyFactsChanged } from '../scoring/events';
import { findUnitsByIds, type UnitRow } from '../units/units.queries';
import { parseUnitId } from '../units/units.service';
import { hashNationalId } from './national-id';
import type { ImportProblem } from '../../imports/import.type';
import { cellProblem, decodeImportFile, headerKey, normalizeHeaders as normalizeColumns, readSpreadsheet } from '../../imports/spreadsheet';
import type { ImportReport, RegisterCitizenInput, RegisterHouseholdInput } from './citizen.type';

export const CITIZEN_REGISTRARS = ['ADMIN', 'LEADER', 'OFFICER'] as const;
const RESIDENT_UNIT_KINDS = new Set(['RESIDENTIAL_GROUP', 'COMMUNE']);
const UUID = /^[0-9a-f-]{36}$/i;

type CitizenRow = typeof citizens.$inferSelect;

export function toCitizen(row: CitizenRow) {
  return { id: row.id, fullName: row.fullName, birthYear: row.birthYear, phone: row.phone, hasNationalId: !!row.nationalIdHash, householdId: row.householdId, unitId: row.unitId };
}

interface CitizenDraft {
  fullName: string;
  birthYear: number | null;
  phone: string | null;
  nationalIdHash: string | null;
}

/** Checks one person's fields; the national ID is validated, then only its keyed hash is kept. */
function draftCitizen(ctx: Context, input: { fullName?: string | null; birthYear?: number | null; phone?: string | null; nationalId?: string | null }, currentYear: number): { draft?: CitizenDraft; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fullName = input.fullName?.trim().replace(/\s+/g, ' ') ?? '';
  if (fullName.length < 2 || fullName.length > 120) problems.push({ field: 'fullName', message: 'Họ và tên phải có từ 2 đến 120 ký tự.' });
  const birthYear = input.birthYear ?? null;
  if (birthYear != null && (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > currentYear))
    problems.push({ field: 'birthYear', message: `Năm sinh phải từ 1900 đến ${currentYear}.` });
  const phone = input.phone?.replace(/[\s.-]/g, '') || null;
  if (phone && !/^(0|\+84)\d{9,10}$/.test(phone)) problems.push({ field: 'phone', message: 'Số điện thoại không hợp lệ.' });
  let nationalIdHash: string | null = null;
  if (input.nationalId?.trim()) {
    const cccd = validateCccd(input.nationalId, { currentYear });
    if (!cccd.ok) problems.push({ field: 'nationalId', message: cccd.error });
    else {
      if (birthYear != null && cccd.birthYear !== birthYear) problems.push({ field: 'birthYear', message: 'Năm sinh không khớp với số CCCD.' });
      nationalIdHash = hashNationalId(ctx.config.nationalIdHashKey, cccd.digits);
    }
  }
  return problems.length ? { problems } : { draft: { fullName, birthYear: birthYear ?? null, phone, nationalIdHash }, problems };
}

/** The area whose residents a user serves: an organization serves the commune/province it hangs under. */
async function servedRoot(ctx: Context): Promise<number> {
  const user = ctx.user!;
  const own = await ctx.loaders.unitById.load(user.unitId);
  return own ? servedAreaRootId(own) : user.unitId;
}
async function inServedArea(ctx: Context, unit: Pick<UnitRow, 'path'>): Promise<boolean> {
  return unit.path.includes(await servedRoot(ctx));
}
export async function requireServedUnit(ctx: Context, unitId: number): Promise<UnitRow> {
  requireRole(ctx, CITIZEN_REGISTRARS);
  const unit = await ctx.loaders.unitById.load(unitId);
  if (!unit) throw notFound('đơn vị');
  if (!(await inServedArea(ctx, unit))) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.');
  return unit;
}

async function residentUnit(ctx: Context, unitId: string | number): Promise<UnitRow> {
  const unit = await requireServedUnit(ctx, parseUnitId(unitId));
  if (!RESIDENT_UNIT_KINDS.has(unit.kind)) throw badInput([{ field: 'unitId', message: 'Người dân và hộ gia đình thuộc một thôn/tổ dân phố hoặc xã/phường.' }]);
  return unit;
}

/** Officers register the people and households of their area; names stay inside their scope. */
export class CitizensService {
  constructor(private readonly ctx: Context) {}

  async registerHousehold(input: RegisterHouseholdInput) {
    const unit = await residentUnit(this.ctx, input.unitId);
    const headName = input.headName.trim();
    if (headName.length < 2) throw badInput([{ field: 'headName', message: 'Cần nhập tên chủ hộ.', rule: 'required' }]);
    const user = this.ctx.user!;
    return this.ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(households).values({ unitId: unit.id, headName, code: input.code?.trim() || null, address: input.address?.trim() || null, createdBy: user.id }).returning();
      await audit(tx, { actorUserId: user.id, action: 'household.register', entityType: 'household', entityId: row.id });
      return row;
    });
  }

  async registerCitizen(input: RegisterCitizenInput): Promise<CitizenRow> {
    const unit = await residentUnit(this.ctx, input.unitId);
    const { draft, problems } = draftCitizen(this.ctx, input, new Date().getFullYear());
    if (!draft) throw badInput(problems);
    if (input.householdId) await this.householdIn(input.householdId, unit);
    const user = this.ctx.user!;
    return this.ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(citizens)
        .values({ ...draft, unitId: unit.id, householdId: input.householdId ?? null, createdBy: user.id })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError('citizen/duplicate-national-id', 'Người dân có số CCCD này đã được đăng ký.');
      await audit(tx, { actorUserId: user.id, action: 'citizen.register', entityType: 'citizen', entityId: row.id });
      return row;
    });
  }

  private async householdIn(id: string, unit: UnitRow) {
    const [h] = UUID.test(id) ? await this.ctx.db.select().from(households).where(eq(households.id, id)) : [];
    if (!h) throw notFound('hộ gia đình');
    const [hu] = await findUnitsByIds(this.ctx.db, [h.unitId]);
    if (!hu || !(await inServedArea(this.ctx, hu))) throw forbidden('Hộ gia đình nằm ngoài phạm vi bạn phụ trách.');
    if (hu.communeId !== unit.communeId) throw badInput([{ field: 'householdId', message: 'Hộ gia đình thuộc xã/phường khác.' }]);
    return h;
  }

  async list(args: { unitId?: string | null; householdId?: string | null; search?: string | null; first?: number | null; after?: string | null }) {
    const user = requireRole(this.ctx, CITIZEN_REGISTRARS);
    const root = args.unitId ? (await requireServedUnit(this.ctx, parseUnitId(args.unitId))).id : await servedRoot(this.ctx);
    const limit = pageSize(args.first, 20);
    const offset = decodeCursor(args.after);
    const parts = [sql`${citizens.erasedAt} is null`, sql`${citizens.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${root}::int])`];
    if (args.householdId && UUID.test(args.householdId)) parts.push(sql`${citizens.householdId} = ${args.householdId}`);
    if (args.search?.trim()) {
      const key = containsPattern(searchKey(args.search));
      parts.push(sql`translate(lower(${citizens.fullName}), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd') like ${key}`);
    }
    const where = and(...parts);
    const [rows, [{ total }]] = await Promise.all([
      this.ctx.db.select().from(citizens).where(where).orderBy(asc(citizens.fullName), asc(citizens.id)).limit(limit).offset(offset),
      this.ctx.db.select({ total: sql<number>`count(*)::int` }).from(citizens).where(where),
    ]);
    return { nodes: rows.map(toCitizen), totalCount: total, pageInfo: pageInfo(offset, rows.length, total) };
  }

  async listHouseholds(unitId: string) {
    const unit = await requireServedUnit(this.ctx, parseUnitId(unitId));
    return this.ctx.db
      .select()
      .from(households)
      .where(sql`${households.unitId} in (select ${units.id} from ${units} where ${units.path} @> array[${unit.id}::int])`)
      .orderBy(asc(households.headName))
      .limit(500);
  }

  /** A sign-in for a registered citizen: the officer hands over a one-time setup code (the same mechanism as staff accounts). */
  async issueAccount(citizenId: string): Promise<{ username: string; setupCode: string; expiresAt: Date }> {
    const user = requireRole(this.ctx, CITIZEN_REGISTRARS);
    const [c] = UUID.test(citizenId) ? await this.ctx.db.select().from(citizens).where(and(eq(citizens.id, citizenId), isNull(citizens.erasedAt))) : [];
    if (!c) throw notFound('người dân');
    const [unit] = await findUnitsByIds(this.ctx.db, [c.unitId]);
    if (!unit || !(await inServedArea(this.ctx, unit))) throw forbidden('Người dân nằm ngoài phạm vi bạn phụ trách.');
    const setup = issueSetupCode(Date.now(), this.ctx.config.setupCodeHours);
    return this.ctx.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(users).where(eq(users.citizenId, c.id));
      let username: string;
      const code = { setupCodeHash: setup.hash, setupCodeExpiresAt: setup.expiresAt };
      if (existing) {
        username = existing.username;
        await tx.update(users).set(code).where(eq(users.id, existing.id));
      } else {
        username = `dan.${c.id.replace(/-/g, '').slice(0, 8)}`;
        for (let n = 2; (await tx.select({ id: users.id }).from(users).where(eq(users.username, username))).length; n++) username = `dan.${c.id.replace(/-/g, '').slice(0, 8)}.${n}`;
        await tx.insert(users).values({ username, displayName: c.fullName, role: 'CITIZEN', unitId: c.unitId, citizenId: c.id, createdBy: user.id, ...code });
      }
      await audit(tx, { actorUserId: user.id, action: 'citizen.account', entityType: 'citizen', entityId: c.id, unitId: c.unitId });
      return { username, setupCode: setup.code, expiresAt: setup.expiresAt };
    });
  }

  /** Links citizens to an activity they took part in (class attendees, the person helped). */
  async linkParticipants(activityId: string, citizenIds: string[]): Promise<number> {
    const user = requireRole(this.ctx, CITIZEN_REGISTRARS);
    const [a] = UUID.test(activityId) ? await this.ctx.db.select().from(activities).where(eq(activities.id, activityId)) : [];
    if (!a) throw notFound('hoạt động');
    const [unit] = await findUnitsByIds(this.ctx.db, [a.unitId]);
    if (!unit || !isInScope(user, unit)) throw forbidden('Hoạt động nằm ngoài phạm vi bạn phụ trách.');
    const ids = [...new Set(citizenIds)].filter((id) => UUID.test(id));
    if (!ids.length || ids.length > 500) throw badInput('Cần từ 1 đến 500 người dân.');
    const found = await this.ctx.db.select({ id: citizens.id, unitId: citizens.unitId }).from(citizens).where(and(inArray(citizens.id, ids), isNull(citizens.erasedAt)));
    if (found.length !== ids.length) throw notFound('một số người dân');
    const foundUnits = await findUnitsByIds(this.ctx.db, [...new Set(found.map((f) => f.unitId))]);
    if ((await Promise.all(foundUnits.map((u) => inServedArea(this.ctx, u)))).some((ok) => !ok)) throw forbidden('Có người dân nằm ngoài phạm vi bạn phụ trách.');
    const inserted = await this.ctx.db.transaction(async (tx) => {
      const rows = await tx.insert(activityParticipants).values(ids.map((citizenId) => ({ activityId: a.id, citizenId, linkedBy: user.id }))).onConflictDoNothing().returning();
      await audit(tx, { actorUserId: user.id, action: 'activity.link-participants', entityType: 'activity', entityId: a.id, data: { count: rows.length } });
      return rows.length;
    });
    await notifyFactsChanged({ citizenIds: ids, userIds: a.recordedBy ? [a.recordedBy] : [] });
    return inserted;
  }

  /**
   * Imports citizens and households from the CSV or XLSX sheets wards already keep. A dry run lists
   * every bad row with its reason; nothing is written unless the file is clean, or the user asks
   * to import only the good rows. All or nothing, in one transaction.
   */
  async importFile(args: { unitId: string; contentBase64: string; format: 'CSV' | 'XLSX'; dryRun: boolean; onlyValidRows: boolean }): Promise<ImportReport> {
    const unit = await residentUnit(this.ctx, args.unitId);
    const rows = await readSpreadsheet(decodeImportFile(args.contentBase64), args.format, (header, text, cell) =>
      // Excel drops the leading zero of a 12-digit national ID typed as a number
      typeof cell.value === 'number' && HEADER_ALIASES[headerKey(header)] === 'so_cccd' && /^\d{11}$/.test(text) ? text.padStart(12, '0') : text,
    );
    const problems: ImportProblem[] = [];
    const currentYear = new Date().getFullYear();
    const good: { row: number; draft: CitizenDraft; householdCode: string | null; headName: string | null; address: string | null }[] = [];
    const seenHashes = new Map<string, number>();
    const codesWithHead = new Set(rows.map(normalizeHeaders).filter((o) => o.chu_ho?.trim() && o.ma_ho?.trim()).map((o) => o.ma_ho.trim()));
    rows.forEach((raw, i) => {
      const row = i + 2;
      const r = normalizeHeaders(raw);
      if (Object.values(r).every((v) => !v.trim())) return;
      // every cell is held to the rules of the same fields typed into the app (RegisterCitizenInput, RegisterHouseholdInput)
      const badCells = Object.entries(r).flatMap(([column, text]) => {
        const wrong = cellProblem(text, CELL_MAX[column] ?? 500);
        return wrong ? [{ row, field: COLUMN_LABEL[column] ?? column, message: wrong }] : [];
      });
      if (badCells.length) {
        problems.push(...badCells);
        return;
      }
      const birth = r.nam_sinh?.trim() ? Number(r.nam_sinh.trim()) : null;
      const { draft, problems: p } = draftCitizen(this.ctx, { fullName: r.ho_ten, birthYear: birth != null && Number.isFinite(birth) ? birth : birth === null ? null : -1, phone: r.so_dien_thoai, nationalId: r.so_cccd }, currentYear);
      const rowProblems = p.map((x) => ({ row, field: HEADER_LABEL[x.field] ?? x.field, message: x.message }));
      if (draft?.nationalIdHash) {
        const earlier = seenHashes.get(draft.nationalIdHash);
        if (earlier) rowProblems.push({ row, field: 'Số CCCD', message: `Trùng số CCCD với dòng ${earlier}.` });
        else seenHashes.set(draft.nationalIdHash, row);
      }
      const householdCode = r.ma_ho?.trim() || null;
      if (householdCode && !r.chu_ho?.trim() && !codesWithHead.has(householdCode))
        rowProblems.push({ row, field: 'Chủ hộ', message: `Hộ ${householdCode} chưa có tên chủ hộ.` });
      if (rowProblems.length || !draft) problems.push(...rowProblems);
      else good.push({ row, draft, householdCode, headName: r.chu_ho?.trim() || null, address: r.dia_chi?.trim() || null });
    });
    const hashes = good.map((g) => g.draft.nationalIdHash).filter((h): h is string => !!h);
    if (hashes.length) {
      const existing = new Set((await this.ctx.db.select({ h: citizens.nationalIdHash }).from(citizens).where(inArray(citizens.nationalIdHash, hashes))).map((e) => e.h));
      for (const g of [...good]) if (g.draft.nationalIdHash && existing.has(g.draft.nationalIdHash)) {
        problems.push({ row: g.row, field: 'Số CCCD', message: 'Người dân có số CCCD này đã được đăng ký.' });
        good.splice(good.indexOf(g), 1);
      }
    }
    problems.sort((a, b) => a.row - b.row);
    const report: ImportReport = { dryRun: args.dryRun, totalRows: good.length + new Set(problems.map((p) => p.row)).size, validRows: good.length, importedCitizens: 0, importedHouseholds: 0, problems };
    if (args.dryRun || (problems.length && !args.onlyValidRows) || !good.length) return report;
    const user = this.ctx.user!;
    await this.ctx.db.transaction(async (tx) => {
      const householdIds = new Map<string, string>();
      const codes = [...new Set(good.map((g) => g.householdCode).filter((c): c is string => !!c))];
      if (codes.length) {
        const existing = await tx.select().from(households).where(and(eq(households.unitId, unit.id), inArray(households.code, codes)));
        for (const h of existing) householdIds.set(h.code!, h.id);
      }
      for (const code of codes) {
        if (householdIds.has(code)) continue;
        const first = good.find((g) => g.householdCode === code && g.headName) ?? good.find((g) => g.householdCode === code)!;
        const [h] = await tx.insert(households).values({ unitId: unit.id, code, headName: first.headName ?? first.draft.fullName, address: first.address, createdBy: user.id }).returning();
        householdIds.set(code, h.id);
        report.importedHouseholds++;
      }
      const values = good.map((g) => ({ ...g.draft, unitId: unit.id, householdId: g.householdCode ? householdIds.get(g.householdCode)! : null, createdBy: user.id }));
      for (let i = 0; i < values.length; i += 500) await tx.insert(citizens).values(values.slice(i, i + 500));
      report.importedCitizens = values.length;
      await audit(tx, { actorUserId: user.id, action: 'citizen.import', entityType: 'unit', entityId: String(unit.id), data: { citizens: values.length, households: report.importedHouseholds } });
    });
    return report;
  }
}

/** Column names as wards write them, with or without diacritics. */
const HEADER_ALIASES: Record<string, string> = {
  'ho va ten': 'ho_ten', 'ho ten': 'ho_ten', ho_ten: 'ho_ten', 'full name': 'ho_ten',
  'nam sinh': 'nam_sinh', nam_sinh: 'nam_sinh',
  'so cccd': 'so_cccd', cccd: 'so_cccd', so_cccd: 'so_cccd', 'so can cuoc': 'so_cccd',
  'so dien thoai': 'so_dien_thoai', 'dien thoai': 'so_dien_thoai', so_dien_thoai: 'so_dien_thoai', sdt: 'so_dien_thoai',
  'ma ho': 'ma_ho', ma_ho: 'ma_ho', 'chu ho': 'chu_ho', chu_ho: 'chu_ho', 'dia chi': 'dia_chi', dia_chi: 'dia_chi',
};
const HEADER_LABEL: Record<string, string> = { fullName: 'Họ và tên', birthYear: 'Năm sinh', phone: 'Số điện thoại', nationalId: 'Số CCCD' };
/** The columns as the template names them, and their longest text (as the same fields typed into the app: input-rules.ts). */
const COLUMN_LABEL: Record<string, string> = { ho_ten: 'Họ và tên', nam_sinh: 'Năm sinh', so_cccd: 'Số CCCD', so_dien_thoai: 'Số điện thoại', ma_ho: 'Mã hộ', chu_ho: 'Chủ hộ', dia_chi: 'Địa chỉ' };
const CELL_MAX: Record<string, number> = { ho_ten: 120, nam_sinh: 16, so_cccd: 32, so_dien_thoai: 32, ma_ho: 64, chu_ho: 120, dia_chi: 300 };

function normalizeHeaders(raw: Record<string, string>): Record<string, string> {
  return normalizeColumns(raw, HEADER_ALIASES);
}
