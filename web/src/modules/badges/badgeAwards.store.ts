import { defineStore } from 'pinia';
import { ref } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  AwardBadgeDocument,
  CitizenBadgeAwardsDocument,
  BadgeGalleryDocument,
  RevokeBadgeAwardDocument,
  type AwardBadgeInput,
  type BadgeAwardPublicFragment,
  type BadgeDefinitionFragment,
} from '@/gql/graphql';
import type { Outcome } from '@/app/outcome';

export type StaffAward = BadgeAwardPublicFragment;
export type BadgeDefinition = BadgeDefinitionFragment;

/** The citizen a leader is looking at, and their household (awards are kept per holder). */
export interface CitizenHolder {
  id: string;
  fullName: string | null;
  householdId: string | null;
  householdHead: string | null;
}

/** Manually awardable badges for this citizen: their own, and their household's when they have one. */
export function awardableBadges(definitions: readonly BadgeDefinition[], holder: CitizenHolder): BadgeDefinition[] {
  return definitions.filter((d) => d.manualAllowed && (d.audience === 'CITIZEN' || (d.audience === 'HOUSEHOLD' && holder.householdId != null)));
}

// valid before revoked, the person's own before the household's, then the newest first
export function sortAwards(awards: readonly StaffAward[]): StaffAward[] {
  const rank = (a: StaffAward) => (a.badge.audience === 'CITIZEN' ? 0 : 1);
  return [...awards].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'VALID' ? -1 : 1;
    return rank(a) - rank(b) || b.issuedAt.localeCompare(a.issuedAt);
  });
}

/** Badge work of leaders: the definitions, a citizen's awards, awarding by hand and revoking (both with a reason). */
export const useBadgeAwardsStore = defineStore('badgeAwards', () => {
  const definitions = ref<BadgeDefinition[]>([]);
  const definitionsProblem = ref<ApiProblem | null>(null);
  const definitionsLoading = ref(false);

  async function loadDefinitions(): Promise<void> {
    if (definitions.value.length) return;
    definitionsLoading.value = true;
    definitionsProblem.value = null;
    const result = await urqlClient.query(BadgeGalleryDocument, {}).toPromise();
    definitionsLoading.value = false;
    if (result.error || !result.data) definitionsProblem.value = toApiProblem(result.error);
    else definitions.value = result.data.badges;
  }

  /** The citizen's and the household's awards, as the API has them now. */
  async function loadHolderAwards(holder: CitizenHolder): Promise<Outcome<StaffAward[]>> {
    const result = await urqlClient.query(CitizenBadgeAwardsDocument, { citizenId: holder.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: sortAwards(result.data.citizenBadgeAwards), problem: null };
  }

  async function award(holder: CitizenHolder, badge: BadgeDefinition, reason: string): Promise<Outcome<StaffAward>> {
    const input: AwardBadgeInput =
      badge.audience === 'HOUSEHOLD'
        ? { badgeCode: badge.code, householdId: holder.householdId, reason }
        : { badgeCode: badge.code, citizenId: holder.id, reason };
    const result = await urqlClient.mutation(AwardBadgeDocument, { input }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.awardBadge, problem: null };
  }

  async function revoke(id: string, reason: string): Promise<Outcome<StaffAward>> {
    const result = await urqlClient.mutation(RevokeBadgeAwardDocument, { id, reason }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.revokeBadgeAward, problem: null };
  }

  return { definitions, definitionsProblem, definitionsLoading, loadDefinitions, loadHolderAwards, award, revoke };
});
