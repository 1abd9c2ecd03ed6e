import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql, type Database } from '@thidua/db';
import { vietnamDateOf } from '@thidua/domain';
import { createApp, type App } from '@thidua/api/src/app';
import { openConfiguredDatabase } from '@thidua/api/src/bootstrap';
import { appRoutes } from '@thidua/api/src/routes';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { dataOf, GqlClient, gql, testConfig } from '../support/harness';
import { newUser } from '../support/factories';
import { postgresBinaries, startPrimaryAndReplica, type PrimaryAndReplica } from '../support/replica';

/*
 * Public reads on a PostgreSQL streaming replica (issue 17, DATABASE_READ_URL): a real primary and
 * a replica made from it with pg_basebackup, on ports of their own. Boards read the replica while
 * it is within READ_MAX_STALENESS of the primary, say how recent they are (`updatedAt`), and go back
 * to the primary when it falls further behind. Runs in the PostgreSQL pass (the replica is built
 * from the machine's PostgreSQL programs).
 */

const runs = !!process.env.DATABASE_URL && !!postgresBinaries();
// a period's board (today): its counters are read from the database, so from the replica
const BOARD = `query($m: ID!, $d: Date) { leaderboard(movementId: $m, scope: UNIT, unitKind: ORGANIZATION, from: $d, to: $d) { updatedAt entries { points unit { id } } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let pair: PrimaryAndReplica;
let database: Database;
let app: App;
let url: string;
let leader: GqlClient;
let officer: GqlClient;
let movementId: string;
let unitId: number;

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await sleep(100);
  }
}

const board = async (whole = false) => dataOf(await gql(url, BOARD, { m: movementId, d: whole ? null : vietnamDateOf(new Date()) })).leaderboard as { updatedAt: string; entries: { points: number; unit: { id: string } }[] };
async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}
const pointsOf = (b: Awaited<ReturnType<typeof board>>) => b.entries.find((e) => e.unit.id === String(unitId))?.points ?? 0;

async function approvedAssist(): Promise<void> {
  const id = randomUUID();
  dataOf(await officer.gql(`mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`, {
    input: { id, movementId, unitId: String(unitId), helpedOn: vietnamDateOf(new Date()), service: 'VNEID_L2' },
  }));
  dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id }));
}

describe.skipIf(!runs)('public reads on a streaming replica', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    pair = await startPrimaryAndReplica();
    const config = testConfig({ DATABASE_URL: pair.primaryUrl, DATABASE_READ_URL: pair.replicaUrl, READ_MAX_STALENESS: '2' });
    database = await openConfiguredDatabase(config);
    app = await createApp(config, database, appRoutes);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const [{ id: haLong }] = await queryRows<{ id: number }>(database.db, sql`select id from units where code = '06688'`);
    const [{ id: quangNinh }] = await queryRows<{ id: number }>(database.db, sql`select id from units where code = '22'`);
    unitId = (await insertUnit(database.db, { parentId: Number(haLong), kind: 'ORGANIZATION', name: 'Đoàn thanh niên bản sao', subtype: 'chi đoàn' })).id;
    const login = async (role: 'ADMIN' | 'OFFICER' | 'LEADER', unit: number) => {
      const user = await newUser(database.db, { role, unitId: unit });
      const client = new GqlClient(url);
      await client.login(user.username, user.password);
      return client;
    };
    const admin = await login('ADMIN', 1);
    officer = await login('OFFICER', Number(quangNinh));
    leader = await login('LEADER', Number(quangNinh));
    movementId = dataOf(await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: 'Phong trào bản sao', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    })).createMovement.id;
    dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    pair?.stop();
  });

  it('serves period boards from the replica within the bound, says how recent they are, and falls back to the primary past it', async () => {
    // the replica follows: the board shows the approval, recent
    await approvedAssist();
    let b = await waitFor(board, (v) => pointsOf(v) === 5);
    expect(pointsOf(b)).toBe(5);
    expect(Date.now() - Date.parse(b.updatedAt)).toBeLessThan(3_000);

    // the replica stops replaying: within the bound, boards still come from it, without the new points
    await pair.pauseReplay();
    await sleep(300);
    await approvedAssist();
    b = await board();
    expect(pointsOf(b)).toBe(5);
    const before = Date.parse(b.updatedAt);
    // the whole-movement board ranks the totals kept in the process, refreshed from the primary: current
    expect(pointsOf(await board(true))).toBe(10);
    // past READ_MAX_STALENESS (2 s) public reads go to the primary: the new points, as of now
    b = await waitFor(board, (v) => pointsOf(v) === 10, 8_000);
    expect(pointsOf(b)).toBe(10);
    expect(Date.parse(b.updatedAt)).toBeGreaterThan(before);
    expect(Date.now() - Date.parse(b.updatedAt)).toBeLessThan(3_000);
    expect(await metric('thidua_read_replica_serving')).toBe(0);
    expect(await metric('thidua_read_replica_lag_seconds')).toBeGreaterThan(2);

    // replaying again: the replica catches up and serves again (its data now has both approvals)
    await pair.resumeReplay();
    await approvedAssist();
    b = await waitFor(board, (v) => pointsOf(v) === 15);
    expect(pointsOf(b)).toBe(15);
    expect(await waitFor(() => metric('thidua_read_replica_serving'), (v) => v === 1)).toBe(1);
    expect(await metric('thidua_read_replica_lag_seconds')).toBeLessThan(2);
  });

  it('never writes to the replica: recording and reviewing work while it lags', async () => {
    await pair.pauseReplay();
    await approvedAssist();
    await pair.resumeReplay();
    const b = await waitFor(board, (v) => pointsOf(v) === 20);
    expect(pointsOf(b)).toBe(20);
  });
});
