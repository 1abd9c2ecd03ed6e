import { nextTick } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { authRoutes } from '@/modules/auth/routes';
import { useAuthStore } from '@/modules/auth/auth.store';
import { unitRoutes } from '@/modules/units/routes';

/** Feature modules contribute their routes here; the shell adds only the 404 page. */
const routes: RouteRecordRaw[] = [
  ...unitRoutes,
  ...authRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    if (to.path === from.path) return false; // query-only changes (search text) keep the scroll
    return { top: 0 };
  },
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresAuth) return true;
  const auth = useAuthStore();
  await auth.ensureLoaded();
  if (auth.user) return true;
  return { name: 'login', query: { redirect: to.fullPath } };
});

// After an in-app page change, move focus to the main landmark so screen readers start there.
router.afterEach((to, from, failure) => {
  if (failure || !from.matched.length || to.path === from.path) return;
  void nextTick(() => document.getElementById('main-content')?.focus({ preventScroll: true }));
});
