import type { RouteRecordRaw } from 'vue-router';

const REGISTRARS = ['OFFICER', 'LEADER', 'ADMIN'] as const;

export const citizenRoutes: RouteRecordRaw[] = [
  {
    path: '/nguoi-dan',
    name: 'citizens',
    component: () => import('./CitizensPage.vue'),
    meta: {
      titleKey: 'citizens.page.title',
      nav: { labelKey: 'citizens.nav', order: 25 },
      requiresAuth: true,
      roles: REGISTRARS,
    },
  },
  {
    path: '/nguoi-dan/nhap',
    name: 'citizens-import',
    component: () => import('./ImportPage.vue'),
    meta: { titleKey: 'citizens.import.title', requiresAuth: true, roles: REGISTRARS },
  },
  {
    path: '/nguoi-dan/gan-hoat-dong',
    name: 'citizens-link',
    component: () => import('./LinkParticipantsPage.vue'),
    meta: { titleKey: 'citizens.link.title', requiresAuth: true, roles: REGISTRARS },
  },
];
