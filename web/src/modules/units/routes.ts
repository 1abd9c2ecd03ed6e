import type { RouteRecordRaw } from 'vue-router';
import UnitPage from './UnitPage.vue';

export const unitRoutes: RouteRecordRaw[] = [
  // The home page is the root of the unit tree (Việt Nam).
  { path: '/', name: 'home', component: UnitPage, meta: { nav: { labelKey: 'nav.units', order: 10 } } },
  { path: '/don-vi/:id', name: 'unit', component: UnitPage, props: true },
];
