import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, GraphQLError, isInputObjectType, printSchema, type GraphQLInputType } from 'graphql';
import { movements, queryRows, sql } from '@thidua/db';
import { formatError } from '@thidua/api/src/app';
import { getSchema } from '@thidua/api/src/graphql/schema';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { dataOf, errorCodes, startTestApp, type GqlClient, type GqlResult, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/**
 * Hostile input is refused in one place (api/src/graphql/input-guard.ts) with BAD_USER_INPUT
 * naming the field, before it reaches a service or the database; sign-in is checked first.
 */

const CREATE_MOVEMENT = `mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id } }`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`;
const SET_RULES = `mutation($movementId: ID!, $rules: JSON!, $note: String) { setScoringRules(movementId: $movementId, rules: $rules, note: $note) { id } }`;

let t: TestApp;
let admin: GqlClient;
let officer: GqlClient;
let movementId: string;
let unitId: string;
let logged: string[] = [];

function movementInput(overrides: Record<string, unknown> = {}) {
  return { title: 'Phong trào thử', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31', ...overrides };
}
const assistInput = (overrides: Record<string, unknown> = {}) => ({ id: randomUUID(), movementId, unitId, helpedOn: '2026-10-05', service: 'VNEID_L2', ...overrides });
const classInput = (overrides: Record<string, unknown> = {}) => ({ id: randomUUID(), movementId, unitId, heldOn: '2026-10-05', attendeeCount: 10, topics: ['VNEID'], ...overrides });

const count = async (table: string) => Number((await queryRows<{ n: string }>(t.db, sql.raw(`select count(*)::int as n from ${table}`)))[0].n);

/** A refusal for bad input: BAD_USER_INPUT naming `field`, and no internal error logged. */
function expectRefused(result: GqlResult, field: string | RegExp) {
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  const fields = (result.errors![0].extensions?.fields ?? []) as { field: string }[];
  expect(fields.map((f) => f.field)).toContainEqual(typeof field === 'string' ? field : expect.stringMatching(field));
  expect(result.status).toBeLessThan(500);
}

beforeAll(async () => {
  // the app's JSON log lines, to check that no SQL or parameters reach them
  t = await startTestApp({ logDestination: { write: (line: string) => void logged.push(line) } });
  const [haLong] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  const org = await insertUnit(t.db, { parentId: haLong.id, kind: 'ORGANIZATION', name: 'Đoàn phường Hạ Long', subtype: 'đoàn phường' });
  unitId = String(org.id);
  const a = await newUser(t.db, { role: 'ADMIN' });
  const o = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
  admin = await t.as(a.username, a.password);
  officer = await t.as(o.username, o.password);
  movementId = dataOf(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ phases: [] }) })).createMovement.id;
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { id } }`, { id: movementId }));
});
afterEach(() => {
  const text = logged.join('\n');
  logged = [];
  // nothing a test does may put SQL or its parameters into the log
  expect(text).not.toMatch(/select |insert |update |Failed query|params:/i);
});
afterAll(() => t?.close());

describe('control characters', () => {
  it('refuses a NUL in a note with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await count('activities');
    expectRefused(await officer.gql(RECORD_ASSIST, { input: assistInput({ note: 'gặp tại nhà\u0000' }) }), 'note');
    expectRefused(await officer.gql(RECORD_CLASS, { input: classInput({ note: '\u0000' }) }), 'note');
    expect(await count('activities')).toBe(before);
  });

  it('refuses a NUL in a title', async () => {
    const before = await count('movements');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'Phong trào\u0000' }) }), 'title');
    expect(await count('movements')).toBe(before);
  });

  it('refuses a NUL in a username, at sign-in and when creating an account', async () => {
    const login = await t.gql(`mutation($u: String!) { login(username: $u, password: "mat-khau-bat-ky") { id } }`, { u: 'admin\u0000' });
    expectRefused(login, 'username');
    const created = await admin.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { setupCode } }`, {
      input: { username: 'can.bo\u0000', displayName: 'Cán bộ mới', role: 'OFFICER', unitId },
    });
    expectRefused(created, 'username');
  });

  it('refuses a NUL in a search, for anonymous visitors and signed-in users alike', async () => {
    expectRefused(await t.gql(`query($s: String) { units(search: $s) { totalCount } }`, { s: 'ha\u0000long' }), 'search');
    expectRefused(await admin.gql(`query($s: String) { accounts(search: $s) { totalCount } }`, { s: '\u0000' }), 'search');
    expectRefused(await officer.gql(`query($s: String) { citizens(search: $s) { totalCount } }`, { s: 'lan\u0000' }), 'search');
  });

  it('refuses other control characters and lone surrogates, but keeps line breaks in a note', async () => {
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'a\u0007b' }) }), 'title');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'a\u009bb' }) }), 'title');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'dòng 1\ndòng 2' }) }), 'title');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'a\ud800b' }) }), 'title');
    const ok = await officer.gql(RECORD_ASSIST, { input: assistInput({ note: 'dòng 1\r\ndòng 2\tcột' }) });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses bidi overrides and line separators, which make a name read backwards, in titles, names and notes alike', async () => {
    const before = await count('activities');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: '\u202egnp.exe' }) }), 'title');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'a\u2028b' }) }), 'title');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ title: 'a\u2067b\u2069' }) }), 'title');
    expectRefused(await officer.gql(RECORD_ASSIST, { input: assistInput({ note: 'dòng 1\u2029dòng 2' }) }), 'note');
    expectRefused(await officer.gql(RECORD_ASSIST, { input: assistInput({ helper: 'Lan\u202d' }) }), 'helper');
    expect(await count('activities')).toBe(before);
    // what Vietnamese text needs is kept: diacritics, emoji with a joiner
    const ok = await officer.gql(RECORD_ASSIST, { input: assistInput({ note: 'Bà Nguyễn Thị Ánh 👩\u200d💻 rất vui' }) });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a bad item of an offline sync on its own, naming its path, and keeps the others', async () => {
    const good = classInput();
    const bad = assistInput({ helper: 'x\u0000' });
    const result = await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode message } }`, {
      input: [{ class: good }, { assist: bad }],
    });
    const [first, second] = dataOf(result).syncActivities;
    expect(first).toMatchObject({ id: good.id, outcome: 'APPLIED' });
    expect(second).toMatchObject({ id: bad.id, outcome: 'REJECTED', errorCode: 'BAD_USER_INPUT' });
    expect(second.message).toMatch(/input\[1\]\.assist\.helper/);
    expect(await count(`activities where id = '${bad.id}'`)).toBe(0);
  });

  it('refuses a NUL inside scoring rules (JSON)', async () => {
    const result = await admin.gql(SET_RULES, { movementId, rules: { classBase: 5, label: 'a\u0000' } });
    expectRefused(result, 'rules.label');
  });
});

describe('lengths', () => {
  it('refuses a 100 KB helper and says the maximum', async () => {
    const before = await count('activities');
    const result = await officer.gql(RECORD_ASSIST, { input: assistInput({ helper: 'x'.repeat(100_000) }) });
    expectRefused(result, 'helper');
    expect(result.errors![0].message).toMatch(/tối đa 200 ký tự/);
    expect(await count('activities')).toBe(before);
  });

  it('refuses a 100 KB description and says the maximum', async () => {
    const result = await admin.gql(CREATE_MOVEMENT, { input: movementInput({ description: 'Mô tả '.repeat(20_000) }) });
    expectRefused(result, 'description');
    expect(result.errors![0].message).toMatch(/tối đa 2\.000 ký tự/);
    const atTheMaximum = await admin.gql(CREATE_MOVEMENT, { input: movementInput({ description: 'x'.repeat(2000) }) });
    expect(atTheMaximum.errors).toBeUndefined();
  });

  it('gives every String argument and input field a maximum, stated in the schema', async () => {
    const printed = printSchema(await getSchema());
    expect(printed).toMatch(/"""Người hỗ trợ \(tối đa 200 ký tự\)\."""\n\s+helper: String/);
    expect(printed).toMatch(/"""Mô tả \(tối đa 2\.000 ký tự\)\."""\n\s+description: String/);
    // every String, whether a rule names it or not, says how long it may be
    const schema = await getSchema();
    const unstated: string[] = [];
    const isString = (type: GraphQLInputType) => getNamedType(type).name === 'String';
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()])
      for (const field of Object.values(root?.getFields() ?? {}))
        for (const arg of field.args) if (isString(arg.type) && !/\d ký tự/.test(arg.description ?? '')) unstated.push(`${field.name}(${arg.name})`);
    for (const type of Object.values(schema.getTypeMap()))
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields())) if (isString(field.type) && !/\d ký tự/.test(field.description ?? '')) unstated.push(`${type.name}.${field.name}`);
    expect(unstated).toEqual([]);
  });

  it('refuses a list longer than its bound', async () => {
    const result = await officer.gql(RECORD_CLASS, { input: classInput({ topics: Array.from({ length: 1000 }, () => 'VNEID') }) });
    expectRefused(result, 'topics');
  });
});

describe('dates and numbers', () => {
  it('refuses a movement dated 0001 or 9999', async () => {
    const before = await count('movements');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ startsOn: '0001-01-01' }) }), 'startsOn');
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ endsOn: '9999-12-31' }) }), 'endsOn');
    expect(await count('movements')).toBe(before);
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(movements).where(sql`${movements.endsOn} > '2100-12-31' or ${movements.startsOn} < '2000-01-01'`);
    expect(row.n).toBe(0);
  });

  it('refuses an activity dated 9999', async () => {
    expectRefused(await officer.gql(RECORD_CLASS, { input: classInput({ heldOn: '9999-12-31' }) }), 'heldOn');
  });

  it('refuses a board for a range outside 2000–2100', async () => {
    const result = await t.gql(`query($m: ID!) { leaderboard(movementId: $m, scope: COMMUNE, from: "0001-01-01") { totalCount } }`, { m: movementId });
    expectRefused(result, 'from');
  });

  it('refuses numbers out of their bounds', async () => {
    expectRefused(await officer.gql(RECORD_CLASS, { input: classInput({ attendeeCount: 2_147_483_647 }) }), 'attendeeCount');
    expectRefused(await t.gql(`query($n: Int) { units(first: $n) { totalCount } }`, { n: 2_147_483_647 }), 'first');
    const target = { title: 'Chỉ tiêu', measure: 'CLASSES', level: 1e308 };
    expectRefused(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ targets: [target] }) }), 'targets[0].level');
  });
});

describe('sign-in comes before judging input', () => {
  it('answers an anonymous setScoringRules with bad input UNAUTHENTICATED', async () => {
    const anonymous = t.client();
    for (const variables of [
      { movementId, rules: { classBase: -5 } },
      { movementId, rules: 'không phải quy tắc' },
      { movementId, rules: {}, note: 'x\u0000'.repeat(10_000) },
      { movementId: 'x'.repeat(1000), rules: {} },
    ]) {
      const result = await anonymous.gql(SET_RULES, variables);
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('answers UNAUTHENTICATED to an anonymous caller whose variables cannot even be read', async () => {
    const result = await t.gql(CREATE_MOVEMENT, { input: movementInput({ startsOn: 'abc' }) });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    const inline = await t.gql(SET_RULES, { movementId: 12, rules: {}, note: ['not', 'a', 'string'] });
    expect(errorCodes(inline)).toEqual(['UNAUTHENTICATED']);
  });

  it('still tells a signed-in user what is wrong with the same input', async () => {
    expectRefused(await admin.gql(SET_RULES, { movementId, rules: {}, note: 'x\u0000' }), 'note');
    expect(errorCodes(await admin.gql(CREATE_MOVEMENT, { input: movementInput({ startsOn: 'abc' }) }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('database errors caused by input', () => {
  /** what Drizzle throws when PostgreSQL refuses a value: the SQL and its parameters in the message */
  function failedQuery(code: string, message: string) {
    const cause = Object.assign(new Error(message), { code, severity: 'ERROR', routine: 'string_to_uuid' });
    const failed = Object.assign(new Error(`Failed query: select * from citizens where national_id_hash = $1\nparams: 079123456789`), {
      query: 'select * from citizens where national_id_hash = $1',
      params: ['079123456789'],
      cause,
    });
    return new GraphQLError(failed.message, { originalError: failed, path: ['citizens'] });
  }

  it('answers BAD_USER_INPUT to a data exception (SQLSTATE class 22), without logging the SQL or its parameters', () => {
    for (const [code, message] of [
      ['22P02', 'invalid input syntax for type uuid: "079123456789"'],
      ['22001', 'value too long for type character varying(200)'],
      ['22003', 'value "99999999999" is out of range for type integer'],
      ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ]) {
      const error = failedQuery(code, message);
      const out = formatError({ message: error.message, path: ['citizens'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
      expect(out.extensions?.code).toBe('BAD_USER_INPUT');
      expect(out.message).not.toMatch(/select|079123456789/);
    }
    expect(logged.join('\n')).not.toMatch(/079123456789|national_id_hash|select /);
  });

  it('logs an internal database error by its SQLSTATE only, never the SQL or its parameters', () => {
    const error = failedQuery('42P01', 'relation "citizens" does not exist');
    const out = formatError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged.join('\n')).toMatch(/42P01/);
    expect(logged.join('\n')).not.toMatch(/079123456789|national_id_hash/);
    logged = [];
  });
});

describe('HTTP routes under /api/', () => {
  const PDF = Buffer.from('%PDF-1.4\n% minh chứng\n', 'utf8');
  const upload = (filenameHeader: string) =>
    fetch(`${t.url}/api/evidence`, { method: 'POST', body: PDF, headers: { 'content-type': 'application/pdf', 'x-filename': filenameHeader, cookie: officer.cookie! } });

  it('refuses an evidence file name with control characters or a broken encoding with 400, and stores nothing', async () => {
    const before = await count('evidence_files');
    for (const header of [encodeURIComponent('ảnh\u0000.pdf'), encodeURIComponent('a\u001b[2J.pdf'), '%E0%A4%A', encodeURIComponent('x'.repeat(5000))]) {
      const res = await upload(header);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(await count('evidence_files')).toBe(before);
    const ok = await upload(encodeURIComponent('biên bản lớp học.pdf'));
    expect(ok.status).toBe(201);
  });

  it('refuses control characters, oversize values and impossible dates in query parameters with 400', async () => {
    const base = `${t.url}/api/export/leaderboard.csv?movementId=${movementId}&scope=COMMUNE`;
    for (const extra of ['&subtype=%00', '&from=0001-01-01', '&to=9999-12-31', '&from=abc', `&subtype=${'x'.repeat(5000)}`, '&%07=1']) {
      const res = await fetch(base + extra);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await fetch(base)).status).toBe(200);
    expect((await fetch(`${t.url}/api/quizzes/questions.csv?x=%00`)).status).toBe(400);
    expect((await fetch(`${t.url}/api/units/import-template.csv?x=${'%C2%9B'}`)).status).toBe(400);
  });
});
