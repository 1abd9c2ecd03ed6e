import type { LeaderboardMetric, LeaderboardScope } from '@/gql/graphql';
import { availableScopes, type BoardMovement } from '@/modules/leaderboards/boardView';

/** Rows of each board on the home page. */
export const HOME_BOARD_ROWS = 5;

export interface HomeBoardSpec {
  /** PROVINCE, COMMUNE, PER_1000 or UNIT: names the board (home.boards.<key>) */
  key: 'PROVINCE' | 'COMMUNE' | 'PER_1000' | 'UNIT';
  scope: LeaderboardScope;
  metric: LeaderboardMetric;
}

/**
 * The top boards a movement's home shows: provinces (a national movement), communes by points and
 * per 1,000 residents (fair between large and small communes), or its units when no area competes.
 */
export function homeBoardSpecs(movement: BoardMovement): HomeBoardSpec[] {
  const scopes = availableScopes(movement);
  const specs: HomeBoardSpec[] = [];
  if (scopes.includes('PROVINCE')) specs.push({ key: 'PROVINCE', scope: 'PROVINCE', metric: 'POINTS' });
  if (scopes.includes('COMMUNE')) {
    specs.push({ key: 'COMMUNE', scope: 'COMMUNE', metric: 'POINTS' });
    specs.push({ key: 'PER_1000', scope: 'COMMUNE', metric: 'POINTS_PER_1000' });
  }
  if (specs.length < 3 && scopes.includes('UNIT')) specs.push({ key: 'UNIT', scope: 'UNIT', metric: 'POINTS' });
  return specs;
}
