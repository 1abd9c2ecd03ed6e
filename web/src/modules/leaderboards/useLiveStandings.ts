import { computed, onScopeDispose, watch } from 'vue';
import { urqlClient } from '@/app/urql';
import { StandingsChangedDocument } from '@/gql/graphql';
import { boardKey, useStandingsStore, type BoardParams } from './leaderboards.store';

/** After a change event on a board the subscription cannot deliver itself, refetch at most this often. */
const REFETCH_THROTTLE_MS = 2000;

/**
 * A leaderboard that keeps itself current: loads `params`, and while `live()` holds listens to
 * `leaderboardChanged` over graphql-ws. The subscription always carries the whole-movement board,
 * so for that view the pushed rows replace the shown ones in place; any other view (a period,
 * "around me", residential groups) is refetched when the event arrives.
 */
export function useLiveStandings(params: () => BoardParams | null, live: () => boolean) {
  const store = useStandingsStore();
  // every variable, `first` included: more rows means a new request (the board key leaves it out)
  const signature = computed(() => {
    const p = params();
    return p ? JSON.stringify([boardKey(p), p.first]) : null;
  });

  watch(
    signature,
    () => {
      const p = params();
      if (p) void store.loadBoard(p);
    },
    { immediate: true },
  );

  let unsubscribe: (() => void) | null = null;
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  let lastRefetch = 0;

  function refetchSoon(p: BoardParams): void {
    if (refetchTimer) return;
    const wait = Math.max(0, lastRefetch + REFETCH_THROTTLE_MS - Date.now());
    refetchTimer = setTimeout(() => {
      refetchTimer = undefined;
      lastRefetch = Date.now();
      void store.loadBoard(p);
    }, wait);
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
    clearTimeout(refetchTimer);
    refetchTimer = undefined;
  }

  watch(
    [signature, live],
    () => {
      stop();
      const p = params();
      if (!p || !live()) return;
      const pushedAsIs = !p.from && !p.to && !p.phaseId && !p.aroundUnitId && !p.unitKind;
      const variables = {
        movementId: p.movementId,
        scope: p.scope,
        metric: p.metric,
        first: p.first,
        ...(p.offset ? { offset: p.offset } : {}),
        ...(p.withinUnitId ? { withinUnitId: p.withinUnitId } : {}),
      };
      const subscription = urqlClient.subscription(StandingsChangedDocument, variables).subscribe((result) => {
        const board = result.data?.leaderboardChanged;
        if (!board) return;
        if (pushedAsIs) store.applyLive(p, board);
        else refetchSoon(p);
      });
      unsubscribe = () => subscription.unsubscribe();
    },
    { immediate: true },
  );

  onScopeDispose(stop);

  const state = computed(() => store.boardFor(params()));
  function retry(): void {
    const p = params();
    if (p) void store.loadBoard(p);
  }
  return { state, retry };
}
