import type { RouteRecordRaw } from 'vue-router';

export const badgeRoutes: RouteRecordRaw[] = [
  {
    path: '/huy-hieu-cua-toi',
    name: 'my-badges',
    component: () => import('./MyBadgesPage.vue'),
    meta: { titleKey: 'badges.mine.title', nav: { labelKey: 'badges.nav.mine', order: 7, roles: ['CITIZEN'] }, requiresAuth: true },
  },
  // Public: the badge definitions, and the verification page a badge's QR code opens (no login).
  {
    path: '/huy-hieu',
    name: 'badge-gallery',
    component: () => import('./BadgeGalleryPage.vue'),
    meta: { titleKey: 'badges.gallery.title' },
  },
  {
    path: '/xac-minh/:id',
    name: 'badge-verify',
    component: () => import('./VerifyBadgePage.vue'),
    props: true,
    meta: { titleKey: 'badges.verify.title' },
  },
];
