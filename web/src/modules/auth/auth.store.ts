import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { clearLastSeen } from '@/app/last-seen';
import { LoginDocument, LogoutDocument, MeDocument, type CurrentUserFragment } from '@/gql/graphql';

export type CurrentUser = CurrentUserFragment;

/** The signed-in user. The session itself is an HttpOnly cookie the browser sends with each request. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  /** True once `me` has answered (or failed), so the UI can tell "anonymous" from "not known yet". */
  const loaded = ref(false);
  const busy = ref(false);
  let pending: Promise<void> | null = null;

  const role = computed(() => user.value?.role ?? null);

  async function fetchMe(): Promise<void> {
    const result = await urqlClient.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    // A failed `me` (API down) leaves the visitor anonymous; pages show their own errors.
    user.value = result.data?.me ?? null;
    loaded.value = true;
  }

  /** Loads the current user once; concurrent callers share the same request. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    pending ??= fetchMe().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function login(username: string, password: string): Promise<ApiProblem | null> {
    busy.value = true;
    try {
      const result = await urqlClient
        .mutation(LoginDocument, { username, password }, { additionalTypenames: ['User'] })
        .toPromise();
      if (result.error || !result.data) return toApiProblem(result.error);
      // what the previous person saw on this device is not shown to the next
      await clearLastSeen();
      user.value = result.data.login;
      loaded.value = true;
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function logout(): Promise<boolean> {
    busy.value = true;
    try {
      const result = await urqlClient
        .mutation(LogoutDocument, {}, { additionalTypenames: ['User'] })
        .toPromise();
      if (result.error) return false;
      await clearLastSeen();
      user.value = null;
      return true;
    } finally {
      busy.value = false;
    }
  }

  return { user, loaded, busy, role, ensureLoaded, fetchMe, login, logout };
});
