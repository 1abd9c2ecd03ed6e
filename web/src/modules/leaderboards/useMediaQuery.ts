import { onScopeDispose, ref, type Ref } from 'vue';

/** Whether a media query matches, kept current (e.g. the board switches from cards to a table). */
export function useMediaQuery(query: string): Ref<boolean> {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(media?.matches ?? false);
  const update = (event: MediaQueryListEvent) => {
    matches.value = event.matches;
  };
  media?.addEventListener('change', update);
  onScopeDispose(() => media?.removeEventListener('change', update));
  return matches;
}
