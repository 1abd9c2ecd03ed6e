import { GraphQLSchema, specifiedDirectives } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { AccountsResolver } from '../modules/accounts/accounts.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { MovementsResolver } from '../modules/movements/movements.resolver';
import { ActivitiesResolver } from '../modules/activities/activities.resolver';
import { LeaderboardEntryResolver, LeaderboardsResolver, UnrankedEntryResolver } from '../modules/leaderboards/leaderboards.resolver';
import '../modules/leaderboards/freeze';
import { BadgesResolver } from '../modules/badges/badges.resolver';
import { UnitBadgesResolver } from '../modules/badges/unit-badges.resolver';
import { CitizensResolver } from '../modules/citizens/citizens.resolver';
import { CitizenOfUserResolver, PersonalDataResolver } from '../modules/personal-data/personal-data.resolver';
import { QuizAttemptResolver, QuizzesResolver } from '../modules/quizzes/quizzes.resolver';
import { OverviewResolver, RecentActivityResolver } from '../modules/overview/overview.resolver';
import { UnitsResolver } from '../modules/units/units.resolver';
import { NotificationsResolver } from '../modules/notifications/notifications.resolver';
import { UnitAdminResolver } from '../modules/unit-admin/unit-admin.resolver';
import { ActivityConfirmationResolver, ConfirmationsResolver } from '../modules/confirmations/confirmations.resolver';
import { cacheControlDirective } from './public-cache';
import { guardSchema } from './input-guard';
import { pubSub } from './pubsub';

export const resolvers = [UnitsResolver, UnitAdminResolver, AuthResolver, AccountsResolver, AuditResolver, MovementsResolver, ActivitiesResolver, LeaderboardsResolver, LeaderboardEntryResolver, UnrankedEntryResolver, BadgesResolver, UnitBadgesResolver, CitizensResolver, PersonalDataResolver, CitizenOfUserResolver, QuizzesResolver, QuizAttemptResolver, OverviewResolver, RecentActivityResolver, NotificationsResolver, ConfirmationsResolver, ActivityConfirmationResolver] as const;

let built: GraphQLSchema | null = null;

/**
 * type-graphql's metadata is process-global, so the schema is built once per process. Every root
 * field passes its input through the guard (input-guard.ts): sign-in first, then the input rules.
 */
export async function getSchema(): Promise<GraphQLSchema> {
  built ??= guardSchema(await buildSchema({
    resolvers: [...resolvers] as [Function, ...Function[]],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    pubSub,
    directives: [...specifiedDirectives, cacheControlDirective],
  }));
  return built;
}
