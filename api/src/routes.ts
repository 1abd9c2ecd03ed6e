import type { Route } from './app';
import { evidenceRoute } from './modules/evidence/evidence.routes';
import { exportRoute } from './modules/leaderboards/export.routes';
import { jwksRoute } from './modules/badges/badges.hooks';

/** HTTP routes beyond /graphql and the web app, contributed by modules. */
export const appRoutes: Route[] = [evidenceRoute, exportRoute, jwksRoute];
