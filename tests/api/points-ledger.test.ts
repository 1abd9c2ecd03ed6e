import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newActivity, newLedgerEntry, newMovement } from '../support/factories';
import { startTestApp, type TestApp } from '../support/harness';

/** The database's own message, whichever engine and driver wrapper raised it. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const messages: string[] = [];
    for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(String(e.message));
    return messages.join(' | ');
  }
  throw new Error('the statement was accepted');
}

let t: TestApp;
let entryId: number;
let movementId: string;

const pointsOf = async (id: number) => {
  const result = (await t.db.execute(`select points::float as points from points_ledger where id = ${id}`)) as unknown as { points: number }[] | { rows: { points: number }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]?.points;
};

beforeAll(async () => {
  t = await startTestApp();
  const movement = await newMovement(t.db);
  movementId = movement.id;
  const activity = await newActivity(t.db, { movementId, unitId: 100 });
  entryId = (await newLedgerEntry(t.db, { movementId, unitId: 100, activityId: activity.id, points: 10 })).id;
});
afterAll(() => t?.close());

describe('the points ledger', () => {
  it('accepts new rows', async () => {
    const activity = await newActivity(t.db, { movementId, unitId: 100 });
    const entry = await newLedgerEntry(t.db, { movementId, unitId: 100, activityId: activity.id, points: 5 });
    expect(await pointsOf(entry.id)).toBe(5);
  });

  it('refuses to update a row in place', async () => {
    expect(await refusal(t.db.execute(`update points_ledger set points = 99 where id = ${entryId}`))).toMatch(/append-only/);
    expect(await pointsOf(entryId)).toBe(10);
  });

  it('refuses to delete a row', async () => {
    expect(await refusal(t.db.execute(`delete from points_ledger where id = ${entryId}`))).toMatch(/append-only/);
    expect(await pointsOf(entryId)).toBe(10);
  });

  it('refuses to be truncated', async () => {
    expect(await refusal(t.db.execute('truncate points_ledger cascade'))).toMatch(/append-only/);
    expect(await pointsOf(entryId)).toBe(10);
  });

  it('refuses updates and deletes in the audit log too', async () => {
    await t.db.execute(`insert into audit_log (action, entity_type, entity_id) values ('test.append', 'test', 'x')`);
    expect(await refusal(t.db.execute(`update audit_log set action = 'changed' where entity_type = 'test'`))).toMatch(/append-only/);
    expect(await refusal(t.db.execute(`delete from audit_log where entity_type = 'test'`))).toMatch(/append-only/);
  });
});
