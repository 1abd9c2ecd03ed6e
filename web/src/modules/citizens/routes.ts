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
  // Public: a citizen sets a password with the one-time code an officer gave them.
  {
    path: '/kich-hoat',
    name: 'citizen-activate',
    component: () => import('./ActivatePage.vue'),
    meta: { titleKey: 'citizens.activate.title' },
  },
];
