import type { RouteRecordRaw } from 'vue-router';
import { ACCOUNT_MANAGER_ROLES } from '@thidua/domain';

/**
 * Routes of the accounts module. Administration pages put `section: 'admin'` in their `meta.nav`
 * and the header lists them under "Quản trị" (the unit tree editor joins them the same way).
 */
export const accountRoutes: RouteRecordRaw[] = [
  {
    path: '/quan-tri/tai-khoan',
    name: 'accounts',
    component: () => import('./AccountsPage.vue'),
    meta: {
      titleKey: 'accounts.page.title',
      nav: { labelKey: 'accounts.nav', order: 110, section: 'admin' },
      requiresAuth: true,
      roles: ACCOUNT_MANAGER_ROLES,
    },
  },
  {
    path: '/quan-tri/tai-khoan/nhap',
    name: 'accounts-import',
    component: () => import('./AccountImportPage.vue'),
    meta: { titleKey: 'accounts.import.title', requiresAuth: true, roles: ACCOUNT_MANAGER_ROLES },
  },
  {
    path: '/quan-tri/tai-khoan/phieu',
    name: 'account-slips',
    component: () => import('./SlipsPage.vue'),
    meta: { titleKey: 'accounts.slips.title', requiresAuth: true, roles: ACCOUNT_MANAGER_ROLES },
  },
  {
    path: '/doi-mat-khau',
    name: 'change-password',
    component: () => import('./ChangePasswordPage.vue'),
    meta: { titleKey: 'accounts.password.title', requiresAuth: true },
  },
  // Public: staff and citizens alike set their password with the one-time code from their slip.
  {
    path: '/kich-hoat',
    name: 'activate',
    component: () => import('./ActivatePage.vue'),
    meta: { titleKey: 'accounts.activate.title' },
  },
];
