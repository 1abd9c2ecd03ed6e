/**
 * The keys of a WAI-ARIA tab list: Left and Right move to the previous or next tab (round the
 * ends), Home and End to the first or last; the tab moved to is chosen and takes the focus. Tabs
 * not chosen are left out of the Tab order (tabindex -1), so Tab goes on to the panel.
 */
export function onTabKeydown(event: KeyboardEvent, index: number, count: number, choose: (index: number) => void): void {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : step ? (index + step + count) % count : -1;
  if (next < 0) return;
  event.preventDefault();
  choose(next);
  const list = (event.currentTarget as HTMLElement | null)?.closest('[role="tablist"]');
  list?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
}
