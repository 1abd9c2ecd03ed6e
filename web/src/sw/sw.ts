/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell and every route's code at install (the list is
 * written into `self.__WB_MANIFEST` by vite-plugin-pwa at build time), answers every navigation
 * with the cached index.html so any page opens with no signal, and waits for the page's word
 * ("Tải lại") before a new version takes over. GraphQL, evidence and exports always go to the
 * network: data is never served stale by the worker; the app shows the last data it saw itself.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// API paths are never the app shell
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/graphql/, /^\/api\//, /^\/healthz/, /^\/metrics/] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** What the API sends by Web Push (api/src/modules/notifications/web-push.ts). */
interface PushMessage {
  title?: string;
  body?: string;
  link?: string | null;
  kind?: string;
}

// a notification pushed while the app is closed: shown by the system, a tap opens what it is about
self.addEventListener('push', (event) => {
  let message: PushMessage = {};
  try {
    message = (event.data?.json() as PushMessage | undefined) ?? {};
  } catch {
    message = { body: event.data?.text() };
  }
  const link = typeof message.link === 'string' && message.link.startsWith('/') ? message.link : '/thong-bao';
  event.waitUntil(
    self.registration.showNotification(message.title || 'Thi đua số', {
      body: message.body ?? '',
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      lang: 'vi',
      // a leader's review summary replaces the previous one instead of piling up
      tag: message.kind === 'REVIEW_WAITING' ? 'review-waiting' : undefined,
      data: { link },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = (event.notification.data as { link?: string } | null)?.link ?? '/thong-bao';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin) as WindowClient | undefined;
      if (open) {
        await open.focus();
        await open.navigate(link).catch(() => undefined);
      } else await self.clients.openWindow(link);
    })(),
  );
});
