import { nextTick } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { accountRoutes } from '@/modules/accounts/routes';
import { activityRoutes } from '@/modules/activities/routes';
import { authRoutes } from '@/modules/auth/routes';
import { auditRoutes } from '@/modules/audit/routes';
import { badgeRoutes } from '@/modules/badges/routes';
import { citizenRoutes } from '@/modules/citizens/routes';
import { useAuthStore } from '@/modules/auth/auth.store';
import { homeRoutes } from '@/modules/home/routes';
import { leaderboardRoutes } from '@/modules/leaderboards/routes';
import { movementRoutes } from '@/modules/movements/routes';
import { quizRoutes } from '@/modules/quizzes/routes';
import { unitAdminRoutes } from '@/modules/unit-admin/routes';
import { unitRoutes } from '@/modules/units/routes';
import { notificationRoutes } from '@/modules/notifications/routes';
import { personalDataRoutes } from '@/modules/personal-data/routes';
import { confirmationRoutes } from '@/modules/confirmations/routes';

/** Feature modules contribute their routes here; the shell adds only the 404 page. */
const routes: RouteRecordRaw[] = [
  ...homeRoutes,
  ...unitRoutes,
  ...activityRoutes,
  ...movementRoutes,
  ...leaderboardRoutes,
  ...quizRoutes,
  ...badgeRoutes,
  ...citizenRoutes,
  ...unitAdminRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...auditRoutes,
  ...notificationRoutes,
  ...personalDataRoutes,
  ...confirmationRoutes,
  {
    path: '/khong-co-quyen',
    name: 'forbidden',
    component: () => import('./ForbiddenPage.vue'),
    meta: { titleKey: 'forbidden.title' },
  },
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
  const roles = to.meta.roles;
  if (!to.meta.requiresAuth && !roles) return true;
  const auth = useAuthStore();
  await auth.ensureLoaded();
  if (!auth.user) return { name: 'login', query: { redirect: to.fullPath } };
  if (roles && !roles.includes(auth.user.role)) {
    return { name: 'forbidden', query: { from: to.fullPath }, replace: true };
  }
  return true;
});

// After an in-app page change, move focus to the main landmark so screen readers start there.
router.afterEach((to, from, failure) => {
  if (failure || !from.matched.length || to.path === from.path) return;
  void nextTick(() => document.getElementById('main-content')?.focus({ preventScroll: true }));
});
