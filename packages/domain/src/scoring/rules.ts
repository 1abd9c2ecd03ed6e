import { PRIORITY_GROUPS, SERVICE_CODES } from '../units/kinds';

/**
 * How a movement turns activities into points. Stored as data, one version per change, so
 * standings can be recomputed under any version (see `recomputeStandings`).
 */
export interface ScoringRules {
  /** points = min(base + perAttendee × attendees, maxPerClass) */
  class: { base: number; perAttendee: number; maxPerClass: number };
  /** Points per service code helped; the 8 SERVICE_CODES by default, a movement may add codes. */
  services: Record<string, number>;
  /**
   * Multiplier per priority group (a group that is absent counts as 1). When several groups
   * apply, the HIGHEST one is used, not the product: the groups overlap heavily (an elderly,
   * near-poor ethnic-minority citizen is common) and are declared by the officer, so a product
   * (1.5 × 1.3 × 1.3 ≈ 2.5) would reward ticking boxes rather than helping more people.
   */
  priorityMultipliers: Record<string, number>;
  /** Best passing attempt: min(passPoints + perScorePoint × (score − passScore), maxPoints); 0 if not passed. */
  quiz: { passPoints: number; perScorePoint: number; maxPoints: number };
  /** Max points a unit earns for activities that happened on one calendar day; null = no cap. */
  dailyCapPerUnit: number | null;
  /** A citizen (linked record or national-id hash) counts once per service per movement. */
  citizenOncePerServicePerMovement: boolean;
  /**
   * Extra points for an assist the person helped confirmed (with its confirmation code), added to
   * the assist's points and capped with them. Absent or 0: confirmations earn nothing extra.
   */
  confirmedAssistBonus?: number;
}

export const DEFAULT_SCORING_RULES: ScoringRules = {
  class: { base: 10, perAttendee: 0.5, maxPerClass: 40 },
  services: {
    VNEID_L2: 5,
    PUBLIC_SERVICE_ONLINE: 4,
    RESIDENCE_DECLARATION: 3,
    CASHLESS_PAYMENT: 3,
    E_HEALTH: 3,
    SAFE_SOCIAL_MEDIA: 2,
    SCAM_AWARENESS: 2,
    AI_TOOLS: 2,
  } satisfies Record<(typeof SERVICE_CODES)[number], number>,
  priorityMultipliers: { ELDERLY: 1.5, DISABLED: 1.5, NEAR_POOR: 1.3, ETHNIC_MINORITY: 1.3 },
  quiz: { passPoints: 2, perScorePoint: 0.05, maxPoints: 5 },
  dailyCapPerUnit: 500,
  citizenOncePerServicePerMovement: true,
};

export const MIN_PRIORITY_MULTIPLIER = 1;
export const MAX_PRIORITY_MULTIPLIER = 5;

/** New service codes look like the built-in ones: upper case, digits, underscores. */
const SERVICE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

export type ScoringRulesValidation = { ok: true; rules: ScoringRules } | { ok: false; errors: string[] };

type Errors = string[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readObject(input: unknown, path: string, allowedKeys: readonly string[] | null, errors: Errors): Record<string, unknown> | null {
  if (!isPlainObject(input)) {
    errors.push(`${path}: phải là một đối tượng.`);
    return null;
  }
  if (allowedKeys) {
    for (const key of Object.keys(input)) {
      if (!allowedKeys.includes(key)) errors.push(`${path}.${key}: trường không được hỗ trợ.`);
    }
  }
  return input;
}

function readNumber(value: unknown, path: string, errors: Errors, check: { min: number; max?: number; positive?: boolean }): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push(`${path}: phải là một số hữu hạn.`);
    return 0;
  }
  if (check.positive && value <= 0) errors.push(`${path}: phải lớn hơn 0.`);
  else if (value < check.min) errors.push(check.min === 0 ? `${path}: không được âm.` : `${path}: phải từ ${check.min} trở lên.`);
  else if (check.max !== undefined && value > check.max) errors.push(`${path}: không được lớn hơn ${check.max}.`);
  return value;
}

function readFields<K extends string>(
  input: unknown,
  path: string,
  spec: Record<K, { min: number; max?: number; positive?: boolean }>,
  errors: Errors,
): Record<K, number> {
  const keys = Object.keys(spec) as K[];
  const object = readObject(input, path, keys, errors) ?? {};
  const result = {} as Record<K, number>;
  for (const key of keys) {
    if (!(key in object)) errors.push(`${path}.${key}: thiếu trường bắt buộc.`);
    else result[key] = readNumber(object[key], `${path}.${key}`, errors, spec[key]);
  }
  return result;
}

function readServices(input: unknown, errors: Errors): Record<string, number> {
  const object = readObject(input, 'services', null, errors) ?? {};
  const services: Record<string, number> = {};
  for (const [code, points] of Object.entries(object)) {
    if (!SERVICE_CODE_PATTERN.test(code)) {
      errors.push(`services.${code}: mã dịch vụ chỉ gồm chữ in hoa, chữ số và dấu gạch dưới (ví dụ VNEID_L2).`);
      continue;
    }
    services[code] = readNumber(points, `services.${code}`, errors, { min: 0 });
  }
  if (isPlainObject(input) && Object.keys(input).length === 0) errors.push('services: cần ít nhất một dịch vụ được tính điểm.');
  return services;
}

function readMultipliers(input: unknown, errors: Errors): Record<string, number> {
  const object = readObject(input, 'priorityMultipliers', PRIORITY_GROUPS, errors) ?? {};
  const multipliers: Record<string, number> = {};
  for (const [group, value] of Object.entries(object)) {
    if (!(PRIORITY_GROUPS as readonly string[]).includes(group)) continue;
    multipliers[group] = readNumber(value, `priorityMultipliers.${group}`, errors, { min: MIN_PRIORITY_MULTIPLIER, max: MAX_PRIORITY_MULTIPLIER });
  }
  return multipliers;
}

const TOP_LEVEL_KEYS = ['class', 'services', 'priorityMultipliers', 'quiz', 'dailyCapPerUnit', 'citizenOncePerServicePerMovement'] as const;
/** Keys a rule version may leave out (older versions were written before they existed). */
const OPTIONAL_KEYS = ['confirmedAssistBonus'] as const;
/** The largest bonus for a confirmed assist: more than any service is worth would reward confirmations over help. */
export const MAX_CONFIRMED_ASSIST_BONUS = 50;

/**
 * Checks rules an organizer submitted (parsed JSON) and returns a clean copy. Unknown keys are
 * rejected rather than ignored: a misspelt "dailyCap" silently ignored would leave a movement
 * without the cap its organizer believes it has.
 */
export function validateScoringRules(input: unknown): ScoringRulesValidation {
  const errors: Errors = [];
  if (!isPlainObject(input)) return { ok: false, errors: ['Quy tắc tính điểm phải là một đối tượng.'] };
  for (const key of Object.keys(input)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key) && !(OPTIONAL_KEYS as readonly string[]).includes(key)) errors.push(`${key}: trường không được hỗ trợ.`);
  }
  const missing = TOP_LEVEL_KEYS.filter((key) => !(key in input));
  for (const key of missing) errors.push(`${key}: thiếu trường bắt buộc.`);
  if (missing.length > 0) return { ok: false, errors };

  const classRules = readFields(input.class, 'class', { base: { min: 0 }, perAttendee: { min: 0 }, maxPerClass: { min: 0, positive: true } }, errors);
  const services = readServices(input.services, errors);
  const priorityMultipliers = readMultipliers(input.priorityMultipliers, errors);
  const quiz = readFields(input.quiz, 'quiz', { passPoints: { min: 0 }, perScorePoint: { min: 0 }, maxPoints: { min: 0, positive: true } }, errors);
  const dailyCapPerUnit =
    input.dailyCapPerUnit === null ? null : readNumber(input.dailyCapPerUnit, 'dailyCapPerUnit', errors, { min: 0, positive: true });
  const citizenOnce = input.citizenOncePerServicePerMovement;
  if (typeof citizenOnce !== 'boolean') errors.push('citizenOncePerServicePerMovement: phải là true hoặc false.');
  const bonus =
    input.confirmedAssistBonus === undefined || input.confirmedAssistBonus === null
      ? 0
      : readNumber(input.confirmedAssistBonus, 'confirmedAssistBonus', errors, { min: 0, max: MAX_CONFIRMED_ASSIST_BONUS });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rules: {
      class: classRules,
      services,
      priorityMultipliers,
      quiz,
      dailyCapPerUnit,
      citizenOncePerServicePerMovement: citizenOnce === true,
      ...(bonus > 0 ? { confirmedAssistBonus: bonus } : {}),
    },
  };
}
