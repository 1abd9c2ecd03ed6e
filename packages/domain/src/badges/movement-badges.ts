import { hasControlChars } from '../text/control';
import { searchKey } from '../text/search-key';
import { validateCriteria, type Criterion } from './criteria';
import { BADGE_FACTS, type BadgeFact } from './starting-badges';

/**
 * Badges an organizer defines for one movement: unit badges, awarded when the movement closes,
 * with criteria over what a unit's final standing says (its final rank among the competitors, its
 * points, whether it reached every dated target before the deadline). The starting unit badges
 * (Top 3, target reached early) go with every movement besides.
 */
export const MOVEMENT_BADGE_FACTS = Object.fromEntries(
  Object.entries(BADGE_FACTS as Record<string, BadgeFact>).filter(([, fact]) => fact.audience.includes('UNIT')).map(([name, fact]) => [name, fact.type]),
) as Readonly<Record<string, BadgeFact['type']>>;

export const MOVEMENT_BADGE_NAME = { min: 3, max: 80 } as const;
export const MOVEMENT_BADGE_DESCRIPTION_MAX = 300;
/** How many badges of its own one movement may define. */
export const MAX_MOVEMENT_BADGES = 10;

export interface MovementBadgeInput {
  name: string;
  description: string;
  criteria: unknown;
}

export type MovementBadgeCheck =
  | { ok: true; value: { name: string; description: string; criteria: Criterion } }
  | { ok: false; problems: { field: 'name' | 'description' | 'criteria'; message: string }[] };

const clean = (text: string) => text.trim().replace(/\s+/g, ' ');

/** Checks what an organizer typed for a movement's badge; criteria may test the unit facts only. */
export function validateMovementBadge(input: MovementBadgeInput): MovementBadgeCheck {
  const problems: { field: 'name' | 'description' | 'criteria'; message: string }[] = [];
  const name = clean(String(input.name ?? ''));
  const description = clean(String(input.description ?? ''));
  if (hasControlChars(String(input.name ?? ''))) problems.push({ field: 'name', message: 'Tên huy hiệu chứa ký tự điều khiển không được phép.' });
  else if (name.length < MOVEMENT_BADGE_NAME.min || name.length > MOVEMENT_BADGE_NAME.max)
    problems.push({ field: 'name', message: `Tên huy hiệu phải có từ ${MOVEMENT_BADGE_NAME.min} đến ${MOVEMENT_BADGE_NAME.max} ký tự.` });
  if (hasControlChars(String(input.description ?? ''))) problems.push({ field: 'description', message: 'Mô tả chứa ký tự điều khiển không được phép.' });
  else if (!description) problems.push({ field: 'description', message: 'Cần mô tả huy hiệu: đơn vị nào được nhận, vì sao.' });
  else if (description.length > MOVEMENT_BADGE_DESCRIPTION_MAX) problems.push({ field: 'description', message: `Mô tả tối đa ${MOVEMENT_BADGE_DESCRIPTION_MAX} ký tự.` });
  const criteria = validateCriteria(input.criteria, MOVEMENT_BADGE_FACTS);
  if (!criteria.ok) for (const message of criteria.errors.slice(0, 5)) problems.push({ field: 'criteria', message });
  return problems.length || !criteria.ok ? { ok: false, problems } : { ok: true, value: { name, description, criteria: criteria.criteria } };
}

/**
 * The code of a movement's badge: PT_, the movement's first eight hex digits and the name without
 * diacritics ("Đơn vị xuất sắc" → PT_A1B2C3D4_DON_VI_XUAT_SAC), at most 64 characters.
 */
export function movementBadgeCode(movementId: string, name: string): string {
  const slug = searchKey(name).toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'HUY_HIEU';
  return `PT_${movementId.replace(/-/g, '').slice(0, 8).toUpperCase()}_${slug}`.slice(0, 64).replace(/_+$/, '');
}

/** The criteria of a unit badge in words: "xếp hạng chung cuộc từ 1 đến 10 và tổng điểm từ 500" (or in English). */
export function describeUnitCriteria(criteria: Criterion, language: 'vi' | 'en' = 'vi'): string {
  const w = WORDS[language];
  if ('all' in criteria) return criteria.all.map((c) => describeUnitCriteria(c, language)).join(w.and);
  if ('any' in criteria) return criteria.any.map((c) => describeUnitCriteria(c, language)).join(w.or);
  const { fact, op, value } = criteria;
  const n = typeof value === 'number' ? value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US') : String(value);
  if (fact === 'finalRank') return op === 'lte' ? w.rankUpTo(n) : op === 'eq' ? w.rankIs(n) : `${w.rank} ${w.ops[op] ?? op} ${n}`;
  if (fact === 'points') return op === 'gte' ? w.pointsFrom(n) : `${w.points} ${w.ops[op] ?? op} ${n}`;
  if (fact === 'targetReachedBeforeDeadline') return value === true ? w.targetsEarly : w.targetsNotEarly;
  return `${fact} ${w.ops[op] ?? op} ${n}`;
}

const WORDS = {
  vi: {
    and: ' và ',
    or: ' hoặc ',
    rank: 'xếp hạng chung cuộc',
    rankUpTo: (n: string) => `xếp hạng chung cuộc từ 1 đến ${n}`,
    rankIs: (n: string) => `xếp hạng chung cuộc thứ ${n}`,
    points: 'tổng điểm',
    pointsFrom: (n: string) => `tổng điểm từ ${n}`,
    targetsEarly: 'hoàn thành chỉ tiêu trước thời hạn',
    targetsNotEarly: 'chưa hoàn thành chỉ tiêu trước thời hạn',
    ops: { gte: 'từ', lte: 'tới', gt: 'trên', lt: 'dưới', eq: 'bằng' } as Record<string, string>,
  },
  en: {
    and: ' and ',
    or: ' or ',
    rank: 'final rank',
    rankUpTo: (n: string) => `final rank 1 to ${n}`,
    rankIs: (n: string) => `final rank ${n}`,
    points: 'total points',
    pointsFrom: (n: string) => `total points from ${n}`,
    targetsEarly: 'every target reached before its deadline',
    targetsNotEarly: 'targets not reached before the deadline',
    ops: { gte: 'from', lte: 'up to', gt: 'over', lt: 'under', eq: 'equal to' } as Record<string, string>,
  },
};
