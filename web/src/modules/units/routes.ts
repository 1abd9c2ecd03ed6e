import type { RouteRecordRaw } from 'vue-router';
import UnitPage from './UnitPage.vue';

export const unitRoutes: RouteRecordRaw[] = [
  // The unit browser: the root of the unit tree (Việt Nam), then any unit.
  { path: '/don-vi', name: 'units', component: UnitPage, meta: { nav: { labelKey: 'nav.units', order: 10 } } },
  { path: '/don-vi/:id', name: 'unit', component: UnitPage, props: true },
];
