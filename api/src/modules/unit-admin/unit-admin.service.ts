import {
  UNIT_ADMIN_ROLES,
  isReferenceKind,
  parentKindProblem,
  validateDeactivationReason,
  validateUnitFields,
  type UnitFields,
} from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, forbidden, notFound } from '../../errors';
import { isInScope, requireRole } from '../auth/scope';
import type { SessionUser } from '../auth/session-user';
import { audit } from '../audit/audit';
import { unitsChanged } from '../units/unit-cache';
import { findUnitByCode, findUnitsByIds, insertUnit, type UnitRow } from '../units/units.queries';
import { parseUnitId } from '../units/units.service';
import { decodeImportFile, readSpreadsheet, type SpreadsheetFormat } from '../../imports/spreadsheet';
import type { CreateUnitInput, UpdateUnitInput } from './unit-admin.input';
import type { UnitImportReport } from './unit-admin.type';
import { planUnitImport, type ImportPlan, type PlannedUnit } from './unit-import';
import { activeSiblingNamed, deactivateSubtree, findUnitForUpdate, isDuplicateCode, updateUnitRow, type UnitChanges } from './unit-admin.queries';

const duplicateCode = (code: string) => badInput([{ field: 'code', message: `Mã đơn vị "${code}" đã được dùng cho đơn vị khác.` }]);
export const unitDeactivated = (unit: Pick<UnitRow, 'fullName'>) =>
  new AppError(ErrorCode.UNIT_DEACTIVATED, `${unit.fullName} đã ngừng hoạt động: không nhận thay đổi, đơn vị con hay hoạt động mới.`);

/**
 * An ADMIN, and only inside its own subtree (a national ADMIN everywhere, a province ADMIN in its
 * province): the caller's role is checked before anything it sent is judged.
 */
export async function requireAdministeredUnit(ctx: Context, unitId: string): Promise<{ user: SessionUser; unit: UnitRow }> {
  const user = requireRole(ctx, UNIT_ADMIN_ROLES);
  const id = parseUnitId(unitId);
  const [unit] = await findUnitsByIds(ctx.db, [id]);
  if (!unit) throw notFound('đơn vị');
  if (!isInScope(user, unit)) throw forbidden('Đơn vị này nằm ngoài phạm vi bạn quản trị.');
  return { user, unit };
}

const CHANGEABLE = ['name', 'subtype', 'code', 'population', 'adultPopulation', 'households', 'denominatorsSource'] as const;

/** Admins build and correct their part of the unit tree; every change is in the audit log. */
export class UnitAdminService {
  constructor(private readonly ctx: Context) {}

  async create(input: CreateUnitInput): Promise<UnitRow> {
    const { user, unit: parent } = await requireAdministeredUnit(this.ctx, input.parentId);
    if (isReferenceKind(input.kind))
      throw badInput([{ field: 'kind', message: 'Quốc gia, tỉnh/thành phố và xã/phường/đặc khu lấy từ danh mục hành chính chính thức, không tạo thủ công.' }]);
    if (parent.deactivatedAt) throw unitDeactivated(parent);
    const placement = parentKindProblem(input.kind, parent.kind);
    if (placement) throw badInput([{ field: 'parentId', message: placement }]);
    const { value, problems } = validateUnitFields(input as UnitFields, { creating: true });
    if (problems.length) throw badInput(problems);
    const name = value.name!;
    if (value.code && (await findUnitByCode(this.ctx.db, value.code))) throw duplicateCode(value.code);
    if (await activeSiblingNamed(this.ctx.db, parent.id, input.kind, name))
      throw badInput([{ field: 'name', message: `${parent.fullName} đã có đơn vị cùng loại tên "${name}".` }]);
    const created = await this.writeCodeSafely(value.code, () =>
      this.ctx.db.transaction(async (tx) => {
        const row = await insertUnit(tx, { parentId: parent.id, kind: input.kind, name, subtype: value.subtype, code: value.code, population: value.population, adultPopulation: value.adultPopulation, households: value.households, denominatorsSource: value.denominatorsSource }, parent);
        await audit(tx, {
          actorUserId: user.id,
          action: 'unit.create',
          entityType: 'unit',
          entityId: String(row.id),
          data: { parentId: parent.id, kind: row.kind, name: row.name, subtype: row.subtype, code: row.code, population: row.population, adultPopulation: row.adultPopulation, households: row.households, denominatorsSource: row.denominatorsSource },
        });
        return row;
      }),
    );
    unitsChanged([created.id]);
    return created;
  }

  async update(id: string, input: UpdateUnitInput): Promise<UnitRow> {
    const { user, unit } = await requireAdministeredUnit(this.ctx, id);
    if (unit.deactivatedAt) throw unitDeactivated(unit);
    const { value, problems } = validateUnitFields(input as UnitFields, { creating: false, current: unit });
    if (problems.length) throw badInput(problems);
    const changes: UnitChanges = {};
    const data: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of CHANGEABLE) {
      const after = value[field];
      if (after === undefined || after === unit[field]) continue;
      (changes as Record<string, unknown>)[field] = after;
      data[field] = { before: unit[field], after };
    }
    if (isReferenceKind(unit.kind)) {
      const official = (['name', 'code', 'subtype'] as const).filter((f) => f in changes);
      if (official.length)
        throw badInput(official.map((field) => ({ field, message: 'Tên, mã và loại của đơn vị hành chính lấy từ danh mục chính thức, không sửa được (chỉ sửa được số liệu dân số, kèm nguồn).' })));
    }
    if (!Object.keys(changes).length) return unit;
    if (changes.code && (await findUnitByCode(this.ctx.db, changes.code))) throw duplicateCode(changes.code);
    if (changes.name && unit.parentId != null && (await activeSiblingNamed(this.ctx.db, unit.parentId, unit.kind, changes.name, unit.id)))
      throw badInput([{ field: 'name', message: `Đơn vị cha đã có đơn vị cùng loại tên "${changes.name}".` }]);
    const updated = await this.writeCodeSafely(changes.code ?? null, () =>
      this.ctx.db.transaction(async (tx) => {
        const current = await findUnitForUpdate(tx, unit.id);
        if (current?.deactivatedAt) throw unitDeactivated(current);
        const row = await updateUnitRow(tx, unit.id, changes);
        await audit(tx, { actorUserId: user.id, action: 'unit.update', entityType: 'unit', entityId: String(unit.id), data: { changes: data } });
        return row;
      }),
    );
    unitsChanged([unit.id]);
    return updated;
  }

  /**
   * Deactivates the unit and its whole subtree. Deactivating an already deactivated unit changes
   * nothing and returns it as it is (a retry is harmless).
   */
  async deactivate(id: string, reasonText: string): Promise<UnitRow> {
    const { user, unit } = await requireAdministeredUnit(this.ctx, id);
    if (isReferenceKind(unit.kind))
      throw badInput([{ field: 'id', message: 'Quốc gia, tỉnh/thành phố và xã/phường/đặc khu theo danh mục hành chính chính thức không ngừng hoạt động được.' }]);
    const { reason, problem } = validateDeactivationReason(reasonText);
    if (problem) throw badInput([problem]);
    if (unit.deactivatedAt) return unit;
    const ids = await this.ctx.db.transaction(async (tx) => {
      const current = await findUnitForUpdate(tx, unit.id);
      if (current?.deactivatedAt) return [];
      const deactivated = await deactivateSubtree(tx, unit.id, reason!);
      await audit(tx, { actorUserId: user.id, action: 'unit.deactivate', entityType: 'unit', entityId: String(unit.id), reason, data: { subtreeUnits: deactivated.length, unitIds: deactivated.slice(0, 1000) } });
      return deactivated;
    });
    if (ids.length) unitsChanged(ids);
    const [row] = await findUnitsByIds(this.ctx.db, [unit.id]);
    return row;
  }

  /**
   * Imports a ward's sheet of residential groups and organizations under `parentId`. A dry run
   * (the default) only reports; a real import writes nothing unless every row is good, and then
   * creates the new units in one transaction. Rows whose unit is already there count as existing,
   * so importing the same file again changes nothing.
   */
  async importUnits(args: { parentId: string; contentBase64: string; format: SpreadsheetFormat; dryRun: boolean }): Promise<UnitImportReport> {
    const { user, unit: root } = await requireAdministeredUnit(this.ctx, args.parentId);
    if (root.deactivatedAt) throw unitDeactivated(root);
    const rows = await readSpreadsheet(decodeImportFile(args.contentBase64), args.format);
    const reportOf = (plan: ImportPlan, imported: number): UnitImportReport => ({
      dryRun: args.dryRun,
      totalRows: plan.totalRows,
      validRows: plan.validRows,
      existingRows: plan.existingRows,
      newRows: plan.planned.length,
      importedUnits: imported,
      problems: plan.problems,
    });
    if (args.dryRun) return reportOf(await planUnitImport(this.ctx.db, root, rows), 0);
    const { report, created } = await this.writeCodeSafely(() => badInput('Một mã đơn vị trong tệp vừa được dùng cho đơn vị khác; hãy chạy thử lại.'), () =>
      this.ctx.db.transaction(async (tx) => {
        const plan = await planUnitImport(tx, root, rows);
        if (plan.problems.length || !plan.planned.length) return { report: reportOf(plan, 0), created: [] as number[] };
        const rowsByPlan = new Map<PlannedUnit, UnitRow>();
        for (const p of plan.planned) {
          const parent = p.parent.unit ?? rowsByPlan.get(p.parent.planned!)!;
          const { row: _row, parent: _parent, ...fields } = p;
          rowsByPlan.set(p, await insertUnit(tx, { ...fields, parentId: parent.id }, parent));
        }
        const ids = [...rowsByPlan.values()].map((u) => u.id);
        await audit(tx, {
          actorUserId: user.id,
          action: 'unit.import',
          entityType: 'unit',
          entityId: String(root.id),
          data: { format: args.format, totalRows: plan.totalRows, createdUnits: ids.length, existingRows: plan.existingRows, unitIds: ids.slice(0, 1000) },
        });
        return { report: reportOf(plan, ids.length), created: ids };
      }),
    );
    if (created.length) unitsChanged(created);
    return report;
  }

  /** A code taken between the check and the write (another admin, same moment) is still the user's mistake. */
  private async writeCodeSafely<T>(code: string | null | undefined | (() => Error), write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (code && isDuplicateCode(error)) throw typeof code === 'function' ? code() : duplicateCode(code);
      throw error;
    }
  }
}
