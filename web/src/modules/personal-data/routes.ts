import type { RouteRecordRaw } from 'vue-router';

const REGISTRARS = ['OFFICER', 'LEADER', 'ADMIN'] as const;

export const personalDataRoutes: RouteRecordRaw[] = [
  // Officers in scope: a person's data, exported or erased on their request (from "Dữ liệu cá nhân" on /nguoi-dan).
  {
    path: '/nguoi-dan/:citizenId/du-lieu',
    name: 'citizen-data',
    component: () => import('./CitizenDataPage.vue'),
    props: true,
    meta: { titleKey: 'personalData.officer.title', requiresAuth: true, roles: REGISTRARS },
  },
  // The citizen themself: what is held about them, readable, with a JSON download.
  {
    path: '/du-lieu-cua-toi',
    name: 'my-data',
    component: () => import('./MyDataPage.vue'),
    meta: { titleKey: 'personalData.mine.title', nav: { labelKey: 'personalData.nav.mine', order: 8, roles: ['CITIZEN'] }, requiresAuth: true, roles: ['CITIZEN'] },
  },
];
