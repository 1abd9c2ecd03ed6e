import { ref } from 'vue';

/** A new version of the app is installed and waits for the user's "Tải lại". */
export const updateReady = ref(false);
let update: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker (production builds only). A new version does not take over by
 * itself: the page shows "Có phiên bản mới — tải lại" and the worker is swapped when asked.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  update = registerSW({
    immediate: true,
    onNeedRefresh() {
      updateReady.value = true;
    },
    onRegisteredSW(_url, registration) {
      // a long-open tab (an officer's day in the field) still hears of new versions
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 30 * 60 * 1000);
    },
  });
}

export async function applyUpdate(): Promise<void> {
  updateReady.value = false;
  if (!update) return window.location.reload();
  // workbox-window reloads only a page that was already controlled when it registered: a tab that
  // installed the first version (an officer's first visit, kept open all day) reloads here
  let reloading = false;
  navigator.serviceWorker.addEventListener(
    'controllerchange',
    () => {
      if (reloading) return;
      reloading = true;
      window.location.reload();
    },
    { once: true },
  );
  await update(true);
}
