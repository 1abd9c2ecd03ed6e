import { parentKindProblem, searchKey, unitKindFromLabel, validateUnitFields, type CreatableUnitKind, type UnitKind } from '@thidua/domain';
import type { Executor } from '@thidua/db';
import type { ImportProblem } from '../../imports/import.type';
import { cellProblem, isBlankRow, normalizeHeaders, type RawRow } from '../../imports/spreadsheet';
import type { UnitRow } from '../units/units.queries';
import { childrenOf, findUnitsByCodes } from './unit-admin.queries';

/** Column headers as wards write them (matched without case or diacritics). */
const COLUMN_ALIASES: Record<string, Column> = {
  ten: 'name', 'ten don vi': 'name', 'ten to chuc': 'name', name: 'name',
  loai: 'kind', 'loai don vi': 'kind', 'phan loai': 'kind', kind: 'kind',
  ma: 'code', 'ma don vi': 'code', code: 'code',
  'don vi cha': 'parent', 'don vi cap tren': 'parent', 'truc thuoc': 'parent', thuoc: 'parent', parent: 'parent',
  'dan so': 'population', 'so dan': 'population', population: 'population',
  'so nguoi truong thanh': 'adultPopulation', 'nguoi truong thanh': 'adultPopulation', 'dan so truong thanh': 'adultPopulation', 'dan so tu 18 tuoi': 'adultPopulation', 'adult population': 'adultPopulation',
  'so ho': 'households', 'so ho gia dinh': 'households', 'ho gia dinh': 'households', households: 'households',
  'nguon so lieu': 'denominatorsSource', nguon: 'denominatorsSource', 'denominators source': 'denominatorsSource',
};
type Column = 'name' | 'kind' | 'code' | 'parent' | 'population' | 'adultPopulation' | 'households' | 'denominatorsSource';
export const COLUMN_LABEL: Record<Column, string> = {
  name: 'Tên', kind: 'Loại', code: 'Mã', parent: 'Đơn vị cha', population: 'Dân số', adultPopulation: 'Số người trưởng thành', households: 'Số hộ', denominatorsSource: 'Nguồn số liệu',
};
/** The template the mutation's description documents (also served at GET /api/units/import-template.csv). */
export const UNIT_IMPORT_TEMPLATE =
  '\uFEFFTên,Loại,Mã,Đơn vị cha,Dân số,Số người trưởng thành,Số hộ,Nguồn số liệu\r\n' +
  'Tổ dân phố 1,tổ dân phố,,,1250,980,410,Danh sách hộ của phường 2025\r\n' +
  'Tổ công nghệ số cộng đồng tổ 1,tổ công nghệ số,,Tổ dân phố 1,,,,\r\n';
const MAX_CELL = 500;

/** A unit of the tree as the import sees it: one that exists, or one an earlier row will create. */
export interface TreeNode {
  unit?: UnitRow;
  planned?: PlannedUnit;
  kind: UnitKind;
  name: string;
  fullName: string;
  deactivated: boolean;
}
export interface PlannedUnit {
  row: number;
  parent: TreeNode;
  kind: CreatableUnitKind;
  name: string;
  subtype: string | null;
  code: string | null;
  population: number | null;
  adultPopulation: number | null;
  households: number | null;
  denominatorsSource: string | null;
}
export interface ImportPlan {
  totalRows: number;
  validRows: number;
  existingRows: number;
  planned: PlannedUnit[];
  problems: ImportProblem[];
}

const nodeOf = (unit: UnitRow): TreeNode => ({ unit, kind: unit.kind, name: unit.name, fullName: unit.fullName, deactivated: !!unit.deactivatedAt });
const named = (node: TreeNode, key: string) => searchKey(node.name) === key || searchKey(node.fullName) === key;

/** "12.345", "12 345" and "12345" are all twelve thousand three hundred forty-five. */
function parseCount(text: string): number | undefined | typeof NaN {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return undefined;
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  return NaN;
}

/**
 * Reads the rows against the tree below `root` and decides, row by row, what a real import would
 * do: create a unit, find it already there (same parent, kind and name, or same code), or refuse
 * the row with reasons. Writes nothing.
 */
export async function planUnitImport(db: Executor, root: UnitRow, rows: RawRow[]): Promise<ImportPlan> {
  const problems: ImportProblem[] = [];
  const plan: ImportPlan = { totalRows: 0, validRows: 0, existingRows: 0, planned: [], problems };
  const headers = new Set(rows.length ? Object.keys(normalizeHeaders(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, k])), COLUMN_ALIASES)) : []);
  for (const c of ['name', 'kind'] as const)
    if (!headers.has(c) && rows.length) problems.push({ row: 1, field: COLUMN_LABEL[c], message: `Thiếu cột "${COLUMN_LABEL[c]}".` });
  if (problems.length) return plan;

  const rootNode = nodeOf(root);
  const children = new Map<TreeNode, TreeNode[]>();
  const nodeById = new Map<number, TreeNode>([[root.id, rootNode]]);
  const toNode = (u: UnitRow) => nodeById.get(u.id) ?? (nodeById.set(u.id, nodeOf(u)), nodeById.get(u.id)!);
  const childrenOfNode = async (node: TreeNode): Promise<TreeNode[]> => {
    let list = children.get(node);
    if (!list) children.set(node, (list = node.unit ? (await childrenOf(db, node.unit.id)).map(toNode) : []));
    return list;
  };
  const within = (u: UnitRow) => u.path.includes(root.id);

  const normalized = rows.map((raw) => normalizeHeaders(raw, COLUMN_ALIASES));
  const codes = new Set<string>();
  for (const r of normalized) for (const c of [r.code, r.parent]) if (c?.trim() && c.trim().length <= MAX_CELL && !c.includes('/')) codes.add(c.trim());
  const byCode = new Map((await findUnitsByCodes(db, [...codes])).map((u) => [u.code!, u]));
  const plannedByCode = new Map<string, PlannedUnit>();

  const resolveParent = async (cell: string): Promise<TreeNode | string> => {
    const text = cell.trim();
    if (!text) return rootNode;
    if (!text.includes('/')) {
      const planned = plannedByCode.get(text);
      if (planned) return plannedNode(planned);
      const unit = byCode.get(text);
      if (unit) return within(unit) ? toNode(unit) : `Đơn vị mã ${text} nằm ngoài ${root.fullName}.`;
    }
    const segments = text.split('/').map((s) => s.trim()).filter(Boolean);
    let node = rootNode;
    for (let i = 0; i < segments.length; i++) {
      const key = searchKey(segments[i]);
      const found = (await childrenOfNode(node)).filter((c) => named(c, key));
      const active = found.filter((c) => !c.deactivated);
      const pick = active.length ? active : found;
      if (pick.length === 1) node = pick[0];
      else if (pick.length > 1) return `Có nhiều đơn vị tên "${segments[i]}" trong ${node.fullName}: hãy ghi mã đơn vị.`;
      else if (i === 0 && named(rootNode, key)) continue; // the path may start with the import's own unit
      else return `Không tìm thấy "${segments[i]}" trong ${node.fullName}.`;
    }
    return node;
  };
  const plannedNodes = new Map<PlannedUnit, TreeNode>();
  const plannedNode = (p: PlannedUnit) => plannedNodes.get(p)!;

  for (let i = 0; i < normalized.length; i++) {
    const r = normalized[i];
    const row = i + 2;
    if (isBlankRow(r)) continue;
    plan.totalRows++;
    const rowProblems: ImportProblem[] = [];
    const problem = (column: Column, message: string) => rowProblems.push({ row, field: COLUMN_LABEL[column], message });
    for (const [column, text] of Object.entries(r) as [Column, string][]) {
      const wrong = cellProblem(text, MAX_CELL);
      if (wrong) problem(column, wrong);
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    const kindCell = r.kind?.trim() ?? '';
    const kind = kindCell ? unitKindFromLabel(kindCell) : null;
    if (!kindCell) problem('kind', 'Cần ghi loại: tổ dân phố, thôn, khu, ấp, bản, hoặc tổ chức (công an, chi đoàn, trường, tổ công nghệ số…).');
    else if (!kind) problem('kind', `Không nhận ra loại "${kindCell}": dùng tổ dân phố, thôn, khu, ấp, bản, hoặc tổ chức (công an, chi đoàn, trường, tổ công nghệ số…).`);
    const counts: Record<string, number | null | undefined> = {};
    for (const c of ['population', 'adultPopulation', 'households'] as const) {
      const n = parseCount(r[c] ?? '');
      if (Number.isNaN(n)) problem(c, `${COLUMN_LABEL[c]} phải là số nguyên.`);
      else counts[c] = n;
    }
    const { value, problems: fieldProblems } = validateUnitFields(
      { name: r.name ?? '', subtype: kind?.subtype ?? null, code: r.code ?? null, denominatorsSource: r.denominatorsSource ?? null, ...counts },
      { creating: true },
    );
    for (const p of fieldProblems) problem((p.field === 'subtype' ? 'kind' : p.field) as Column, p.message);
    const parent = await resolveParent(r.parent ?? '');
    if (typeof parent === 'string') problem('parent', parent);
    else if (parent.deactivated) problem('parent', `${parent.fullName} đã ngừng hoạt động.`);
    else if (kind) {
      const placement = parentKindProblem(kind.kind, parent.kind);
      if (placement) problem('parent', `${placement} (${parent.fullName})`);
    }
    if (rowProblems.length || typeof parent === 'string' || !kind) {
      problems.push(...rowProblems);
      continue;
    }
    const name = value.name!;
    const code = value.code ?? null;
    // the same unit already there: same parent, kind and name, or the same code
    const sibling = (await childrenOfNode(parent)).find((c) => !c.deactivated && c.kind === kind.kind && named(c, searchKey(name)));
    const codeOwner = code ? (plannedByCode.get(code) ? plannedNode(plannedByCode.get(code)!) : byCode.get(code) ? toNode(byCode.get(code)!) : undefined) : undefined;
    const existing = sibling ?? (codeOwner?.unit && codeOwner.kind === kind.kind && within(codeOwner.unit) ? codeOwner : undefined);
    if (existing?.planned) {
      problem('name', `Trùng với dòng ${existing.planned.row}.`);
    } else if (existing) {
      if (code && codeOwner && codeOwner !== existing) problem('code', `Mã "${code}" đã được dùng cho đơn vị khác.`);
    } else if (codeOwner) {
      problem('code', codeOwner.planned ? `Trùng mã với dòng ${codeOwner.planned.row}.` : `Mã "${code}" đã được dùng cho đơn vị khác.`);
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    plan.validRows++;
    if (existing) {
      plan.existingRows++;
      continue;
    }
    const planned: PlannedUnit = {
      row, parent, kind: kind.kind, name, subtype: value.subtype ?? null, code,
      population: value.population ?? null, adultPopulation: value.adultPopulation ?? null, households: value.households ?? null, denominatorsSource: value.denominatorsSource ?? null,
    };
    const node: TreeNode = { planned, kind: kind.kind, name, fullName: name, deactivated: false };
    plannedNodes.set(planned, node);
    (await childrenOfNode(parent)).push(node);
    children.set(node, []);
    if (code) plannedByCode.set(code, planned);
    plan.planned.push(planned);
  }
  problems.sort((a, b) => a.row - b.row);
  return plan;
}
