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
