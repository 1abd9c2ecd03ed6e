import { START_LOCATION, type RouteRecordRaw } from 'vue-router';
import { LANDING_BY_ROLE } from '@/modules/accounts/landing';
import { useAuthStore } from '@/modules/auth/auth.store';

export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('./HomePage.vue'),
    meta: { nav: { labelKey: 'home.nav', order: 5 } },
    // Opening the app signed in (a bookmark, the installed app) leads to the person's work; a tap
    // on "Trang chủ" inside the app shows the movement's home to everyone.
    beforeEnter: async (_to, from) => {
      if (from !== START_LOCATION) return true;
      const auth = useAuthStore();
      await auth.ensureLoaded();
      return auth.user ? { path: LANDING_BY_ROLE[auth.user.role], replace: true } : true;
    },
  },
];
