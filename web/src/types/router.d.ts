import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title); pages with dynamic titles set it themselves. */
    titleKey?: string;
    /** Shown in the main navigation when set; lower `order` comes first. */
    nav?: { labelKey: string; order: number };
    /** Sends anonymous visitors to the login page first. */
    requiresAuth?: boolean;
  }
}
