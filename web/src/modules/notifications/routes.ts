import type { RouteRecordRaw } from 'vue-router';

export const notificationRoutes: RouteRecordRaw[] = [
  {
    path: '/thong-bao',
    name: 'notifications',
    component: () => import('./NotificationsPage.vue'),
    meta: { titleKey: 'notifications.title', requiresAuth: true },
  },
];
