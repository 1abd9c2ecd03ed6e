import { searchKey, type UnitKind } from '@thidua/domain';
import type { Db } from '@thidua/db';
import { badInput } from '../../errors';
import { decodeCursor, pageInfo, pageSize } from '../../graphql/pagination';
import { findUnitByCode, listUnits, type UnitRow } from './units.queries';
import type { Unit, UnitConnection } from './unit.type';

export function toUnit(row: UnitRow): Unit {
  return { ...row, id: String(row.id), active: row.deactivatedAt == null };
}

export function parseUnitId(id: string | number): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw badInput(`Mã đơn vị không hợp lệ: ${id}`);
  return n;
}

export interface UnitsArgs {
  search?: string | null;
  kind?: UnitKind | null;
  parentId?: string | null;
  includeDeactivated?: boolean | null;
  first?: number | null;
  after?: string | null;
}

export class UnitsService {
  constructor(private readonly db: Db) {}

  async list(args: UnitsArgs): Promise<UnitConnection> {
    const limit = pageSize(args.first, 20);
    const offset = decodeCursor(args.after);
    const search = args.search ? searchKey(args.search) : undefined;
    if (search && search.length > 100) throw badInput('Từ khoá tìm kiếm quá dài (tối đa 100 ký tự).');
    const { rows, total } = await listUnits(
      this.db,
      { search: search || undefined, kind: args.kind ?? undefined, parentId: args.parentId != null ? parseUnitId(args.parentId) : undefined, includeDeactivated: !!args.includeDeactivated },
      offset,
      limit,
    );
    return { nodes: rows.map(toUnit), totalCount: total, pageInfo: pageInfo(offset, rows.length, total) };
  }

  async byCode(code: string): Promise<UnitRow | undefined> {
    return findUnitByCode(this.db, code);
  }
}
