import type { Route } from './app';
import { evidenceRoute } from './modules/evidence/evidence.routes';
import { exportRoute } from './modules/leaderboards/export.routes';
import { jwksRoute } from './modules/badges/badges.hooks';
import { questionsCsvRoute } from './modules/quizzes/quizzes.routes';
import { unitImportTemplateRoute } from './modules/unit-admin/unit-admin.routes';

/** HTTP routes beyond /graphql and the web app, contributed by modules. */
export const appRoutes: Route[] = [evidenceRoute, exportRoute, jwksRoute, questionsCsvRoute, unitImportTemplateRoute];
