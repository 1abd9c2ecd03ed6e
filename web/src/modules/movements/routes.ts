import type { RouteRecordRaw } from 'vue-router';

const MANAGERS = ['ORGANIZER', 'ADMIN'] as const;

export const movementRoutes: RouteRecordRaw[] = [
  {
    path: '/phong-trao',
    name: 'movements',
    component: () => import('./MovementListPage.vue'),
    meta: {
      titleKey: 'movements.list.title',
      nav: { labelKey: 'movements.nav', order: 40, roles: MANAGERS },
      requiresAuth: true,
      roles: ['ORGANIZER', 'ADMIN', 'LEADER'],
    },
  },
  {
    path: '/phong-trao/moi',
    name: 'movement-new',
    component: () => import('./MovementEditPage.vue'),
    meta: { titleKey: 'movements.form.createTitle', requiresAuth: true, roles: MANAGERS },
  },
  {
    path: '/phong-trao/:id',
    name: 'movement',
    component: () => import('./MovementEditPage.vue'),
    props: true,
    meta: { requiresAuth: true, roles: ['ORGANIZER', 'ADMIN', 'LEADER'] },
  },
];
