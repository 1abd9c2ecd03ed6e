import type { RouteRecordRaw } from 'vue-router';

export const authRoutes: RouteRecordRaw[] = [
  {
    path: '/dang-nhap',
    name: 'login',
    component: () => import('./LoginPage.vue'),
    meta: { titleKey: 'auth.loginTitle' },
  },
];
