import { NOTE_MAX_LENGTH } from '../text/limits';
import { searchKey } from '../text/search-key';
import { hasControlChars } from '../text/control';
import type { UnitKind } from './kinds';

/**
 * Rules of the unit tree's administration. Countries, provinces and communes come from the
 * official reference data: they are never created or deactivated by hand, and their name and code
 * stay as published (their denominators may be corrected, with a source). Admins add the units
 * below: residential groups under a commune; organizations under the country, a province or a
 * commune they serve, and also inside a residential group (its community tech team) or another
 * organization (the youth branch of a police station), so a ward's sheet can build its own subtree.
 */
export const REFERENCE_UNIT_KINDS: readonly UnitKind[] = ['COUNTRY', 'PROVINCE', 'COMMUNE'];
export type CreatableUnitKind = 'RESIDENTIAL_GROUP' | 'ORGANIZATION';
export const CREATABLE_UNIT_KINDS: readonly CreatableUnitKind[] = ['RESIDENTIAL_GROUP', 'ORGANIZATION'];
export const PARENT_KINDS_OF: Readonly<Record<CreatableUnitKind, readonly UnitKind[]>> = {
  RESIDENTIAL_GROUP: ['COMMUNE'],
  ORGANIZATION: ['COUNTRY', 'PROVINCE', 'COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'],
};

export const UNIT_NAME_MAX = 200;
export const UNIT_SUBTYPE_MAX = 100;
export const UNIT_CODE_MAX = 40;
export const DENOMINATORS_SOURCE_MAX = 500;
export const DEACTIVATION_REASON_MAX = NOTE_MAX_LENGTH;
export const DENOMINATOR_MAX = 100_000_000;
export const DENOMINATOR_FIELDS = ['population', 'adultPopulation', 'households'] as const;


export interface UnitFieldProblem {
  field: string;
  message: string;
}

export const isReferenceKind = (kind: UnitKind) => REFERENCE_UNIT_KINDS.includes(kind);

/** Why a unit of `kind` cannot hang under a parent of `parentKind` (null when it can). */
export function parentKindProblem(kind: UnitKind, parentKind: UnitKind): string | null {
  if (isReferenceKind(kind)) return 'Quốc gia, tỉnh/thành phố và xã/phường/đặc khu lấy từ danh mục hành chính chính thức, không tạo thủ công.';
  const allowed = PARENT_KINDS_OF[kind as CreatableUnitKind];
  if (allowed.includes(parentKind)) return null;
  return kind === 'RESIDENTIAL_GROUP'
    ? 'Thôn/tổ dân phố phải thuộc một xã/phường/đặc khu.'
    : 'Tổ chức phải thuộc Việt Nam, một tỉnh/thành phố, một xã/phường/đặc khu, một thôn/tổ dân phố hoặc một tổ chức khác.';
}

/** The fields of a unit an admin writes; `undefined` = not given, `null` = cleared. */
export interface UnitFields {
  name?: string | null;
  subtype?: string | null;
  code?: string | null;
  population?: number | null;
  adultPopulation?: number | null;
  households?: number | null;
  denominatorsSource?: string | null;
}

const cleanText = (s: string) => s.trim().replace(/\s+/g, ' ');

/**
 * Checks and normalizes what an admin typed. Names are trimmed (1–200 characters), control
 * characters refused everywhere, denominators whole numbers 0–100,000,000 with adults and
 * households not above the population, and denominators always carry their source.
 * `current` is the unit being updated (its values count for the population comparisons).
 */
export function validateUnitFields(
  input: UnitFields,
  options: { creating: boolean; current?: { population: number | null; adultPopulation: number | null; households: number | null } },
): { value: UnitFields; problems: UnitFieldProblem[] } {
  const problems: UnitFieldProblem[] = [];
  const value: UnitFields = {};
  const text = (field: keyof UnitFields, label: string, max: number, required: boolean) => {
    const raw = input[field];
    if (raw === undefined) return;
    if (raw !== null && typeof raw !== 'string') return problems.push({ field, message: `${label} không hợp lệ.` });
    if (raw != null && hasControlChars(raw)) return problems.push({ field, message: `${label} chứa ký tự điều khiển không được phép.` });
    const cleaned = raw == null ? '' : cleanText(raw);
    if (!cleaned) {
      if (required) problems.push({ field, message: `Cần nhập ${label.toLowerCase()}.` });
      else (value as Record<string, unknown>)[field] = null;
      return;
    }
    if (cleaned.length > max) return problems.push({ field, message: `${label} tối đa ${max.toLocaleString('vi-VN')} ký tự.` });
    (value as Record<string, unknown>)[field] = cleaned;
  };
  if (options.creating && input.name === undefined) problems.push({ field: 'name', message: 'Cần nhập tên đơn vị.' });
  text('name', 'Tên đơn vị', UNIT_NAME_MAX, true);
  text('subtype', 'Loại chi tiết', UNIT_SUBTYPE_MAX, false);
  text('code', 'Mã đơn vị', UNIT_CODE_MAX, false);
  if (typeof value.code === 'string' && !/^[\p{L}\p{N}._-]+$/u.test(value.code))
    problems.push({ field: 'code', message: 'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang và gạch dưới.' });
  text('denominatorsSource', 'Nguồn số liệu', DENOMINATORS_SOURCE_MAX, false);

  const labels = { population: 'Dân số', adultPopulation: 'Số người trưởng thành', households: 'Số hộ' } as const;
  let denominatorGiven = false;
  for (const field of DENOMINATOR_FIELDS) {
    const n = input[field];
    if (n === undefined) continue;
    // a figure left empty (null) needs no source: only a number given does
    if (n !== null) denominatorGiven = true;
    if (n !== null && (!Number.isInteger(n) || n < 0 || n > DENOMINATOR_MAX)) {
      problems.push({ field, message: `${labels[field]} phải là số nguyên từ 0 đến ${DENOMINATOR_MAX.toLocaleString('vi-VN')}.` });
      continue;
    }
    value[field] = n;
  }
  if (denominatorGiven) {
    if (!value.denominatorsSource && !problems.some((p) => p.field === 'denominatorsSource'))
      problems.push({ field: 'denominatorsSource', message: 'Số liệu dân số, người trưởng thành, số hộ phải ghi rõ nguồn (nguồn số liệu).' });
    const pick = (f: (typeof DENOMINATOR_FIELDS)[number]) => (value[f] !== undefined ? value[f] : (options.current?.[f] ?? null));
    const population = pick('population');
    const adults = pick('adultPopulation');
    const households = pick('households');
    if (population != null && adults != null && adults > population)
      problems.push({ field: 'adultPopulation', message: 'Số người trưởng thành không được lớn hơn dân số.' });
    if (population != null && households != null && households > population)
      problems.push({ field: 'households', message: 'Số hộ không được lớn hơn dân số.' });
  }
  return { value, problems };
}

export function validateDeactivationReason(reason: string): { reason?: string; problem?: UnitFieldProblem } {
  if (hasControlChars(reason)) return { problem: { field: 'reason', message: 'Lý do chứa ký tự điều khiển không được phép.' } };
  const cleaned = cleanText(reason);
  if (!cleaned) return { problem: { field: 'reason', message: 'Cần nhập lý do ngừng hoạt động.' } };
  if (cleaned.length > DEACTIVATION_REASON_MAX) return { problem: { field: 'reason', message: `Lý do tối đa ${DEACTIVATION_REASON_MAX.toLocaleString('vi-VN')} ký tự.` } };
  return { reason: cleaned };
}

const RESIDENTIAL_LABELS = ['to dan pho', 'thon', 'khu', 'khu pho', 'ap', 'ban', 'xom', 'buon', 'plei', 'phum', 'soc', 'to', 'khom', 'residential_group'];
const ORGANIZATION_LABELS = [
  'to chuc', 'organization', 'cong an', 'chi doan', 'doan', 'doan thanh nien', 'truong', 'to cong nghe so', 'to cong nghe so cong dong',
  'hoi', 'chi hoi', 'co quan', 'phong', 'ban', 'tram y te', 'hop tac xa', 'doanh nghiep', 'chi bo', 'uy ban', 'mat tran', 'buu dien', 'doi',
];
const GENERIC = new Set(['to chuc', 'organization', 'residential_group']);

/**
 * The kind a ward's spreadsheet means by its "Loại" column: "tổ dân phố", "thôn", "khu", "ấp",
 * "bản" are residential groups; "tổ chức", "công an…", "chi đoàn…", "trường…", "tổ công nghệ số…"
 * are organizations. The words as written become the subtype ("tổ chức" alone leaves none).
 * Matching ignores case and diacritics; an organization label may go on ("trường THCS").
 */
export function unitKindFromLabel(label: string): { kind: CreatableUnitKind; subtype: string | null } | null {
  const key = searchKey(label);
  if (!key) return null;
  const written = cleanText(label).toLocaleLowerCase('vi');
  const subtype = GENERIC.has(key) ? null : written;
  // "ban" alone is a village (bản) in the north; "ban …" (ban quản lý…) is an organization
  if (RESIDENTIAL_LABELS.includes(key)) return { kind: 'RESIDENTIAL_GROUP', subtype };
  if (ORGANIZATION_LABELS.some((l) => key === l || key.startsWith(`${l} `))) return { kind: 'ORGANIZATION', subtype };
  return null;
}
