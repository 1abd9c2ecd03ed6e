import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  CitizenListDocument,
  HouseholdListDocument,
  ImportCitizensDocument,
  IssueCitizenAccountDocument,
  LinkActivityParticipantsDocument,
  RegisterCitizenDocument,
  RegisterHouseholdDocument,
  type CitizenRowFragment,
  type HouseholdRowFragment,
  type ImportCitizensMutation,
  type ImportFormat,
  type RegisterCitizenInput,
  type RegisterHouseholdInput,
} from '@/gql/graphql';
import type { Outcome } from '@/app/outcome';

export type CitizenRow = CitizenRowFragment;
export type HouseholdRow = HouseholdRowFragment;
export type ImportReport = ImportCitizensMutation['importCitizens'];

export const CITIZEN_PAGE_SIZE = 25;
const GROUP_KEY = 'thidua.citizenGroup';
/** mutations that change who lives where: lists reading these typenames are refetched */
const WRITES = { additionalTypenames: ['Citizen', 'Household', 'CitizenConnection'] };

export interface CitizenListState {
  unitId: string;
  search: string;
  items: CitizenRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

/** The officer's residential group, its citizens (paged, searchable) and households, and the writes. */
export const useCitizensStore = defineStore('citizens', () => {
  const groupId = ref<string | null>(readGroup());
  watch(groupId, (id) => {
    try {
      if (id) sessionStorage.setItem(GROUP_KEY, id);
      else sessionStorage.removeItem(GROUP_KEY);
    } catch {
      // not kept across reloads; fine
    }
  });

  const list = reactive<CitizenListState>({
    unitId: '',
    search: '',
    items: [],
    totalCount: 0,
    endCursor: null,
    hasNextPage: false,
    status: 'idle',
    problem: null,
  });
  let latest = 0;

  async function loadCitizens(unitId: string, search: string, append = false): Promise<void> {
    const request = ++latest;
    if (!append) Object.assign(list, { unitId, search, items: [], totalCount: 0, endCursor: null, hasNextPage: false });
    list.status = append ? 'loadingMore' : 'loading';
    list.problem = null;
    const result = await urqlClient
      .query(
        CitizenListDocument,
        { unitId, search: search.trim() || null, first: CITIZEN_PAGE_SIZE, after: append ? list.endCursor : null },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (request !== latest) return;
    if (result.error || !result.data) {
      list.status = 'error';
      list.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.citizens;
    list.items = append ? [...list.items, ...page.nodes] : page.nodes;
    list.totalCount = page.totalCount;
    list.endCursor = page.pageInfo.endCursor ?? null;
    list.hasNextPage = page.pageInfo.hasNextPage;
    list.status = 'ready';
  }

  const households = ref<HouseholdRow[]>([]);
  const householdsProblem = ref<ApiProblem | null>(null);
  const householdsLoading = ref(false);

  async function loadHouseholds(unitId: string): Promise<void> {
    householdsLoading.value = true;
    householdsProblem.value = null;
    const result = await urqlClient.query(HouseholdListDocument, { unitId }, { requestPolicy: 'network-only' }).toPromise();
    householdsLoading.value = false;
    if (result.error || !result.data) {
      householdsProblem.value = toApiProblem(result.error);
      households.value = [];
      return;
    }
    households.value = result.data.households;
  }

  async function registerHousehold(input: RegisterHouseholdInput): Promise<Outcome<HouseholdRow>> {
    const result = await urqlClient.mutation(RegisterHouseholdDocument, { input }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    households.value = [...households.value, result.data.registerHousehold].sort((a, b) => a.headName.localeCompare(b.headName, 'vi'));
    return { data: result.data.registerHousehold, problem: null };
  }

  async function registerCitizen(input: RegisterCitizenInput): Promise<Outcome<CitizenRow>> {
    const result = await urqlClient.mutation(RegisterCitizenDocument, { input }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.registerCitizen, problem: null };
  }

  async function issueAccount(citizenId: string): Promise<Outcome<{ username: string; setupCode: string }>> {
    const result = await urqlClient.mutation(IssueCitizenAccountDocument, { citizenId }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.issueCitizenAccount, problem: null };
  }

  async function importFile(args: {
    unitId: string;
    contentBase64: string;
    format: ImportFormat;
    dryRun: boolean;
    onlyValidRows: boolean;
  }): Promise<Outcome<ImportReport>> {
    const result = await urqlClient.mutation(ImportCitizensDocument, args, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.importCitizens, problem: null };
  }

  async function linkParticipants(activityId: string, citizenIds: string[]): Promise<Outcome<number>> {
    const result = await urqlClient.mutation(LinkActivityParticipantsDocument, { activityId, citizenIds }).toPromise();
    if (result.error || result.data == null) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.linkActivityParticipants, problem: null };
  }

  return {
    groupId,
    list,
    loadCitizens,
    households,
    householdsProblem,
    householdsLoading,
    loadHouseholds,
    registerHousehold,
    registerCitizen,
    issueAccount,
    importFile,
    linkParticipants,
  };
});

function readGroup(): string | null {
  try {
    return sessionStorage.getItem(GROUP_KEY);
  } catch {
    return null;
  }
}
