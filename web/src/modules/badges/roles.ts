import type { Role } from '@/gql/graphql';

/** Who may award and revoke badges by hand (the API's BADGE_MANAGERS). */
export const BADGE_MANAGER_ROLES: readonly Role[] = ['ADMIN', 'ORGANIZER', 'LEADER'];
