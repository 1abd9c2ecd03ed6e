import { targetProblems, vietnamDateOf } from '@thidua/domain';
import type { CreateMovementInput, MovementFullFragment, UnitKind, UpdateMovementInput } from '@/gql/graphql';
import type { NumberInput } from './rulesDraft';

export const TARGET_MEASURES = [
  'ADULTS_TRAINED',
  'HOUSEHOLDS_DIGITAL',
  'OFFICERS_TRAINED',
  'GROUPS_WITH_CLASS',
  'CITIZENS_ASSISTED',
  'CLASSES_HELD',
] as const;
/** Measures whose level is a share (0.8 = 80 %): the form asks for a percentage. */
export const RATIO_MEASURES: readonly string[] = ['ADULTS_TRAINED', 'HOUSEHOLDS_DIGITAL', 'OFFICERS_TRAINED'];
/** Kinds that can compete (the country cannot). */
export const COMPETING_KINDS: readonly UnitKind[] = ['PROVINCE', 'COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'];

export interface PhaseDraft {
  key: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface TargetDraft {
  key: string;
  title: string;
  measure: string;
  /** a percentage for ratio measures, a count otherwise */
  level: NumberInput;
  deadline: string;
  weight: NumberInput;
}

export interface MovementDraft {
  title: string;
  description: string;
  scopeUnitId: string | null;
  competingKinds: UnitKind[];
  competingSubtype: string;
  startsOn: string;
  endsOn: string;
  phases: PhaseDraft[];
  targets: TargetDraft[];
}

let keys = 0;
export const nextKey = () => `k${++keys}`;

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function emptyMovementDraft(scopeUnitId: string | null): MovementDraft {
  const today = vietnamDateOf(new Date());
  return {
    title: '',
    description: '',
    scopeUnitId,
    competingKinds: ['COMMUNE'],
    competingSubtype: '',
    startsOn: today,
    endsOn: addDaysIso(today, 90),
    phases: [],
    targets: [],
  };
}

/** 0.8 → 80 without float noise (0.07 × 100 = 7.000000000000001). */
function toPercent(level: number): number {
  return Number((level * 100).toPrecision(12));
}

export function draftFromMovement(movement: MovementFullFragment): MovementDraft {
  return {
    title: movement.title,
    description: movement.description ?? '',
    scopeUnitId: movement.scope.id,
    competingKinds: [...movement.competingKinds],
    competingSubtype: movement.competingSubtype ?? '',
    startsOn: movement.startsOn,
    endsOn: movement.endsOn,
    phases: movement.phases.map((p) => ({ key: nextKey(), name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    targets: movement.targets.map((target) => ({
      key: nextKey(),
      title: target.title,
      measure: target.measure,
      level: RATIO_MEASURES.includes(target.measure) ? toPercent(target.level) : target.level,
      deadline: target.deadline ?? '',
      weight: target.weight,
    })),
  };
}

function levelOf(target: TargetDraft): number {
  const value = Number(target.level);
  return RATIO_MEASURES.includes(target.measure) ? Number((value / 100).toPrecision(12)) : value;
}

/** Problems found before sending, keyed like the API's `extensions.fields` (e.g. "phases.0.name"). */
export function validateMovementDraft(draft: MovementDraft, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = t('movements.form.required');
  if (!draft.scopeUnitId) errors.scopeUnitId = t('movements.form.required');
  if (!draft.competingKinds.length) errors.competingKinds = t('movements.form.kindsRequired');
  if (!draft.startsOn) errors.startsOn = t('movements.form.required');
  if (!draft.endsOn) errors.endsOn = t('movements.form.required');
  else if (draft.startsOn && draft.endsOn < draft.startsOn) errors.endsOn = t('movements.form.datesOrder');
  draft.phases.forEach((phase, i) => {
    if (!phase.name.trim()) errors[`phases.${i}.name`] = t('movements.form.required');
    if (!phase.startsOn || !phase.endsOn) errors[`phases.${i}`] = t('movements.form.required');
    else if (phase.endsOn < phase.startsOn) errors[`phases.${i}`] = t('movements.form.datesOrder');
  });
  draft.targets.forEach((target, i) => {
    if (!target.title.trim()) errors[`targets.${i}.title`] = t('movements.form.required');
    if (target.level === '' || !(Number(target.level) > 0)) errors[`targets.${i}.level`] = t('movements.form.levelPositive');
    else if (draft.startsOn && draft.endsOn)
      // the server's own rule (a share at most 100 %, a deadline inside the movement)
      for (const p of targetProblems({ measure: target.measure, level: levelOf(target), deadline: target.deadline || null }, draft.startsOn, draft.endsOn))
        errors[`targets.${i}.${p.field}`] = p.message;
  });
  return errors;
}

function common(draft: MovementDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description.trim() || null,
    competingKinds: [...draft.competingKinds],
    competingSubtype: draft.competingSubtype.trim() || null,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    phases: draft.phases.map((p) => ({ name: p.name.trim(), startsOn: p.startsOn, endsOn: p.endsOn })),
    targets: draft.targets.map((target) => ({
      title: target.title.trim(),
      measure: target.measure,
      level: levelOf(target),
      deadline: target.deadline || null,
      weight: target.weight === '' ? null : Number(target.weight),
    })),
  };
}

export function createInput(draft: MovementDraft, organizerUnitId: string, rules: unknown): CreateMovementInput {
  return { ...common(draft), organizerUnitId, scopeUnitId: draft.scopeUnitId!, rules };
}

export function updateInput(draft: MovementDraft): UpdateMovementInput {
  return { ...common(draft), scopeUnitId: draft.scopeUnitId };
}
