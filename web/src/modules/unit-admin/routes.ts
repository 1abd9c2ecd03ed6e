import type { RouteRecordRaw } from 'vue-router';

const ADMINS = ['ADMIN'] as const;

export const unitAdminRoutes: RouteRecordRaw[] = [
  {
    // starts at the admin's own unit
    path: '/quan-tri/don-vi',
    name: 'unit-admin',
    component: () => import('./UnitAdminPage.vue'),
    meta: { titleKey: 'unitAdmin.title', nav: { labelKey: 'unitAdmin.nav', order: 105, section: 'admin' }, requiresAuth: true, roles: ADMINS },
  },
  {
    path: '/quan-tri/don-vi/:id',
    name: 'unit-admin-unit',
    component: () => import('./UnitAdminPage.vue'),
    props: true,
    meta: { titleKey: 'unitAdmin.title', requiresAuth: true, roles: ADMINS },
  },
  {
    path: '/quan-tri/don-vi/:id/nhap',
    name: 'unit-admin-import',
    component: () => import('./UnitImportPage.vue'),
    props: true,
    meta: { titleKey: 'unitAdmin.import.title', requiresAuth: true, roles: ADMINS },
  },
];
