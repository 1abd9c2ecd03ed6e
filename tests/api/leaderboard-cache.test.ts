import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@thidua/domain';
import { leaderboardEngine } from '@thidua/api/src/modules/leaderboards/leaderboards.service';
import { DEMO_DATES, DEMO_MOVEMENT_IDS } from '@thidua/api/src/demo/catalog';
import { pubSub } from '@thidua/api/src/graphql/pubsub';
import { POINTS_CHANGED, UNITS_SCORED, notifyPointsChanged } from '@thidua/api/src/modules/scoring/events';
import { dataOf, startTestApp, type TestApp } from '../support/harness';

const BOARD = `query($movementId: ID!, $from: Date, $to: Date, $first: Int) {
  leaderboard(movementId: $movementId, scope: PROVINCE, from: $from, to: $to, first: $first) { totalCount from to entries { rank } }
}`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t?.close());

describe('the leaderboard cache', () => {
  it('keeps a bounded number of boards however many different ranges anonymous readers ask for', async () => {
    const movement = { id: DEMO_MOVEMENT_IDS.national };
    leaderboardEngine.invalidateAll();
    for (let i = 0; i < 80; i++) {
      const from = addDays(DEMO_DATES.national.startsOn, i);
      const board = dataOf(await t.gql(BOARD, { movementId: movement.id, from, to: addDays(from, 30), first: 1 + i })).leaderboard;
      expect(board.from).toBe(from);
    }
    const { boards, bytes } = leaderboardEngine.stats();
    expect(boards).toBeLessThanOrEqual(32);
    expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('clamps a range to the movement and serves the same board for every `first`', async () => {
    const movement = { id: DEMO_MOVEMENT_IDS.national };
    leaderboardEngine.invalidateAll();
    for (const first of [1, 7, 50, 200, 500]) {
      const board = dataOf(await t.gql(BOARD, { movementId: movement.id, from: '2026-06-01', to: '2030-01-01', first })).leaderboard;
      expect([board.from, board.to]).toEqual([DEMO_DATES.national.startsOn, DEMO_DATES.national.endsOn]);
    }
    expect(leaderboardEngine.stats().boards).toBe(1);
  });

  it('keeps boards through the interleaved events of concurrent approvals in several processes, and ranks again when points change naming no units', async () => {
    const movementId = DEMO_MOVEMENT_IDS.national;
    leaderboardEngine.invalidateAll();
    dataOf(await t.gql(BOARD, { movementId, first: 5 }));
    expect(leaderboardEngine.stats().boards).toBe(1);
    // two approvals in two processes: both units named before either POINTS_CHANGED arrives (as Redis may deliver them)
    pubSub.publish(UNITS_SCORED, { movementId, unitIds: [1] });
    pubSub.publish(UNITS_SCORED, { movementId, unitIds: [2] });
    pubSub.publish(POINTS_CHANGED, movementId);
    pubSub.publish(POINTS_CHANGED, movementId);
    expect(leaderboardEngine.stats().boards).toBe(1);
    // a change naming no units (a rule version applied): the movement's boards go
    notifyPointsChanged([movementId]);
    expect(leaderboardEngine.stats().boards).toBe(0);
  });
});
