import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  ActivityListDocument,
  type ActivityDetailsFragment,
  type ActivityKind,
  type ActivityListQueryVariables,
  type ActivityStatus,
} from '@/gql/graphql';

export type ActivityItem = ActivityDetailsFragment;

export interface ActivityListFilter {
  movementId?: string | null;
  unitId?: string | null;
  status?: ActivityStatus | null;
  kind?: ActivityKind | null;
  flagged?: boolean | null;
  /** confirmed by the person helped (true) or not yet (false) */
  confirmed?: boolean | null;
}

export interface ActivityListState {
  items: ActivityItem[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  status: 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
  /** Items were removed here since the last fetch (reviewed): the cursor is stale. */
  stale: boolean;
}

export const ACTIVITY_PAGE_SIZE = 20;
const MAX_CACHED_LISTS = 20;

export function activityListKey(filter: ActivityListFilter): string {
  return JSON.stringify([
    filter.movementId ?? null,
    filter.unitId ?? null,
    filter.status ?? null,
    filter.kind ?? null,
    filter.flagged ?? null,
    filter.confirmed ?? null,
  ]);
}

function variablesOf(filter: ActivityListFilter, first: number, after: string | null): ActivityListQueryVariables {
  const variables: ActivityListQueryVariables = { first };
  if (filter.movementId) variables.movementId = filter.movementId;
  if (filter.unitId) variables.unitId = filter.unitId;
  if (filter.status) variables.status = filter.status;
  if (filter.kind || filter.flagged != null || filter.confirmed != null) {
    variables.filter = {};
    if (filter.kind) variables.filter.kind = filter.kind;
    if (filter.flagged != null) variables.filter.flagged = filter.flagged;
    if (filter.confirmed != null) variables.filter.confirmed = filter.confirmed;
  }
  if (after) variables.after = after;
  return variables;
}

/** Paginated activity lists: the unit's submissions (officer) and the review queues (leader). */
export const useActivitiesStore = defineStore('activities', () => {
  const lists = reactive(new Map<string, ActivityListState>());

  function listFor(filter: ActivityListFilter): ActivityListState | undefined {
    return lists.get(activityListKey(filter));
  }

  function stateFor(filter: ActivityListFilter): ActivityListState {
    const key = activityListKey(filter);
    if (!lists.has(key)) {
      lists.set(key, {
        items: [],
        totalCount: 0,
        hasNextPage: false,
        endCursor: null,
        status: 'loading',
        problem: null,
        stale: false,
      });
      if (lists.size > MAX_CACHED_LISTS) lists.delete(lists.keys().next().value!);
    }
    return lists.get(key)!;
  }

  async function fetchPage(filter: ActivityListFilter, first: number, after: string | null) {
    return urqlClient
      .query(ActivityListDocument, variablesOf(filter, first, after), { requestPolicy: 'network-only' })
      .toPromise();
  }

  /** (Re)loads from the first page; keeps at least `atLeast` items when asked (after a stale cursor). */
  async function reload(filter: ActivityListFilter, atLeast = ACTIVITY_PAGE_SIZE): Promise<void> {
    const state = stateFor(filter);
    state.status = state.items.length ? 'loadingMore' : 'loading';
    state.problem = null;
    const collected: ActivityItem[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await fetchPage(filter, Math.min(100, Math.max(ACTIVITY_PAGE_SIZE, atLeast - collected.length)), after);
      if (result.error || !result.data) {
        state.status = 'error';
        state.problem = toApiProblem(result.error);
        return;
      }
      const page = result.data.activities;
      collected.push(...page.nodes.filter((node) => !collected.some((item) => item.id === node.id)));
      state.totalCount = page.totalCount;
      state.hasNextPage = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor ?? null;
      if (!page.pageInfo.hasNextPage || collected.length >= atLeast || !after) break;
    }
    state.items = collected;
    state.endCursor = after;
    state.stale = false;
    state.status = 'ready';
  }

  async function ensureList(filter: ActivityListFilter): Promise<void> {
    const state = listFor(filter);
    if (state && state.status !== 'error') return;
    await reload(filter);
  }

  async function loadMore(filter: ActivityListFilter): Promise<void> {
    const state = listFor(filter);
    if (!state || !state.hasNextPage || state.status === 'loading' || state.status === 'loadingMore') return;
    if (state.stale) {
      // reviewed items left the queue, so the offset cursor would skip some: refetch from the start
      await reload(filter, state.items.length + ACTIVITY_PAGE_SIZE);
      return;
    }
    state.status = 'loadingMore';
    state.problem = null;
    const result = await fetchPage(filter, ACTIVITY_PAGE_SIZE, state.endCursor);
    if (result.error || !result.data) {
      state.status = 'error';
      state.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.activities;
    state.items = [...state.items, ...page.nodes.filter((node) => !state.items.some((item) => item.id === node.id))];
    state.totalCount = page.totalCount;
    state.hasNextPage = page.pageInfo.hasNextPage;
    state.endCursor = page.pageInfo.endCursor ?? null;
    state.status = 'ready';
  }

  /** An activity changed status: drop it from lists it no longer belongs to, update it elsewhere. */
  function applyChange(activity: ActivityItem): void {
    for (const [key, state] of lists) {
      const index = state.items.findIndex((item) => item.id === activity.id);
      if (index === -1) {
        // it may belong to lists not showing it yet (the approved tab): they reload when opened
        if (JSON.parse(key)[2] === activity.status) lists.delete(key);
        continue;
      }
      const status = JSON.parse(key)[2] as string | null;
      if (status && status !== activity.status) {
        state.items.splice(index, 1);
        state.totalCount = Math.max(0, state.totalCount - 1);
        state.stale = true;
      } else {
        state.items.splice(index, 1, activity);
      }
    }
  }

  /** Forget lists (after a bulk approval or a sync): they reload when shown again. */
  function invalidate(): void {
    lists.clear();
  }

  return { lists, listFor, ensureList, reload, loadMore, applyChange, invalidate };
});
