import type { RouteRecordRaw } from 'vue-router';
import { BADGE_MANAGER_ROLES } from './roles';

export const badgeRoutes: RouteRecordRaw[] = [
  {
    path: '/huy-hieu-cua-toi',
    name: 'my-badges',
    component: () => import('./MyBadgesPage.vue'),
    meta: { titleKey: 'badges.mine.title', nav: { labelKey: 'badges.nav.mine', order: 7, roles: ['CITIZEN'] }, requiresAuth: true },
  },
  // Leaders: a citizen's badges, awarding and revoking by hand (from "Huy hiệu" on /nguoi-dan).
  {
    path: '/nguoi-dan/:citizenId/huy-hieu',
    name: 'citizen-badges',
    component: () => import('./CitizenBadgesPage.vue'),
    props: true,
    meta: { titleKey: 'badges.staff.title', requiresAuth: true, roles: BADGE_MANAGER_ROLES },
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
