import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql, type Executor } from '@thidua/db';
import { ActivityWriter, MAX_IN_FLIGHT } from '@thidua/api/src/modules/activities/activity-writer';
import type { NewActivityRow } from '@thidua/api/src/modules/activities/activities.queries';
import { startTestApp, type TestApp } from '../support/harness';
import { newMovement, newUser } from '../support/factories';

// The writer combines recordings that arrive while a statement is in flight: these tests send
// several at once on a real database and check what each caller gets back and what is stored.

let t: TestApp;
let movementId: string;
let unitId: number;
let recorder: string;

function row(fields: Partial<NewActivityRow> = {}): NewActivityRow {
  const id = randomUUID();
  return { id, movementId, unitId, kind: 'CLASS', occurredOn: '2025-10-01', attendeeCount: 20, topics: ['VNEID'], details: {}, fingerprint: `fp-${id}`, recordedBy: recorder, ...fields };
}

async function stored(ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await queryRows<{ id: string }>(t.db, sql`select id::text from activities where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) order by id`);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await startTestApp();
  const [commune] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  unitId = commune.id;
  movementId = (await newMovement(t.db)).id;
  recorder = (await newUser(t.db, { role: 'OFFICER', unitId })).id;
});

afterAll(async () => {
  await t?.close();
});

describe('ActivityWriter', () => {
  it('gives each of several simultaneous callers exactly the rows it inserted', async () => {
    const writer = new ActivityWriter(t.db);
    const batches = Array.from({ length: 6 }, (_, i) => Array.from({ length: i + 1 }, () => row()));
    const results = await Promise.all(batches.map((rows) => writer.write(rows, [])));
    results.forEach((inserted, i) => expect([...inserted.keys()].sort()).toEqual(batches[i].map((r) => r.id).sort()));
    const all = batches.flat().map((r) => r.id);
    expect(await stored(all)).toEqual([...all].sort());
  });

  it('gives an id sent by two simultaneous callers to the first one only', async () => {
    const writer = new ActivityWriter(t.db);
    const shared = row();
    const [a, b, c] = await Promise.all([writer.write([row()], []), writer.write([shared], []), writer.write([{ ...shared }, row()], [])]);
    expect(a.size).toBe(1);
    expect([...b.keys()]).toEqual([shared.id]);
    expect(c.has(shared.id)).toBe(false);
    expect(c.size).toBe(1);
  });

  it('fails only the caller whose rows the database refuses; the others sharing its statement are stored', async () => {
    const writer = new ActivityWriter(t.db);
    // the first calls fill the statements in flight; the next two wait and share one statement
    const leading = Array.from({ length: MAX_IN_FLIGHT }, () => row());
    const good = row();
    const bad = row({ recordedBy: randomUUID() }); // no such user: the foreign key refuses it
    const settled = await Promise.allSettled([...leading.map((r) => writer.write([r], [])), writer.write([good], []), writer.write([bad, row()], [])]);
    const [r2, r3] = settled.slice(MAX_IN_FLIGHT);
    expect(settled.slice(0, MAX_IN_FLIGHT).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(r2.status === 'fulfilled' && [...r2.value.keys()]).toEqual([good.id]);
    expect(r3.status).toBe('rejected');
    expect(await stored([...leading.map((r) => r.id), good.id, bad.id])).toEqual([...leading.map((r) => r.id), good.id].sort());
  });
});

describe('ActivityWriter when the database is unreachable', () => {
  it('fails a combined statement\'s callers together, without retrying each on its own', async () => {
    let statements = 0;
    const unreachable = {
      execute: async () => {
        statements++;
        await new Promise((r) => setTimeout(r, 20));
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
    } as unknown as Executor;
    const writer = new ActivityWriter(unreachable);
    // the first goes at once; the three arriving meanwhile share the next statement
    const results = await Promise.allSettled([row(), row(), row(), row()].map((r) => writer.write([r], [])));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(statements).toBe(2);
  });
});
