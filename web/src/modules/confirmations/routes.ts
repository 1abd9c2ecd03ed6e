import type { RouteRecordRaw } from 'vue-router';

export const confirmationRoutes: RouteRecordRaw[] = [
  // The person helped, on any phone, without an account: the link in the QR code, or typing the code.
  {
    path: '/xac-nhan/:code?',
    name: 'confirm',
    component: () => import('./ConfirmPage.vue'),
    props: true,
    meta: { titleKey: 'confirmations.page.title' },
  },
];
