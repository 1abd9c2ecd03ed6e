import { PARENT_KINDS_OF, CREATABLE_UNIT_KINDS, isReferenceKind, type CreatableUnitKind } from '@thidua/domain';
import type { UnitKind } from '@/gql/graphql';

/** The kinds an admin may add under a unit of `parentKind` (the same rule the API applies). */
export function creatableKindsUnder(parentKind: UnitKind): CreatableUnitKind[] {
  return CREATABLE_UNIT_KINDS.filter((kind) => PARENT_KINDS_OF[kind].includes(parentKind));
}

/** Country, provinces and communes come from the official list: only their figures are editable. */
export const isReferenceUnit = (kind: UnitKind): boolean => isReferenceKind(kind);

/** Reference units are never deactivated by hand. */
export const canDeactivate = (unit: { kind: UnitKind; active: boolean }): boolean => unit.active && !isReferenceKind(unit.kind);

/** Suggestions for the subtype field (stored as typed: they are data, in Vietnamese). */
export const SUBTYPE_SUGGESTIONS: Record<CreatableUnitKind, readonly string[]> = {
  RESIDENTIAL_GROUP: ['Tổ dân phố', 'Thôn', 'Khu', 'Ấp', 'Bản', 'Xóm', 'Khu phố'],
  ORGANIZATION: ['Tổ công nghệ số cộng đồng', 'Công an xã', 'Công an phường', 'Chi đoàn', 'Trường học', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh', 'Doanh nghiệp'],
};
