import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { UnitListDocument, type UnitKind, type UnitListQuery, type UnitListQueryVariables } from '@/gql/graphql';

export type UnitListItem = UnitListQuery['units']['nodes'][number];

/** Either the children of a unit or a search over all units, optionally of one kind. */
export interface UnitListFilter {
  parentId?: string | null;
  search?: string | null;
  kind?: UnitKind | null;
}

export interface UnitListState {
  items: UnitListItem[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  status: 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

export const UNIT_PAGE_SIZE = 50;
/** Lists are kept so "back" shows the pages already loaded; the oldest are dropped past this. */
const MAX_CACHED_LISTS = 40;

function keyOf(filter: UnitListFilter): string {
  return JSON.stringify([filter.parentId ?? null, filter.search?.trim() || null, filter.kind ?? null]);
}

function variablesOf(filter: UnitListFilter, after: string | null): UnitListQueryVariables {
  // Unset filters are left out, not sent as null: `parentId: null` could mean "roots only".
  const variables: UnitListQueryVariables = { first: UNIT_PAGE_SIZE };
  if (filter.parentId) variables.parentId = filter.parentId;
  if (filter.search?.trim()) variables.search = filter.search.trim();
  if (filter.kind) variables.kind = filter.kind;
  if (after) variables.after = after;
  return variables;
}

/** Paginated unit lists ("Xem thêm" appends the next page with the cursor). */
export const useUnitsStore = defineStore('units', () => {
  const lists = reactive(new Map<string, UnitListState>());

  function listFor(filter: UnitListFilter): UnitListState | undefined {
    return lists.get(keyOf(filter));
  }

  async function fetchPage(filter: UnitListFilter, append: boolean): Promise<void> {
    const key = keyOf(filter);
    if (!lists.has(key)) {
      lists.set(key, { items: [], totalCount: 0, hasNextPage: false, endCursor: null, status: 'loading', problem: null });
      if (lists.size > MAX_CACHED_LISTS) lists.delete(lists.keys().next().value!);
    }
    const state = lists.get(key)!; // the reactive proxy: mutations through it update the UI
    state.status = append ? 'loadingMore' : 'loading';
    state.problem = null;

    const result = await urqlClient
      .query(UnitListDocument, variablesOf(filter, append ? state.endCursor : null))
      .toPromise();

    if (result.error || !result.data) {
      state.status = 'error';
      state.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.units;
    state.items = append ? [...state.items, ...page.nodes] : page.nodes;
    state.totalCount = page.totalCount;
    state.hasNextPage = page.pageInfo.hasNextPage;
    state.endCursor = page.pageInfo.endCursor ?? null;
    state.status = 'ready';
  }

  /** Loads the first page unless it is already loaded or loading. */
  async function ensureList(filter: UnitListFilter): Promise<void> {
    const state = listFor(filter);
    if (state && state.status !== 'error') return;
    await fetchPage(filter, Boolean(state?.items.length));
  }

  async function loadMore(filter: UnitListFilter): Promise<void> {
    const state = listFor(filter);
    if (!state || !state.hasNextPage || state.status === 'loading' || state.status === 'loadingMore') return;
    await fetchPage(filter, true);
  }

  return { lists, listFor, ensureList, loadMore };
});
