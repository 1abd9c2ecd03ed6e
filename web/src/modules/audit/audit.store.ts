import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { AuditLogDocument, type AuditLogQuery } from '@/gql/graphql';

export type AuditEntry = AuditLogQuery['auditLog']['nodes'][number];
export const AUDIT_PAGE_SIZE = 30;

export interface AuditFilters {
  /** exact action or a prefix ending in "." */
  action: string | null;
  unitId: string | null;
  from: string | null;
  to: string | null;
}

interface AuditListState extends AuditFilters {
  items: AuditEntry[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

/** The audit log as the reader may see it, newest first, paged with the server's cursor. */
export const useAuditStore = defineStore('audit', () => {
  const list = reactive<AuditListState>({
    action: null,
    unitId: null,
    from: null,
    to: null,
    items: [],
    totalCount: 0,
    endCursor: null,
    hasNextPage: false,
    status: 'idle',
    problem: null,
  });
  let latest = 0;

  async function load(filters: AuditFilters, append = false): Promise<void> {
    const request = ++latest;
    if (!append) Object.assign(list, { ...filters, items: [], totalCount: 0, endCursor: null, hasNextPage: false });
    list.status = append ? 'loadingMore' : 'loading';
    list.problem = null;
    const result = await urqlClient
      .query(
        AuditLogDocument,
        { action: list.action, unitId: list.unitId, from: list.from, to: list.to, first: AUDIT_PAGE_SIZE, after: append ? list.endCursor : null },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (request !== latest) return;
    if (result.error || !result.data) {
      list.status = 'error';
      list.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.auditLog;
    list.items = append ? [...list.items, ...page.nodes] : page.nodes;
    list.totalCount = page.totalCount;
    list.endCursor = page.pageInfo.endCursor ?? null;
    list.hasNextPage = page.pageInfo.hasNextPage;
    list.status = 'ready';
  }

  const loadMore = () => load(list, true);
  const refresh = () => load({ action: list.action, unitId: list.unitId, from: list.from, to: list.to });

  return { list, load, loadMore, refresh };
});
