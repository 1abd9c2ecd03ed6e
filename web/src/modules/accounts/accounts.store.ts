import { shareableUrl } from '@thidua/domain';
import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import {
  AccountListDocument,
  CreateAccountDocument,
  DisableAccountDocument,
  EnableAccountDocument,
  ImportAccountsDocument,
  ResetAccountDocument,
  type AccountRowFragment,
  type AccountSetupPartsFragment,
  type CreateAccountInput,
  type ImportAccountsMutation,
  type ImportFormat,
  type Role,
} from '@/gql/graphql';
import { useAuthStore } from '@/modules/auth/auth.store';
import type { Outcome } from '@/app/outcome';

export type AccountRow = AccountRowFragment;
export type AccountImportReport = ImportAccountsMutation['importAccounts'];

export const ACCOUNT_PAGE_SIZE = 20;
const WRITES = { additionalTypenames: ['User', 'UserConnection'] };

/** One printable slip: what a person needs to activate their account. Kept in memory only. */
export interface Slip {
  userId: string;
  username: string;
  displayName: string;
  unitName: string | null;
  setupCode: string;
  expiresAt: string;
  activationUrl: string;
}

export interface AccountFilters {
  search: string;
  role: Role | null;
  unitId: string | null;
}

export interface AccountListState extends AccountFilters {
  items: AccountRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

function toSlip(setup: AccountSetupPartsFragment): Slip {
  return {
    userId: setup.user.id,
    username: setup.user.username,
    displayName: setup.user.displayName,
    unitName: setup.user.unit?.fullName ?? null,
    setupCode: setup.setupCode,
    expiresAt: setup.expiresAt,
    // never a localhost link on a printed slip: the page's own address when the server knows none
    activationUrl: shareableUrl(setup.activationUrl, typeof window === 'undefined' ? null : window.location.origin),
  };
}

/**
 * Accounts in the caller's scope and the writes on them. Setup codes exist only here, in memory,
 * for this session (never in localStorage): the server cannot show them again.
 */
export const useAccountsStore = defineStore('accounts', () => {
  const list = reactive<AccountListState>({
    search: '',
    role: null,
    unitId: null,
    items: [],
    totalCount: 0,
    endCursor: null,
    hasNextPage: false,
    status: 'idle',
    problem: null,
  });
  let latest = 0;

  async function load(filters: AccountFilters, append = false): Promise<void> {
    const request = ++latest;
    if (!append) Object.assign(list, { ...filters, items: [], totalCount: 0, endCursor: null, hasNextPage: false });
    list.status = append ? 'loadingMore' : 'loading';
    list.problem = null;
    const result = await urqlClient
      .query(
        AccountListDocument,
        {
          search: list.search.trim() || null,
          role: list.role,
          unitId: list.unitId,
          first: ACCOUNT_PAGE_SIZE,
          after: append ? list.endCursor : null,
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (request !== latest) return;
    if (result.error || !result.data) {
      list.status = 'error';
      list.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.accounts;
    list.items = append ? [...list.items, ...page.nodes] : page.nodes;
    list.totalCount = page.totalCount;
    list.endCursor = page.pageInfo.endCursor ?? null;
    list.hasNextPage = page.pageInfo.hasNextPage;
    list.status = 'ready';
  }

  function loadMore(): Promise<void> {
    return load(list, true);
  }

  function refresh(): Promise<void> {
    return load({ search: list.search, role: list.role, unitId: list.unitId });
  }

  /** Puts an updated account in place in the list. */
  function replace(row: AccountRow): void {
    const index = list.items.findIndex((item) => item.id === row.id);
    if (index >= 0) list.items.splice(index, 1, row);
  }

  // ---- slips: the one place setup codes live, newest first; a newer code replaces an older one
  const slips = ref<Slip[]>([]);

  function keepSlips(setups: readonly AccountSetupPartsFragment[]): Slip[] {
    const added = setups.map(toSlip);
    const ids = new Set(added.map((s) => s.userId));
    slips.value = [...added, ...slips.value.filter((s) => !ids.has(s.userId))];
    return added;
  }

  function clearSlips(): void {
    slips.value = [];
  }

  // codes never outlive the session that issued them: signing out (or in as someone else) drops them
  const auth = useAuthStore();
  watch(
    () => auth.user?.id ?? null,
    (id, previous) => {
      if (id !== previous) clearSlips();
    },
  );

  async function create(input: CreateAccountInput): Promise<Outcome<Slip>> {
    const result = await urqlClient.mutation(CreateAccountDocument, { input }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    void refresh();
    return { data: keepSlips([result.data.createAccount])[0]!, problem: null };
  }

  async function reset(userId: string): Promise<Outcome<Slip>> {
    const result = await urqlClient.mutation(ResetAccountDocument, { userId }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    replace(result.data.resetAccount.user);
    return { data: keepSlips([result.data.resetAccount])[0]!, problem: null };
  }

  async function disable(userId: string, reason: string): Promise<Outcome<AccountRow>> {
    const result = await urqlClient.mutation(DisableAccountDocument, { userId, reason }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    replace(result.data.disableAccount);
    return { data: result.data.disableAccount, problem: null };
  }

  async function enable(userId: string): Promise<Outcome<AccountRow>> {
    const result = await urqlClient.mutation(EnableAccountDocument, { userId }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    replace(result.data.enableAccount);
    return { data: result.data.enableAccount, problem: null };
  }

  async function importFile(contentBase64: string, format: ImportFormat, dryRun: boolean): Promise<Outcome<AccountImportReport>> {
    const result = await urqlClient.mutation(ImportAccountsDocument, { contentBase64, format, dryRun }, WRITES).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    const report = result.data.importAccounts;
    if (!report.dryRun && report.setups.length) {
      keepSlips(report.setups);
      void refresh();
    }
    return { data: report, problem: null };
  }

  return { list, load, loadMore, refresh, slips, clearSlips, create, reset, disable, enable, importFile };
});
