import { defineStore } from 'pinia';
import { ref } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  ApplyRuleVersionDocument,
  CloseMovementDocument,
  CreateMovementDocument,
  DefineMovementBadgeDocument,
  OpenMovementDocument,
  RemoveMovementBadgeDocument,
  SetScoringRulesDocument,
  UpdateMovementDocument,
  type ApplyRuleVersionMutation,
  type CreateMovementInput,
  type MovementBadgeInput,
  type MovementFullFragment,
  type UpdateMovementInput,
} from '@/gql/graphql';

export type MovementResult = { movement: MovementFullFragment; problem: null } | { movement: null; problem: ApiProblem };

// Lists of movements (header, record page, review filters) are refetched after a change.
const context = { additionalTypenames: ['Movement'] };

/** Organizer actions on movements, and a one-shot message carried to the next page. */
export const useMovementAdminStore = defineStore('movementAdmin', () => {
  const flash = ref<string | null>(null);

  function takeFlash(): string | null {
    const message = flash.value;
    flash.value = null;
    return message;
  }

  async function run<T>(
    operation: Promise<{ data?: T; error?: unknown }>,
    pick: (data: T) => MovementFullFragment,
  ): Promise<MovementResult> {
    const result = await operation;
    if (result.error || !result.data) return { movement: null, problem: toApiProblem(result.error) };
    return { movement: pick(result.data), problem: null };
  }

  const create = (input: CreateMovementInput) =>
    run(urqlClient.mutation(CreateMovementDocument, { input }, context).toPromise(), (d) => d.createMovement);
  const update = (id: string, input: UpdateMovementInput) =>
    run(urqlClient.mutation(UpdateMovementDocument, { id, input }, context).toPromise(), (d) => d.updateMovement);
  const setRules = (movementId: string, rules: unknown, note: string | null) =>
    run(urqlClient.mutation(SetScoringRulesDocument, { movementId, rules, note }, context).toPromise(), (d) => d.setScoringRules);
  const open = (id: string) => run(urqlClient.mutation(OpenMovementDocument, { id }, context).toPromise(), (d) => d.openMovement);
  const close = (id: string) => run(urqlClient.mutation(CloseMovementDocument, { id }, context).toPromise(), (d) => d.closeMovement);

  /** Applies a rule version to the running movement (a reason is required); boards and totals follow. */
  async function applyRuleVersion(
    movementId: string,
    ruleVersion: number,
    reason: string,
  ): Promise<{ summary: ApplyRuleVersionMutation['applyRuleVersion']; problem: null } | { summary: null; problem: ApiProblem }> {
    const result = await urqlClient
      .mutation(ApplyRuleVersionDocument, { movementId, ruleVersion, reason }, { additionalTypenames: ['Movement', 'Leaderboard'] })
      .toPromise();
    if (result.error || !result.data) return { summary: null, problem: toApiProblem(result.error) };
    return { summary: result.data.applyRuleVersion, problem: null };
  }

  /** A unit badge of the movement's own (awarded at its close); the movement is read again after. */
  async function defineBadge(movementId: string, input: MovementBadgeInput): Promise<ApiProblem | null> {
    const result = await urqlClient.mutation(DefineMovementBadgeDocument, { movementId, input }, context).toPromise();
    return result.error || !result.data ? toApiProblem(result.error) : null;
  }

  async function removeBadge(movementId: string, code: string): Promise<ApiProblem | null> {
    const result = await urqlClient.mutation(RemoveMovementBadgeDocument, { movementId, code }, context).toPromise();
    return result.error || !result.data ? toApiProblem(result.error) : null;
  }

  return { flash, takeFlash, create, update, setRules, open, close, applyRuleVersion, defineBadge, removeBadge };
});
