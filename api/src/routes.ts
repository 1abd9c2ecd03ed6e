import type { Route } from './app';
import { evidenceRoute } from './modules/evidence/evidence.routes';

/** HTTP routes beyond /graphql and the web app, contributed by modules. */
export const appRoutes: Route[] = [evidenceRoute];
