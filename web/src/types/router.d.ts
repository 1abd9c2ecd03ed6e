import 'vue-router';
import type { Role } from '@/gql/graphql';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title); pages with dynamic titles set it themselves. */
    titleKey?: string;
    /**
     * Shown in the main navigation when set; lower `order` comes first. `roles` limits the entry
     * to those roles (default: the route's `roles`, or everyone). `section: 'admin'` lists it
     * under "Quản trị" instead of the main list.
     */
    nav?: { labelKey: string; order: number; roles?: readonly Role[]; section?: 'admin' };
    /** Sends anonymous visitors to the login page first. */
    requiresAuth?: boolean;
    /**
     * Only these roles may open the page (implies requiresAuth); others see the "no permission"
     * page. Navigation entries of such routes are shown only to these roles.
     */
    roles?: readonly Role[];
  }
}
