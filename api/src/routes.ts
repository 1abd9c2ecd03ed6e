import type { Route } from './app';

/** HTTP routes beyond /graphql and the web app, contributed by modules. */
export const appRoutes: Route[] = [];
