import type { RouteRecordRaw } from 'vue-router';

export const activityRoutes: RouteRecordRaw[] = [
  {
    path: '/ghi-nhan',
    name: 'record',
    component: () => import('./RecordPage.vue'),
    meta: {
      titleKey: 'activities.record.title',
      // every role that may record can open it; the menu offers it to officers, whose daily work it is
      nav: { labelKey: 'activities.nav.record', order: 20, roles: ['OFFICER'] },
      requiresAuth: true,
      roles: ['OFFICER', 'LEADER', 'ORGANIZER', 'ADMIN'],
    },
  },
  {
    path: '/duyet',
    name: 'review',
    component: () => import('./ReviewPage.vue'),
    meta: {
      titleKey: 'activities.review.title',
      nav: { labelKey: 'activities.nav.review', order: 30 },
      requiresAuth: true,
      roles: ['LEADER', 'ORGANIZER', 'ADMIN'],
    },
  },
];
