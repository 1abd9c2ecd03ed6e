import {
  DEFAULT_SCORING_RULES,
  PRIORITY_GROUPS,
  SERVICE_CODES,
  pointsForAssist,
  pointsForClass,
  validateScoringRules,
  type ScoringRules,
} from '@thidua/domain';

/** A number field as the form holds it: '' while empty. */
export type NumberInput = number | string;

/** Scoring rules as the editor holds them (every field editable, empty allowed while typing). */
export interface RulesDraft {
  class: { base: NumberInput; perAttendee: NumberInput; maxPerClass: NumberInput };
  services: { code: string; points: NumberInput }[];
  priorityMultipliers: { group: string; value: NumberInput }[];
  quiz: { passPoints: NumberInput; perScorePoint: NumberInput; maxPoints: NumberInput };
  dailyCapEnabled: boolean;
  dailyCap: NumberInput;
  citizenOnce: boolean;
  /** points added to an assist the person helped confirmed (0: none) */
  confirmedBonus: NumberInput;
}

export function draftFromRules(input: unknown): RulesDraft {
  const checked = validateScoringRules(input);
  const rules: ScoringRules = checked.ok ? checked.rules : DEFAULT_SCORING_RULES;
  const codes = [...SERVICE_CODES.filter((code) => Object.hasOwn(rules.services, code)), ...Object.keys(rules.services).filter((c) => !(SERVICE_CODES as readonly string[]).includes(c))];
  return {
    class: { ...rules.class },
    services: codes.map((code) => ({ code, points: rules.services[code]! })),
    priorityMultipliers: PRIORITY_GROUPS.map((group) => ({
      group,
      value: Object.hasOwn(rules.priorityMultipliers, group) ? rules.priorityMultipliers[group]! : 1,
    })),
    quiz: { ...rules.quiz },
    dailyCapEnabled: rules.dailyCapPerUnit !== null,
    dailyCap: rules.dailyCapPerUnit ?? 500,
    citizenOnce: rules.citizenOncePerServicePerMovement,
    confirmedBonus: rules.confirmedAssistBonus ?? 0,
  };
}

function num(value: NumberInput): number {
  return value === '' || value === null ? Number.NaN : Number(value);
}

/** The JSON sent to the API (validated there too); empty fields become NaN and fail validation. */
export function rulesFromDraft(draft: RulesDraft): Record<string, unknown> {
  return {
    class: { base: num(draft.class.base), perAttendee: num(draft.class.perAttendee), maxPerClass: num(draft.class.maxPerClass) },
    services: Object.fromEntries(draft.services.map((s) => [s.code, num(s.points)])),
    priorityMultipliers: Object.fromEntries(draft.priorityMultipliers.map((p) => [p.group, num(p.value)])),
    quiz: { passPoints: num(draft.quiz.passPoints), perScorePoint: num(draft.quiz.perScorePoint), maxPoints: num(draft.quiz.maxPoints) },
    dailyCapPerUnit: draft.dailyCapEnabled ? num(draft.dailyCap) : null,
    citizenOncePerServicePerMovement: draft.citizenOnce,
    // left out when 0, so rules without a bonus stay as they were written
    ...(num(draft.confirmedBonus) === 0 ? {} : { confirmedAssistBonus: num(draft.confirmedBonus) }),
  };
}

export interface RulesCheck {
  rules: ScoringRules | null;
  /** problems by field path ("class.base"); '' for the rules as a whole */
  errors: Record<string, string>;
}

/** Validates a draft with the shared rules (the same messages the API would give). */
export function checkRules(draft: RulesDraft): RulesCheck {
  const result = validateScoringRules(rulesFromDraft(draft));
  if (result.ok) return { rules: result.rules, errors: {} };
  const errors: Record<string, string> = {};
  for (const message of result.errors) {
    const match = /^([A-Za-z0-9_.]+): (.*)$/.exec(message);
    const key = match ? match[1]! : '';
    const text = match ? match[2]!.charAt(0).toLocaleUpperCase('vi-VN') + match[2]!.slice(1) : message;
    errors[key] ??= text;
  }
  return { rules: null, errors };
}

/** The organizer's preview: a class of 30, and VNeID level-2 help for an elderly citizen. */
export function samplePoints(rules: ScoringRules): { classPoints: number; assistPoints: number } {
  return {
    classPoints: pointsForClass(rules, { attendeeCount: 30 }),
    assistPoints: pointsForAssist(rules, { service: 'VNEID_L2', priorityGroups: ['ELDERLY'] }),
  };
}
