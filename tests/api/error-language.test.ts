import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { dataOf, errorCodes, gql, startTestApp, type GqlClient, type GqlResult, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * Issue 15, "the API speaks the caller's language": every error keeps its code; its message is
 * Vietnamese by default and English when the caller prefers it (Accept-Language over HTTP, the
 * connection parameters or the upgrade request over graphql-ws), on every path that answers
 * errors: GraphQL, the 429 and 503 refusals before GraphQL runs, and the /api/ routes.
 * Notes and reasons are held to 2,000 characters (BAD_USER_INPUT naming the field).
 */

const EN = { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' };
const VI = { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' };

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status note } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewActivity(id: $id, approve: $approve, reason: $reason) { id status reviewReason } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status } }`;
const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { id } }';

let t: TestApp;
let officer: GqlClient;
let leader: GqlClient;
let movementId: string;
let unitId: string;

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return row.id;
}

/** A GraphQL request with this client's session in a language. */
function as(client: GqlClient | null, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GqlResult> {
  return gql(t.url, query, variables, { cookie: client?.cookie ?? null, headers });
}

const classInput = (overrides: Record<string, unknown> = {}) => ({ id: randomUUID(), movementId, unitId, heldOn: '2026-10-05', attendeeCount: 30, topics: ['VNEID'], ...overrides });

beforeAll(async () => {
  t = await startTestApp();
  const haLong = await unitIdByCode('06688');
  const quangNinh = await unitIdByCode('22');
  const org = await insertUnit(t.db, { parentId: haLong, kind: 'ORGANIZATION', name: 'Đoàn phường Hạ Long', subtype: 'đoàn phường' });
  unitId = String(org.id);
  const admin = await newUser(t.db, { role: 'ADMIN' });
  const o = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
  const l = await newUser(t.db, { role: 'LEADER', unitId: quangNinh });
  officer = await t.as(o.username, o.password);
  leader = await t.as(l.username, l.password);
  const adminClient = await t.as(admin.username, admin.password);
  movementId = dataOf(
    await adminClient.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: 'Phong trào thử ngôn ngữ', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['COMMUNE', 'ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    }),
  ).createMovement.id;
  dataOf(await adminClient.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
});
afterAll(() => t?.close());

describe('GraphQL over HTTP', () => {
  it('answers UNAUTHENTICATED in Vietnamese by default and in English when the caller prefers it, with the same code', async () => {
    const query = `mutation($id: ID!) { revokeActivity(id: $id, reason: "x") { id } }`;
    const none = await gql(t.url, query, { id: randomUUID() });
    const vi = await gql(t.url, query, { id: randomUUID() }, { headers: VI });
    const en = await gql(t.url, query, { id: randomUUID() }, { headers: EN });
    for (const result of [none, vi, en]) expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(none.errors![0].message).toBe('Bạn cần đăng nhập để thực hiện thao tác này.');
    expect(vi.errors![0].message).toBe(none.errors![0].message);
    expect(en.errors![0].message).toBe('Please sign in to do this.');
    expect(en.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('answers a wrong password (auth/invalid-credentials) in either language', async () => {
    const vi = await gql(t.url, LOGIN, { username: 'khong_co_ai', password: 'sai-mat-khau-1' }, { headers: VI });
    const en = await gql(t.url, LOGIN, { username: 'khong_co_ai', password: 'sai-mat-khau-1' }, { headers: EN });
    expect(errorCodes(vi)).toEqual(['auth/invalid-credentials']);
    expect(errorCodes(en)).toEqual(['auth/invalid-credentials']);
    expect(vi.errors![0].message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(en.errors![0].message).toBe('The username or password is not correct.');
  });

  it('answers a rule of the game (activity/own-review) in English from the catalogue', async () => {
    // an officer's own activity cannot be reviewed by the same person: give the leader's account the recording
    const input = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    await t.db.execute(sql`update activities set recorded_by = (select id from users where role = 'LEADER' order by created_at desc limit 1) where id = ${input.id}`);
    const en = await as(leader, REVIEW, { id: input.id, approve: true }, EN);
    expect(errorCodes(en)).toEqual(['activity/own-review']);
    expect(en.errors![0].message).toBe('You cannot review an activity you recorded yourself.');
    const vi = await as(leader, REVIEW, { id: input.id, approve: true }, VI);
    expect(vi.errors![0].message).toBe('Bạn không thể tự duyệt hoạt động do chính mình ghi nhận.');
  });
});

describe('refusals worded by graphql-js and Apollo Server', () => {
  const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
  const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST') => {
    const response = await fetch(`${t.url}/graphql`, { method, headers: { accept: 'application/json', ...headers }, ...(method === 'GET' ? {} : { body }) });
    return { status: response.status, body: (await response.json()) as { errors: { message: string; extensions: { code: string; detail?: string } }[] } };
  };

  it('says in Vietnamese what is wrong with a variable, keeping graphql-js\'s wording (without the value) in extensions.detail', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['query($a: Int) { activities(first: $a) { totalCount } }', { a: 'abc' }, /^Biến \$a không hợp lệ: cần một số nguyên\.$/],
      ['query($a: Int) { activities(first: $a) { totalCount } }', { a: 2 ** 40 }, /^Biến \$a không hợp lệ: số nguyên quá lớn/],
      ['query($s: ActivityStatus) { activities(filter: { status: $s }) { totalCount } }', { s: 'MAYBE' }, /^Biến \$s không hợp lệ: "MAYBE" không phải là một giá trị của ActivityStatus\.$/],
      ['mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }', { input: { id: randomUUID() } }, /^Biến \$input không hợp lệ: thiếu trường bắt buộc "movementId"/],
      ['mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }', {}, /^Thiếu biến bắt buộc \$input \(kiểu RecordClassInput!\)\.$/],
      ['mutation($id: ID!, $approve: Boolean!) { reviewActivity(id: $id, approve: $approve) { id } }', { id: null, approve: true }, /^Biến \$id không được để trống/],
    ];
    for (const [query, variables, expected] of cases) {
      const result = await as(officer, query, variables, VI);
      expect([...new Set(errorCodes(result))], query).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].message).toMatch(expected);
      expect(String(result.errors![0].extensions!.detail)).toMatch(/^Variable "\$/);
    }
    // the refused value is not echoed in the detail
    const long = 'x'.repeat(5000);
    const echoed = await as(officer, 'query($a: Int) { activities(first: $a) { totalCount } }', { a: long }, VI);
    expect(JSON.stringify(echoed.errors)).not.toContain('x'.repeat(400));
  });

  it('says in Vietnamese why a request itself is refused: no body, a mutation by GET, several operations without a name', async () => {
    const empty = await post('{}');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toMatch(/^Yêu cầu không có nội dung/);
    const byGet = await post('', {}, 'GET').then(async () => {
      const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, { headers: { accept: 'application/json' } });
      return { status: response.status, body: (await response.json()) as { errors: { message: string }[] } };
    });
    expect(byGet.status).toBe(405);
    expect(byGet.body.errors[0].message).toMatch(/^Yêu cầu GET chỉ dùng để đọc/);
    const two = await post(JSON.stringify({ query: 'query A { __typename } query B { __typename }' }));
    expect(two.body.errors[0].message).toBe('Tài liệu có nhiều thao tác: cần cho biết operationName.');
    const unknown = await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'C' }));
    expect(unknown.body.errors[0].message).toBe('Tài liệu không có thao tác tên "C".');
    for (const r of [empty, byGet, two, unknown]) expect(r.body.errors[0].message).toMatch(VIETNAMESE);
  });
});

describe('notes and reasons are held to 2,000 characters', () => {
  it('refuses an activity note of 2,001 characters with BAD_USER_INPUT naming the field, in the caller\'s language; 2,000 pass', async () => {
    const vi = await as(officer, RECORD_CLASS, { input: classInput({ note: 'a'.repeat(2001) }) }, VI);
    expect(errorCodes(vi)).toEqual(['BAD_USER_INPUT']);
    expect(vi.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'note', rule: 'tooLong', max: 2000 })]);
    expect(vi.errors![0].message).toBe('note: quá dài (tối đa 2.000 ký tự).');
    const en = await as(officer, RECORD_CLASS, { input: classInput({ note: 'a'.repeat(2001) }) }, EN);
    expect(errorCodes(en)).toEqual(['BAD_USER_INPUT']);
    expect(en.errors![0].message).toBe('note: is too long (at most 2,000 characters).');
    expect((en.errors![0].extensions!.fields as { field: string; message: string }[])[0]).toMatchObject({ field: 'note', message: 'note: is too long (at most 2,000 characters).' });

    const ok = dataOf(await officer.gql(RECORD_CLASS, { input: classInput({ note: 'b'.repeat(2000) }) })).recordClass;
    expect(ok.note).toHaveLength(2000);
  });

  it('holds rejection and revocation reasons to 2,000 characters', async () => {
    const rejected = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input: rejected }));
    const tooLong = await as(leader, REVIEW, { id: rejected.id, approve: false, reason: 'r'.repeat(2001) }, EN);
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0].message).toBe('reason: is too long (at most 2,000 characters).');
    const done = dataOf(await leader.gql(REVIEW, { id: rejected.id, approve: false, reason: 'r'.repeat(2000) })).reviewActivity;
    expect(done).toMatchObject({ status: 'REJECTED' });
    expect(done.reviewReason).toHaveLength(2000);

    const approved = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input: approved }));
    dataOf(await leader.gql(REVIEW, { id: approved.id, approve: true }));
    const revokeTooLong = await as(leader, REVOKE, { id: approved.id, reason: 'v'.repeat(2001) }, VI);
    expect(errorCodes(revokeTooLong)).toEqual(['BAD_USER_INPUT']);
    expect(revokeTooLong.errors![0].message).toBe('reason: quá dài (tối đa 2.000 ký tự).');
    expect(dataOf(await leader.gql(REVOKE, { id: approved.id, reason: 'v'.repeat(2000) })).revokeActivity.status).toBe('REVOKED');
  });

  it('names the field of a service\'s own check in English too (a rejection needs a reason)', async () => {
    const input = classInput();
    dataOf(await officer.gql(RECORD_CLASS, { input }));
    const en = await as(leader, REVIEW, { id: input.id, approve: false, reason: '  ' }, EN);
    expect(errorCodes(en)).toEqual(['BAD_USER_INPUT']);
    expect(en.errors![0].message).toBe('reason: is required.');
    const vi = await as(leader, REVIEW, { id: input.id, approve: false, reason: '  ' }, VI);
    expect(vi.errors![0].message).toBe('Cần nêu lý do.');
  });

  it('states the maximum in the schema description of every note and reason argument', async () => {
    const schema = await gql(t.url, `{ __type(name: "Mutation") { fields { name args { name description } } } }`);
    const fields = dataOf(schema).__type.fields as { name: string; args: { name: string; description: string | null }[] }[];
    const bounded = fields.flatMap((f) => f.args.filter((a) => a.name === 'reason' || a.name === 'note').map((a) => `${f.name}.${a.name}: ${a.description}`));
    expect(bounded.length).toBeGreaterThan(3);
    for (const line of bounded) expect(line).toMatch(/2\.000 ký tự/);
  });
});

describe('the /api/ routes', () => {
  it('answers their JSON errors in the caller\'s language', async () => {
    const vi = await fetch(`${t.url}/api/evidence/${randomUUID()}`, { headers: VI });
    const en = await fetch(`${t.url}/api/evidence/${randomUUID()}`, { headers: EN });
    expect(vi.status).toBe(401);
    expect(en.status).toBe(401);
    const [viBody, enBody] = (await Promise.all([vi.json(), en.json()])) as { errors: { message: string; extensions: { code: string } }[] }[];
    expect(viBody.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(enBody.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(viBody.errors[0].message).toMatch(/đăng nhập/);
    expect(enBody.errors[0].message).toBe('Please sign in to do this.');
  });

  it('names the refused query parameter in English', async () => {
    const en = await fetch(`${t.url}/api/export/leaderboard.csv?from=tomorrow`, { headers: EN });
    expect(en.status).toBe(400);
    const body = (await en.json()) as { errors: { message: string; extensions: { code: string; fields: { field: string }[] } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.fields[0].field).toBe('from');
    expect(body.errors[0].message).toBe('from: is not a valid date.');
  });
});

describe('refusals before GraphQL runs', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ env: { RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: 'loopback', GRAPHQL_CONCURRENCY: '1', GRAPHQL_QUEUE: '0' } });
  });
  afterAll(() => limited?.close());

  it('answers 429 RATE_LIMITED in English or Vietnamese, with the same code and Retry-After', async () => {
    const from = (ip: string, language: Record<string, string>) => ({ headers: { 'x-forwarded-for': ip, ...language } });
    for (let i = 0; i < 2; i++) dataOf(await gql(limited.url, '{ __typename }', undefined, from('203.0.113.9', EN)));
    const en = await gql(limited.url, '{ __typename }', undefined, from('203.0.113.9', EN));
    const vi = await gql(limited.url, '{ __typename }', undefined, from('203.0.113.9', VI));
    expect([en.status, vi.status]).toEqual([429, 429]);
    expect(errorCodes(en)).toEqual(['RATE_LIMITED']);
    expect(errorCodes(vi)).toEqual(['RATE_LIMITED']);
    const wait = Number(en.headers.get('retry-after'));
    expect(en.errors![0].extensions!.retryAfter).toBe(wait);
    expect(en.errors![0].message).toBe(`Too many requests. Please try again in ${wait} seconds.`);
    expect(vi.errors![0].message).toMatch(/^Bạn gửi quá nhiều yêu cầu\. Vui lòng thử lại sau \d+ giây\.$/);
  });

  it('answers 503 SERVICE_UNAVAILABLE (over capacity) in English or Vietnamese', async () => {
    // one request holds the only place (its body not yet sent); the next ones are refused at once
    const body = JSON.stringify({ query: '{ __typename }' });
    const held = httpRequest(`${limited.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), 'x-forwarded-for': '203.0.113.20' } });
    const heldAnswer = new Promise<number>((resolve, reject) => {
      held.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      held.on('error', reject);
    });
    held.write(body.slice(0, 3));
    held.flushHeaders();
    await new Promise((r) => setTimeout(r, 150));
    const ask = (ip: string, language: Record<string, string>) => gql(limited.url, '{ __typename }', undefined, { headers: { 'x-forwarded-for': ip, ...language } });
    const en = await ask('203.0.113.21', EN);
    const vi = await ask('203.0.113.22', VI);
    held.end(body.slice(3));
    expect(await heldAnswer).toBe(200);
    expect([en.status, vi.status]).toEqual([503, 503]);
    expect(errorCodes(en)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(errorCodes(vi)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(en.headers.get('retry-after')).toBe('1');
    expect(en.errors![0].message).toBe('The service is briefly unavailable. Please try again in a few seconds.');
    expect(vi.errors![0].message).toMatch(/quá tải/);
  });
});

describe('graphql-ws', () => {
  type Socket = { on(e: string, l: (...a: never[]) => void): void; once(e: string, l: (...a: never[]) => void): void; send(d: string): void; close(): void };
  const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, protocol: string, options?: { headers?: Record<string, string> }) => Socket;

  /** The error a subscription to a field that does not exist gets on a connection opened this way. */
  function refusal(connectionParams: Record<string, unknown> | undefined, headers: Record<string, string> = {}): Promise<{ message: string; extensions: { code: string } }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
      socket.once('error', reject as never);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
      socket.on('message', ((data: Buffer) => {
        const message = JSON.parse(String(data)) as { type: string; id?: string; payload: { message: string; extensions: { code: string } }[] };
        if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: 'subscription { noSuchField }' } }));
        if (message.type === 'error') {
          socket.close();
          resolve(message.payload[0]);
        }
      }) as never);
    });
  }

  it('answers in the language of the connection parameters, else of the upgrade request, else Vietnamese', async () => {
    const byParams = await refusal({ language: 'en' }, VI);
    const byHeader = await refusal(undefined, EN);
    const byDefault = await refusal(undefined);
    for (const e of [byParams, byHeader, byDefault]) expect(e.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(byParams.message).toBe('The query is not valid, too large or too complex.');
    expect(byHeader.message).toBe(byParams.message);
    expect(byDefault.message).toMatch(/^Truy vấn không hợp lệ/);
  });
});
