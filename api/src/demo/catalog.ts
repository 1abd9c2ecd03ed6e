import type { Role } from '@thidua/domain';

/**
 * What the demo data set is made of, as data: the reference units it hangs from, the
 * organizations and residential groups it adds, the accounts and the movements. Every name of a
 * unit or organization comes from the source articles (../shared/seeds/); people's names are
 * invented.
 */

/** Fixed ids, so docs, tests and links can name the demo movements and quiz. */
export const DEMO_MOVEMENT_IDS = {
  /** "Bình dân học vụ số" — national, ACTIVE, organizer Ban Chỉ đạo Trung ương, scope Việt Nam */
  national: 'a0000000-0000-4000-8000-000000000001',
  /** Quảng Ninh provincial movement — ACTIVE, organizer Công an tỉnh Quảng Ninh, communes of Quảng Ninh compete */
  quangNinh: 'a0000000-0000-4000-8000-000000000002',
  /** "Bình dân học AI" in the Quảng Ninh police — DRAFT, organizer Công an tỉnh Quảng Ninh */
  draft: 'a0000000-0000-4000-8000-000000000003',
} as const;

export const DEMO_NATIONAL_MOVEMENT_ID = DEMO_MOVEMENT_IDS.national;
export const DEMO_QUANG_NINH_MOVEMENT_ID = DEMO_MOVEMENT_IDS.quangNinh;
export const DEMO_DRAFT_MOVEMENT_ID = DEMO_MOVEMENT_IDS.draft;
/** The "45 ngày đêm" phase of the national movement. */
export const DEMO_PHASE_45_ID = 'a0000000-0000-4000-8000-000000000011';
/** The core quiz ("Kiểm tra kỹ năng số cơ bản") of the national movement. */
export const DEMO_CORE_QUIZ_ID = 'a0000000-0000-4000-8000-000000000101';

/** The calendar of the demo: fixed dates. "Today" in the demo is late November 2026. */
export const DEMO_DATES = {
  national: { startsOn: '2026-09-01', endsOn: '2026-12-31' },
  /** the "45 ngày đêm" campaign: 45 days, 05/10 → 18/11/2026 */
  phase45: { startsOn: '2026-10-05', endsOn: '2026-11-18' },
  quangNinh: { startsOn: '2026-10-01', endsOn: '2026-12-31' },
  draft: { startsOn: '2027-01-01', endsOn: '2027-06-30' },
  /** activities of the plan happen on these days (7 weeks, Monday → Sunday) */
  activitiesFrom: '2026-10-05',
  activitiesTo: '2026-11-22',
  /** the demo's "now" for review times: nothing is reviewed after it */
  asOf: '2026-11-23',
  /** when the accounts, households and movements were set up */
  setUpAt: '2026-08-20T08:00:00+07:00',
} as const;

export const DEMO_DENOMINATORS_SOURCE = 'Số liệu minh họa tự tạo cho dữ liệu demo (không phải số liệu thống kê chính thức)';

/** Reference communes (official 2025 codes) the demo uses. */
export const DEMO_COMMUNES = {
  HALONG: { code: '06688', province: 'QN', groupSubtype: 'tổ dân phố', groups: 7 },
  BAICHAY: { code: '06673', province: 'QN', groupSubtype: 'tổ dân phố', groups: 6 },
  HATU: { code: '06652', province: 'QN', groupSubtype: 'tổ dân phố', groups: 6 },
  ANSINH: { code: '07090', province: 'QN', groupSubtype: 'tổ dân phố', groups: 5 },
  VIETTRI: { code: '07900', province: 'PT', groupSubtype: 'tổ dân phố', groups: 6 },
  LONGCOC: { code: '08620', province: 'PT', groupSubtype: 'khu', groups: 8 },
  PHUDIEN: { code: '00619', province: 'HN', groupSubtype: 'tổ dân phố', groups: 6 },
} as const;
export type DemoCommuneKey = keyof typeof DEMO_COMMUNES;

export const DEMO_PROVINCES = { QN: '22', PT: '25', HN: '01' } as const;
export type DemoProvinceKey = keyof typeof DEMO_PROVINCES;

/** Communes whose residential groups get households and citizens. */
export const COMMUNES_WITH_HOUSEHOLDS: readonly DemoCommuneKey[] = ['HALONG', 'LONGCOC'];

/** Long Cốc's residential groups: "khu Mận Gạo" is named in the source article; the others are numbered. */
export const LONG_COC_GROUP_NAMES = ['Khu Mận Gạo', 'Khu 1', 'Khu 2', 'Khu 3', 'Khu 4', 'Khu 5', 'Khu 6', 'Khu 7'] as const;

interface OrgSpec {
  name: string;
  fullName?: string;
  subtype: string;
  /** 'VN', a province key or a commune key */
  parent: 'VN' | DemoProvinceKey | DemoCommuneKey;
}

export const DEMO_ORGS = {
  BCD_TW: {
    name: 'Ban Chỉ đạo Trung ương',
    fullName: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    subtype: 'ban chỉ đạo',
    parent: 'VN',
  },
  CA_QN: { name: 'Công an tỉnh Quảng Ninh', subtype: 'công an tỉnh', parent: 'QN' },
  TD_QN: { name: 'Tỉnh Đoàn Quảng Ninh', subtype: 'tỉnh đoàn', parent: 'QN' },
  CA_HALONG: { name: 'Công an phường Hạ Long', subtype: 'công an xã/phường', parent: 'HALONG' },
  DOAN_HALONG: { name: 'Đoàn phường Hạ Long', subtype: 'đoàn phường', parent: 'HALONG' },
  CA_BAICHAY: { name: 'Công an phường Bãi Cháy', subtype: 'công an xã/phường', parent: 'BAICHAY' },
  DOAN_BAICHAY: { name: 'Đoàn phường Bãi Cháy', subtype: 'đoàn phường', parent: 'BAICHAY' },
  CA_HATU: { name: 'Công an phường Hà Tu', subtype: 'công an xã/phường', parent: 'HATU' },
  DOAN_HATU: { name: 'Đoàn phường Hà Tu', subtype: 'đoàn phường', parent: 'HATU' },
  CA_ANSINH: { name: 'Công an phường An Sinh', subtype: 'công an xã/phường', parent: 'ANSINH' },
  DOAN_ANSINH: { name: 'Đoàn phường An Sinh', subtype: 'đoàn phường', parent: 'ANSINH' },
  TOCNS_VIETTRI: { name: 'Tổ công nghệ số cộng đồng phường Việt Trì', subtype: 'tổ công nghệ số cộng đồng', parent: 'VIETTRI' },
  CA_LONGCOC: { name: 'Công an xã Long Cốc', subtype: 'công an xã/phường', parent: 'LONGCOC' },
  DOAN_LONGCOC: { name: 'Đoàn xã Long Cốc', subtype: 'đoàn xã', parent: 'LONGCOC' },
  TOCNS_PHUDIEN_1: { name: 'Tổ công nghệ số cộng đồng số 1 phường Phú Diễn', subtype: 'tổ công nghệ số cộng đồng', parent: 'PHUDIEN' },
  TOCNS_PHUDIEN_2: { name: 'Tổ công nghệ số cộng đồng số 2 phường Phú Diễn', subtype: 'tổ công nghệ số cộng đồng', parent: 'PHUDIEN' },
  CA_PHUDIEN: { name: 'Công an phường Phú Diễn', subtype: 'công an xã/phường', parent: 'PHUDIEN' },
  THCS_PHUDIEN: { name: 'Trường THCS Phú Diễn', subtype: 'trường học', parent: 'PHUDIEN' },
} as const satisfies Record<string, OrgSpec>;
export type DemoOrgKey = keyof typeof DEMO_ORGS;

/** Where an account acts: a reference unit (by code), a demo organization, or the citizen's group. */
export type AccountUnit = { code: string } | { org: DemoOrgKey } | { commune: DemoCommuneKey } | { citizenGroup: true };

export interface DemoAccountSpec {
  username: string;
  role: Role;
  displayName: string;
  unit: AccountUnit;
}

/** API.md's accounts first, in its order, then the extra officers and leaders who log and review. */
export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: 'admin', role: 'ADMIN', displayName: 'Quản trị hệ thống', unit: { code: 'VN' } },
  { username: 'organizer', role: 'ORGANIZER', displayName: 'Lê Minh Khôi', unit: { org: 'CA_QN' } },
  { username: 'leader', role: 'LEADER', displayName: 'Trần Quốc Hưng', unit: { code: DEMO_PROVINCES.QN } },
  { username: 'officer', role: 'OFFICER', displayName: 'Vũ Thị Ngọc Anh', unit: { org: 'DOAN_HALONG' } },
  { username: 'officer2', role: 'OFFICER', displayName: 'Đinh Công Lâm', unit: { org: 'CA_LONGCOC' } },
  { username: 'citizen', role: 'CITIZEN', displayName: 'Nguyễn Thị Lan', unit: { citizenGroup: true } },
  { username: 'leader2', role: 'LEADER', displayName: 'Nguyễn Thị Hồng Nhung', unit: { code: DEMO_PROVINCES.PT } },
  { username: 'leader3', role: 'LEADER', displayName: 'Đỗ Mạnh Cường', unit: { commune: 'PHUDIEN' } },
  { username: 'cb.doanqn', role: 'OFFICER', displayName: 'Đặng Thu Trang', unit: { org: 'TD_QN' } },
  { username: 'cb.halong', role: 'OFFICER', displayName: 'Bùi Đức Thắng', unit: { org: 'CA_HALONG' } },
  { username: 'cb.baichay', role: 'OFFICER', displayName: 'Lương Thị Mai', unit: { commune: 'BAICHAY' } },
  { username: 'cb.hatu', role: 'OFFICER', displayName: 'Phạm Quang Huy', unit: { commune: 'HATU' } },
  { username: 'cb.ansinh', role: 'OFFICER', displayName: 'Ngô Văn Tùng', unit: { commune: 'ANSINH' } },
  { username: 'cb.longcoc', role: 'OFFICER', displayName: 'Xa Thị Hạnh', unit: { org: 'DOAN_LONGCOC' } },
  { username: 'cb.viettri', role: 'OFFICER', displayName: 'Kiều Văn Dũng', unit: { org: 'TOCNS_VIETTRI' } },
  { username: 'cb.phudien', role: 'OFFICER', displayName: 'Trịnh Hoài Nam', unit: { commune: 'PHUDIEN' } },
];

export type DemoUsername = (typeof DEMO_ACCOUNTS)[number]['username'];

/** Who logs each organization's activities (an OFFICER whose subtree holds it) and who reviews them (a LEADER above it). */
export const ORG_STAFF: Record<Exclude<DemoOrgKey, 'BCD_TW' | 'CA_QN'>, { recordedBy: string; reviewedBy: string }> = {
  TD_QN: { recordedBy: 'cb.doanqn', reviewedBy: 'leader' },
  CA_HALONG: { recordedBy: 'cb.halong', reviewedBy: 'leader' },
  DOAN_HALONG: { recordedBy: 'officer', reviewedBy: 'leader' },
  CA_BAICHAY: { recordedBy: 'cb.baichay', reviewedBy: 'leader' },
  DOAN_BAICHAY: { recordedBy: 'cb.baichay', reviewedBy: 'leader' },
  CA_HATU: { recordedBy: 'cb.hatu', reviewedBy: 'leader' },
  DOAN_HATU: { recordedBy: 'cb.hatu', reviewedBy: 'leader' },
  CA_ANSINH: { recordedBy: 'cb.ansinh', reviewedBy: 'leader' },
  DOAN_ANSINH: { recordedBy: 'cb.ansinh', reviewedBy: 'leader' },
  TOCNS_VIETTRI: { recordedBy: 'cb.viettri', reviewedBy: 'leader2' },
  CA_LONGCOC: { recordedBy: 'officer2', reviewedBy: 'leader2' },
  DOAN_LONGCOC: { recordedBy: 'cb.longcoc', reviewedBy: 'leader2' },
  TOCNS_PHUDIEN_1: { recordedBy: 'cb.phudien', reviewedBy: 'leader3' },
  TOCNS_PHUDIEN_2: { recordedBy: 'cb.phudien', reviewedBy: 'leader3' },
  CA_PHUDIEN: { recordedBy: 'cb.phudien', reviewedBy: 'leader3' },
  THCS_PHUDIEN: { recordedBy: 'cb.phudien', reviewedBy: 'leader3' },
};
