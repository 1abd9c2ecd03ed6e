import type { RouteRecordRaw } from 'vue-router';
import { AUDIT_READER_ROLES } from '@thidua/domain';

export const auditRoutes: RouteRecordRaw[] = [
  {
    path: '/quan-tri/nhat-ky',
    name: 'audit-log',
    component: () => import('./AuditLogPage.vue'),
    meta: {
      titleKey: 'audit.title',
      nav: { labelKey: 'audit.nav', order: 130, section: 'admin' },
      requiresAuth: true,
      roles: AUDIT_READER_ROLES,
    },
  },
];
