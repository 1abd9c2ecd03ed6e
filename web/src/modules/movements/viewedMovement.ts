import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';

/** The movement the page on screen is about (a board, a unit's standings, the home): the header names it. */
export const useViewedMovementStore = defineStore('viewedMovement', () => {
  const id = ref<string | null>(null);
  return { id };
});

/** Declares the movement a page shows, for as long as the page is on screen. */
export function useViewedMovement(movementId: () => string | null | undefined): void {
  const store = useViewedMovementStore();
  watch(
    movementId,
    (id) => {
      store.id = id ?? null;
    },
    { immediate: true },
  );
  // the next page has already said what it shows by now: only clear what is still ours
  onScopeDispose(() => {
    if (store.id === (movementId() ?? null)) store.id = null;
  });
}

/**
 * The movement shown when a page is about no movement in particular: the national movement when
 * one is running, else the one that started last. The header and the recording form choose alike.
 */
export function preferredMovement<M extends { startsOn: string; scope: { kind: string } }>(movements: readonly M[]): M | null {
  const nodes = [...movements];
  nodes.sort((a, b) => Number(b.scope.kind === 'COUNTRY') - Number(a.scope.kind === 'COUNTRY') || b.startsOn.localeCompare(a.startsOn));
  return nodes[0] ?? null;
}
