import { describeHelp } from '../confirmation/codes';
import { lowerFirst } from '../text/words';
import { evaluateCriteria, type Criterion, type Facts, type FactType } from './criteria';

export const BADGE_AUDIENCES = ['CITIZEN', 'HOUSEHOLD', 'OFFICER', 'UNIT'] as const;
export type BadgeAudience = (typeof BADGE_AUDIENCES)[number];

/** Shaped after an Open Badges 3.0 achievement: criteria as data plus a human description. */
export interface BadgeDefinition {
  code: string;
  name: string;
  description: string;
  audience: BadgeAudience;
  criteria: Criterion;
  /** A leader may award it by hand, with a reason (e.g. a skill checked in person). */
  manualAllowed: boolean;
}

export interface BadgeFact {
  type: FactType;
  audience: readonly BadgeAudience[];
  description: string;
}

/** The facts the system computes for badge holders; criteria may only test these. */
export const BADGE_FACTS = {
  services: { type: 'list', audience: ['CITIZEN'], description: 'Các dịch vụ số người dân đã được hỗ trợ hoàn thành (mã dịch vụ).' },
  coreQuizPassed: { type: 'boolean', audience: ['CITIZEN', 'OFFICER'], description: 'Đã đạt bài kiểm tra kỹ năng số cơ bản.' },
  memberCongDanSo: { type: 'number', audience: ['HOUSEHOLD'], description: 'Số thành viên trong hộ đạt danh hiệu Công dân số.' },
  mentoredCitizensPassed: { type: 'number', audience: ['OFFICER'], description: 'Số người dân do cán bộ kèm cặp đã đạt bài kiểm tra kỹ năng số cơ bản sau khi được hỗ trợ (mỗi người một lần).' },
  citizensHelped: { type: 'number', audience: ['OFFICER'], description: 'Số lượt hỗ trợ người dân đã được duyệt.' },
  classesTaught: { type: 'number', audience: ['OFFICER'], description: 'Số lớp Bình dân học vụ số đã hướng dẫn.' },
  points: { type: 'number', audience: ['UNIT'], description: 'Tổng điểm thi đua của đơn vị trong phong trào.' },
  finalRank: { type: 'number', audience: ['UNIT'], description: 'Thứ hạng chung cuộc khi phong trào kết thúc.' },
  targetReachedBeforeDeadline: { type: 'boolean', audience: ['UNIT'], description: 'Đã hoàn thành chỉ tiêu trước thời hạn.' },
} as const satisfies Record<string, BadgeFact>;

export type BadgeFactName = keyof typeof BADGE_FACTS;

/**
 * An unmet condition as a thing still to do, for "Để nhận “Công dân số”, còn thiếu: …" (the facts'
 * descriptions say what a fact is, "Đã đạt …", which reads as done).
 */
export function criterionToDo(fact: string, value: unknown): string {
  if (fact === 'services') return `Được hỗ trợ hoàn thành: ${lowerFirst(describeHelp('ASSIST', String(value)))}`;
  if (fact === 'coreQuizPassed') return 'Đạt bài kiểm tra kỹ năng số cơ bản';
  if (fact === 'targetReachedBeforeDeadline') return 'Hoàn thành chỉ tiêu trước thời hạn';
  const description = (BADGE_FACTS as Record<string, BadgeFact>)[fact]?.description;
  return description ? `${description.replace(/\.$/, '')}: cần ${typeof value === 'number' ? `ít nhất ${value}` : String(value)}` : fact;
}

/** Fact name → type, the shape `validateCriteria` checks against. */
export const BADGE_FACT_TYPES: Readonly<Record<string, FactType>> = Object.fromEntries(
  Object.entries(BADGE_FACTS).map(([name, fact]) => [name, fact.type]),
);

export const STARTING_BADGES: readonly BadgeDefinition[] = [
  {
    code: 'MOT_DANH_TINH_SO',
    name: 'Một danh tính số',
    description: 'Đã kích hoạt tài khoản định danh điện tử VNeID mức độ 2.',
    audience: 'CITIZEN',
    criteria: { fact: 'services', op: 'has', value: 'VNEID_L2' },
    manualAllowed: true,
  },
  {
    code: 'CONG_DAN_SO',
    name: 'Công dân số',
    description: 'Đạt bài kiểm tra kỹ năng số cơ bản, đã kích hoạt VNeID mức độ 2 và tự thực hiện ít nhất một dịch vụ công trực tuyến.',
    audience: 'CITIZEN',
    criteria: {
      all: [
        { fact: 'coreQuizPassed', op: 'eq', value: true },
        { fact: 'services', op: 'has', value: 'VNEID_L2' },
        { fact: 'services', op: 'has', value: 'PUBLIC_SERVICE_ONLINE' },
      ],
    },
    manualAllowed: true,
  },
  {
    code: 'GIA_DINH_SO',
    name: 'Gia đình số',
    description: 'Hộ gia đình có ít nhất một thành viên đạt danh hiệu Công dân số.',
    audience: 'HOUSEHOLD',
    criteria: { fact: 'memberCongDanSo', op: 'gte', value: 1 },
    // Follows from the members' badges; awarding it by hand would contradict them.
    manualAllowed: false,
  },
  {
    code: 'DAI_SU_SO',
    name: 'Đại sứ số',
    description: 'Cán bộ, đoàn viên đã kèm cặp ít nhất 10 người dân đạt bài kiểm tra kỹ năng số sau khi được hỗ trợ.',
    audience: 'OFFICER',
    criteria: { fact: 'mentoredCitizensPassed', op: 'gte', value: 10 },
    manualAllowed: true,
  },
  {
    code: 'TOP_BA_PHONG_TRAO',
    name: 'Top 3 phong trào',
    description: 'Đơn vị xếp hạng từ 1 đến 3 trong bảng xếp hạng chung cuộc của phong trào.',
    audience: 'UNIT',
    criteria: { fact: 'finalRank', op: 'lte', value: 3 },
    // Comes from the frozen final standings only.
    manualAllowed: false,
  },
  {
    code: 'VUOT_CHI_TIEU_SOM',
    name: 'Vượt chỉ tiêu sớm',
    description: 'Đơn vị hoàn thành chỉ tiêu của phong trào trước thời hạn.',
    audience: 'UNIT',
    criteria: { fact: 'targetReachedBeforeDeadline', op: 'eq', value: true },
    manualAllowed: false,
  },
];

/** Codes of the badges (of the holder's audience) whose criteria the facts now meet. */
export function qualifyingBadges(definitions: readonly BadgeDefinition[], audience: BadgeAudience, facts: Facts): string[] {
  return definitions.filter((badge) => badge.audience === audience && evaluateCriteria(badge.criteria, facts)).map((badge) => badge.code);
}
