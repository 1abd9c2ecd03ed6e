import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, sql, type Database } from '@thidua/db';

// The embedded database runs each statement on this thread. Its queue used to hand the next
// statement over in a microtask, so a burst of statements ran back to back and timers and I/O
// (new connections, /healthz) waited until the whole burst was done: under a flood of boards the
// server answered nothing else for tens of seconds. Every statement now waits for a turn of the
// event loop first.
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ memory: true });
});
afterAll(() => database?.close());

it('lets timers and I/O run between the statements of a burst on PGlite', async () => {
  const statements = 60;
  let finished = 0;
  const burst = Array.from({ length: statements }, () =>
    database.db.execute(sql`select count(*) from generate_series(1, 2000)`).then(() => finished++),
  );
  // a timer set now stands for any I/O callback: it must not wait for the whole burst
  const finishedWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(finished), 0));
  await Promise.all(burst);
  expect(finished).toBe(statements);
  expect(finishedWhenTimerRan).toBeLessThan(statements / 2);
});
