import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { activities, queryRows, sql } from '@thidua/db';
import { audit } from '@thidua/api/src/modules/audit/audit';
import { startTestApp, type TestApp } from '../support/harness';
import { newMovement, newUser } from '../support/factories';

/*
 * Audit entries that do not name their unit and movement get them from their subject, by the
 * insert trigger — looked up by primary key (migration 0015: the old lookup compared ids as text
 * and read the whole activities table for every approval). An id that is not a uuid matches nothing.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('scopes audit entries from their subject by key, and leaves an unknown or malformed subject unscoped', async () => {
  const [{ id: communeId }] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  const movement = await newMovement(t.db);
  const user = await newUser(t.db, { role: 'OFFICER', unitId: Number(communeId) });
  const activityId = randomUUID();
  await t.db.insert(activities).values({ id: activityId, movementId: movement.id, unitId: Number(communeId), kind: 'ASSIST', occurredOn: '2026-10-01', fingerprint: activityId, recordedBy: user.id });

  const entries: [string, string, number | null, string | null][] = [
    ['activity', activityId, Number(communeId), movement.id],
    ['activity', activityId.toUpperCase(), Number(communeId), movement.id],
    ['user', user.id, Number(communeId), null],
    ['unit', String(communeId), Number(communeId), null],
    ['activity', randomUUID(), null, null],
    ['activity', `${activityId}' or true --`, null, null],
    ['citizen', 'không-phải-uuid', null, null],
  ];
  for (const [entityType, entityId] of entries) await audit(t.db, { actorUserId: user.id, action: 'test.scope', entityType, entityId });
  const rows = await queryRows<{ entity_type: string; entity_id: string; unit_id: number | null; movement_id: string | null }>(
    t.db,
    sql`select entity_type, entity_id, unit_id, movement_id from audit_log where action = 'test.scope' order by id`,
  );
  expect(rows.map((r) => [r.entity_type, r.entity_id, r.unit_id == null ? null : Number(r.unit_id), r.movement_id])).toEqual(entries);
});
