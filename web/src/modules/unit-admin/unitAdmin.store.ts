import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  AdminUnitDetailDocument,
  AdminUnitListDocument,
  CreateUnitDocument,
  DeactivateUnitDocument,
  ImportUnitsDocument,
  UpdateUnitDocument,
  type AdminUnitDetailQuery,
  type AdminUnitFragment,
  type AdminUnitListQuery,
  type AdminUnitListQueryVariables,
  type CreateUnitInput,
  type ImportFormat,
  type ImportUnitsMutation,
  type UpdateUnitInput,
} from '@/gql/graphql';
import { useUnitsStore } from '@/modules/units/units.store';
import type { Outcome } from '@/app/outcome';

export type AdminUnit = AdminUnitFragment;
export type AdminUnitDetail = NonNullable<AdminUnitDetailQuery['unit']>;
export type AdminUnitListItem = AdminUnitListQuery['units']['nodes'][number];
export type UnitImportReport = ImportUnitsMutation['importUnits'];

export const ADMIN_UNIT_PAGE_SIZE = 30;
/** the editor always reads fresh rows: another admin may have changed the tree meanwhile */
const FRESH = { requestPolicy: 'network-only' as const };
const WRITES = { additionalTypenames: ['Unit', 'UnitConnection'] };

/** The children of a unit, or — with `search` — matching units anywhere inside `scopeId`'s subtree. */
export interface AdminUnitFilter {
  parentId: string;
  scopeId: string;
  search: string;
  includeDeactivated: boolean;
}

export interface AdminUnitListState {
  filter: AdminUnitFilter | null;
  items: AdminUnitListItem[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

function variablesOf(filter: AdminUnitFilter, after: string | null): AdminUnitListQueryVariables {
  const variables: AdminUnitListQueryVariables = { first: ADMIN_UNIT_PAGE_SIZE, includeDeactivated: filter.includeDeactivated };
  if (filter.search) variables.search = filter.search;
  else variables.parentId = filter.parentId;
  if (after) variables.after = after;
  return variables;
}

/** The unit tree editor: the list under the current unit, and every write an ADMIN makes to the tree. */
export const useUnitAdminStore = defineStore('unitAdmin', () => {
  const list = reactive<AdminUnitListState>({
    filter: null,
    items: [],
    totalCount: 0,
    hasNextPage: false,
    endCursor: null,
    status: 'idle',
    problem: null,
  });
  /** bumped on every load so a slow answer for an older filter is dropped */
  let generation = 0;

  async function fetchPage(filter: AdminUnitFilter, append: boolean): Promise<void> {
    const mine = ++generation;
    if (!append) {
      list.filter = filter;
      list.items = [];
      list.totalCount = 0;
      list.hasNextPage = false;
      list.endCursor = null;
    }
    list.status = append ? 'loadingMore' : 'loading';
    list.problem = null;
    const result = await urqlClient.query(AdminUnitListDocument, variablesOf(filter, append ? list.endCursor : null), FRESH).toPromise();
    if (mine !== generation) return;
    if (result.error || !result.data) {
      list.status = 'error';
      list.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.units;
    // a search runs over the whole country: keep what lies inside the admin's own subtree
    const inScope = (unit: AdminUnitListItem) =>
      !filter.search || unit.id === filter.scopeId || unit.ancestors.some((a) => a.id === filter.scopeId);
    list.items = append ? [...list.items, ...page.nodes.filter(inScope)] : page.nodes.filter(inScope);
    list.totalCount = page.totalCount;
    list.hasNextPage = page.pageInfo.hasNextPage;
    list.endCursor = page.pageInfo.endCursor ?? null;
    list.status = 'ready';
  }

  function load(filter: AdminUnitFilter): Promise<void> {
    return fetchPage(filter, false);
  }

  function reload(): Promise<void> {
    return list.filter ? fetchPage(list.filter, false) : Promise.resolve();
  }

  function loadMore(): Promise<void> {
    if (!list.filter || !list.hasNextPage || list.status === 'loading' || list.status === 'loadingMore') return Promise.resolve();
    return fetchPage(list.filter, true);
  }

  async function fetchUnit(id: string): Promise<Outcome<AdminUnitDetail>> {
    const result = await urqlClient.query(AdminUnitDetailDocument, { id }, FRESH).toPromise();
    if (result.error) return { data: null, problem: toApiProblem(result.error) };
    if (!result.data?.unit) return { data: null, problem: { code: 'NOT_FOUND', message: null } };
    return { data: result.data.unit, problem: null };
  }

  /** the public unit pages cache their lists: after a write they must read the tree again */
  function afterWrite(): void {
    useUnitsStore().lists.clear();
  }

  async function createUnit(input: CreateUnitInput): Promise<Outcome<AdminUnit>> {
    const result = await urqlClient.mutation(CreateUnitDocument, { input }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    afterWrite();
    return { data: result.data.createUnit, problem: null };
  }

  async function updateUnit(id: string, input: UpdateUnitInput): Promise<Outcome<AdminUnit>> {
    const result = await urqlClient.mutation(UpdateUnitDocument, { id, input }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    afterWrite();
    return { data: result.data.updateUnit, problem: null };
  }

  async function deactivateUnit(id: string, reason: string): Promise<Outcome<AdminUnit>> {
    const result = await urqlClient.mutation(DeactivateUnitDocument, { id, reason }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    afterWrite();
    return { data: result.data.deactivateUnit, problem: null };
  }

  async function importUnits(args: {
    parentId: string;
    contentBase64: string;
    format: ImportFormat;
    dryRun: boolean;
  }): Promise<Outcome<UnitImportReport>> {
    const result = await urqlClient.mutation(ImportUnitsDocument, args, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    if (!args.dryRun) afterWrite();
    return { data: result.data.importUnits, problem: null };
  }

  return { list, load, reload, loadMore, fetchUnit, createUnit, updateUnit, deactivateUnit, importUnits };
});
