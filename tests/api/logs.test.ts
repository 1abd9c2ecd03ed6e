import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import type { Route } from '@thidua/api/src/app';
import { appRoutes } from '@thidua/api/src/routes';
import { OverviewService } from '@thidua/api/src/modules/overview/overview.service';
import { DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { dataOf, DEMO_PASSWORD, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/**
 * The JSON logs of a whole scenario (sign-in, a citizen with a name and national ID, an assist
 * with a note, its approval, an internal error, bad input, a database error with parameters) hold
 * none of the personal data or secrets that went through, and every request has its line with
 * a request id.
 */

const tag = randomUUID().slice(0, 8);
const PASSWORD = `Mật-khẩu-${tag}-rất-riêng`;
const CITIZEN_NAME = `Nguyễn Thị Kín${tag}`;
// a valid CCCD: province 022, a woman born in 1950 (century/sex digit 1), six random digits
const NATIONAL_ID = `022150${String(Date.now()).slice(-6)}`;
const NOTE = `Ghi chú riêng tư ${tag}`;
const HELPER = `Người Hỗ Trợ ${tag}`;
const SQL_PARAMETER = `tham-so-bi-mat-${tag}`;

// routes that fail inside the app, as a bug or a bad query would
const failing: Route = async (req, _res, app) => {
  if (req.url === '/__db-error') {
    await app.database.db.execute(sql`select ${SQL_PARAMETER}::int as n`);
    return true;
  }
  if (req.url === '/__bug') throw new Error('something broke');
  return false;
};

const lines: string[] = [];
let t: TestApp;
let officer: GqlClient;
let leader: GqlClient;
let sessionToken: string;
let requests = 0;

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
async function fetchCounted(url: string, init?: RequestInit) {
  requests++;
  return fetch(url, init);
}

beforeAll(async () => {
  t = await startTestApp({ demo: true, env: { LOG_LEVEL: 'info' }, routes: [failing, ...appRoutes], logDestination: { write: (line) => void lines.push(...line.split('\n').filter(Boolean)) } });
  const [haLong] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  const [group] = await queryRows<{ id: number }>(t.db, sql`select id from units where parent_id = ${haLong.id} and kind = 'RESIDENTIAL_GROUP' order by id limit 1`);
  const o = await newUser(t.db, { role: 'OFFICER', unitId: haLong.id, password: PASSWORD });

  // sign in with a password (the session token comes back in a cookie)
  officer = t.client();
  await officer.login(o.username, PASSWORD);
  requests++;
  sessionToken = officer.cookie!.split('=').slice(1).join('=');
  leader = t.client();
  await leader.login('leader', DEMO_PASSWORD);
  requests++;

  // a citizen with a name and a national ID
  const { registerCitizen } = dataOf(
    await leader.gql(`mutation RegisterCitizen($input: RegisterCitizenInput!) { registerCitizen(input: $input) { id } }`, {
      input: { unitId: String(group.id), fullName: CITIZEN_NAME, birthYear: 1950, nationalId: NATIONAL_ID },
    }),
  );
  requests++;

  // an assist with a note, approved
  const id = randomUUID();
  dataOf(
    await officer.gql(`mutation RecordAssist($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`, {
      input: { id, movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: String(haLong.id), helpedOn: '2026-11-20', service: 'VNEID_L2', citizenId: registerCitizen.id, helper: HELPER, note: NOTE },
    }),
  );
  requests++;
  expect(dataOf(await leader.gql(`mutation Approve($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id })).reviewActivity.status).toBe('APPROVED');
  requests++;

  // bad input: an impossible date, with the personal data in the same request
  const bad = await officer.gql(`mutation RecordAssist($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`, {
    input: { id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: String(haLong.id), helpedOn: '2026-13-45', service: 'VNEID_L2', nationalId: NATIONAL_ID, note: NOTE },
  });
  requests++;
  expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  // a NUL byte in a note: refused, or an error of the database that carries the SQL and the note
  const nul = await officer.gql(`mutation RecordAssist($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`, {
    input: { id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: String(haLong.id), helpedOn: '2026-11-21', service: 'VNEID_L2', helper: HELPER, note: `${NOTE}\u0000` },
  });
  requests++;
  expect(nul.errors?.length).toBeGreaterThan(0);
  // a database error with parameters, and a bug, inside the app
  expect((await fetchCounted(`${t.url}/__db-error`)).status).toBe(500);
  expect((await fetchCounted(`${t.url}/__bug`, { headers: { cookie: officer.cookie!, authorization: `Bearer ${sessionToken}` } })).status).toBe(500);
}, 240_000);

afterAll(() => t?.close());

describe('structured logs', () => {
  it('writes one JSON line per request, each with a request id, method, path, status and duration', async () => {
    const requestLines = parsed().filter((l) => l.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(requests);
    for (const line of requestLines) {
      expect(line.reqId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      expect(line).toMatchObject({ level: expect.any(String), method: expect.any(String), path: expect.stringMatching(/^\//), status: expect.any(Number), ms: expect.any(Number) });
    }
    expect(new Set(requestLines.map((l) => l.reqId)).size).toBe(requestLines.length);
    // the GraphQL operation is named, and the failures are there with their status
    expect(requestLines.filter((l) => l.path === '/graphql').map((l) => l.operation)).toEqual(expect.arrayContaining(['Login', 'RegisterCitizen', 'RecordAssist', 'Approve']));
    expect(requestLines.filter((l) => l.path === '/__db-error' || l.path === '/__bug').map((l) => l.status)).toEqual([500, 500]);
  });

  it('logs the internal errors with their request id and kind, but not the SQL or its parameters', async () => {
    const errors = parsed().filter((l) => l.level === 'error');
    const dbError = errors.find((l) => JSON.stringify(l.err).includes('Failed query') || l.err?.cause);
    expect(dbError, JSON.stringify(errors)).toBeTruthy();
    expect(dbError!.reqId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(JSON.stringify(dbError)).not.toMatch(/select\s/i);
    expect(errors.some((l) => l.err?.message === 'something broke')).toBe(true);
  });

  it('holds no password, session token, name, national ID, note, helper or SQL parameter anywhere', () => {
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    for (const secret of [PASSWORD, sessionToken, CITIZEN_NAME, NATIONAL_ID, NOTE, HELPER, SQL_PARAMETER, DEMO_PASSWORD]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/cookie|authorization|"params"|"parameters"|"query"/i);
  });

  it('logs a resolver bug once, with the id of the request it happened in, and answers INTERNAL_SERVER_ERROR', async () => {
    const totals = OverviewService.prototype.totals;
    OverviewService.prototype.totals = () => Promise.reject(new Error(`resolver broke ${tag}`));
    try {
      const mine = `bug-${tag}-0002`;
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': mine },
        body: JSON.stringify({ query: 'query($m: ID!) { movementTotals(movementId: $m) { points } }', variables: { m: DEMO_NATIONAL_MOVEMENT_ID } }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      await new Promise((r) => setTimeout(r, 50));
      const bugLines = parsed().filter((l) => l.level === 'error' && JSON.stringify(l.err ?? {}).includes(`resolver broke ${tag}`));
      expect(bugLines.map((l) => [l.msg, l.reqId])).toEqual([['graphql internal error', mine]]);
    } finally {
      OverviewService.prototype.totals = totals;
    }
  });

  it('echoes a sane X-Request-Id, and replaces one that is not', async () => {
    const mine = `probe-${tag}-0001`;
    const a = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': mine } });
    expect(a.headers.get('x-request-id')).toBe(mine);
    const b = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': `<script>${'x'.repeat(300)}` } });
    expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(parsed().some((l) => l.msg === 'request' && l.reqId === mine && l.path === '/healthz')).toBe(true);
  });
});
