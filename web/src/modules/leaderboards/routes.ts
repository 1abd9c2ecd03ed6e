import type { RouteRecordRaw } from 'vue-router';

const LeaderboardPage = () => import('./LeaderboardPage.vue');

export const leaderboardRoutes: RouteRecordRaw[] = [
  // Public: no login needed once a movement is ACTIVE or CLOSED.
  {
    path: '/xep-hang',
    name: 'leaderboard',
    component: LeaderboardPage,
    meta: { titleKey: 'leaderboards.title', nav: { labelKey: 'leaderboards.nav.board', order: 12 } },
  },
  {
    path: '/xep-hang/:movementId',
    name: 'leaderboard-movement',
    component: LeaderboardPage,
    props: true,
  },
  {
    path: '/xep-hang/:movementId/don-vi/:unitId',
    name: 'standings-unit',
    component: () => import('./UnitStandingsPage.vue'),
    props: true,
  },
  {
    path: '/bang-dieu-khien',
    name: 'leader-dashboard',
    component: () => import('./DashboardPage.vue'),
    meta: {
      titleKey: 'leaderboards.dashboard.title',
      nav: { labelKey: 'leaderboards.nav.dashboard', order: 14, roles: ['LEADER', 'ORGANIZER', 'ADMIN'] },
      requiresAuth: true,
      roles: ['LEADER', 'ORGANIZER', 'ADMIN'],
    },
  },
];
