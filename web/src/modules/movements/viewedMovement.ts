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
