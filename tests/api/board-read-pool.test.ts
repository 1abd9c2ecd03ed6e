import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_MOVEMENT_IDS } from '@thidua/api/src/demo/catalog';
import { notifyPointsChanged } from '@thidua/api/src/modules/scoring/events';
import { dataOf, startTestApp, type TestApp } from '../support/harness';

/*
 * Issue 17, reads that don't pay for writes: after an approval, bringing a board up to date reads
 * the changed units' totals on connections of their own (Database.reads), so a reader does not
 * queue behind the write transactions holding every connection of the pool (approvals pouring in).
 * PostgreSQL only: PGlite is one connection, shared by everything.
 */

const BOARD = `query($m: ID!) { leaderboard(movementId: $m, scope: PROVINCE, first: 5) { entries { rank points unit { id } } } }`;
const POOL = 5; // the harness's pool (tests/support/harness.ts)

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t?.close());

describe('boards brought up to date while write transactions hold the pool', () => {
  it('answer a reader after a points change without waiting for the transactions to end', async (ctx) => {
    if (t.engine !== 'postgres') return ctx.skip();
    const movementId = DEMO_MOVEMENT_IDS.national;
    const before = dataOf(await t.gql(BOARD, { m: movementId })).leaderboard.entries;
    expect(before.length).toBeGreaterThan(0);
    const [scored] = await queryRows<{ unitId: number }>(t.db, sql`select unit_id as "unitId" from unit_movement_totals where movement_id = ${movementId} and points > 0 limit 1`);

    // every connection of the pool in an open transaction, until released
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding = 0;
    const held = Array.from({ length: POOL }, () =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        holding++;
        await gate;
      }),
    );
    try {
      while (holding < POOL) await new Promise((r) => setTimeout(r, 10));
      // what an approval of that unit's activity announces after its commit
      notifyPointsChanged([movementId], [Number(scored!.unitId)]);
      const outcome = await Promise.race([
        t.gql(BOARD, { m: movementId }).then((r) => ({ answered: dataOf(r).leaderboard.entries })),
        new Promise<{ answered: null }>((r) => setTimeout(() => r({ answered: null }), 5_000)),
      ]);
      expect(outcome.answered, 'the board answered while the pool was held').toEqual(before);
    } finally {
      release();
      await Promise.all(held);
    }
  });
});
