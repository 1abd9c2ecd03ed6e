import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { MAX_EVIDENCE_BYTES } from '@thidua/api/src/modules/evidence/evidence.routes';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id evidence { id filename contentType size url } } }`;
const ACTIVITY = `query($id: ID!) { activity(id: $id) { id evidence { id filename url } } }`;

// the smallest files whose first bytes say what they are
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% minh chứng\n', 'utf8');

let t: TestApp;
let officer: GqlClient;
let otherOfficer: GqlClient;
let leader: GqlClient;
let otherLeader: GqlClient;
let movementId: string;
let unitId: string;

async function upload(client: GqlClient | null, body: Buffer, type: string, filename = 'lớp học.png') {
  const res = await fetch(`${t.url}/api/evidence`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-filename': encodeURIComponent(filename), ...(client?.cookie ? { cookie: client.cookie } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; filename?: string; size?: number; errors?: { extensions: { code: string } }[] } };
}

async function download(client: GqlClient, url: string) {
  const res = await fetch(`${t.url}${url}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const evidenceRows = async () => Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from evidence_files`))[0].n);

function classInput(evidenceIds: string[]) {
  return { id: randomUUID(), movementId, unitId, heldOn: '2026-10-05', attendeeCount: 25, topics: ['VNEID'], evidenceIds };
}

beforeAll(async () => {
  t = await startTestApp();
  const [haLong] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  const [longCoc] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '08620'`);
  const [quangNinh] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '22'`);
  const org = await insertUnit(t.db, { parentId: haLong.id, kind: 'ORGANIZATION', name: 'Tổ công nghệ số Hạ Long', subtype: 'tổ công nghệ số cộng đồng' });
  unitId = String(org.id);
  const admin = await newUser(t.db, { role: 'ADMIN' });
  const o1 = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
  const o2 = await newUser(t.db, { role: 'OFFICER', unitId: org.id });
  const l1 = await newUser(t.db, { role: 'LEADER', unitId: quangNinh.id });
  const l2 = await newUser(t.db, { role: 'LEADER', unitId: longCoc.id });
  officer = await t.as(o1.username, o1.password);
  otherOfficer = await t.as(o2.username, o2.password);
  leader = await t.as(l1.username, l1.password);
  otherLeader = await t.as(l2.username, l2.password);
  const adminClient = await t.as(admin.username, admin.password);
  movementId = dataOf(
    await adminClient.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: 'Minh chứng — thử nghiệm', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['COMMUNE', 'ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    }),
  ).createMovement.id;
  dataOf(await adminClient.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
});

afterAll(async () => {
  await t?.close();
});

describe('evidence: upload, link to an activity, show to reviewers', () => {
  it('links uploaded files to the activity recorded with them and serves them to a leader of its unit', async () => {
    const photo = await upload(officer, PNG, 'image/png', 'lớp học.png');
    const pdf = await upload(officer, PDF, 'application/pdf', 'danh sách.pdf');
    expect(photo.status).toBe(201);
    expect(pdf.status).toBe(201);
    expect(photo.body).toMatchObject({ filename: 'lớp học.png', size: PNG.length });

    const recorded = dataOf(await officer.gql(RECORD_CLASS, { input: classInput([photo.body.id!, pdf.body.id!]) })).recordClass;
    expect(recorded.evidence.map((e: { id: string }) => e.id).sort()).toEqual([photo.body.id, pdf.body.id].sort());

    // the reviewer sees the files on the activity and can open them
    const seen = dataOf(await leader.gql(ACTIVITY, { id: recorded.id })).activity;
    const png = seen.evidence.find((e: { id: string }) => e.id === photo.body.id);
    expect(png.filename).toBe('lớp học.png');
    const file = await download(leader, png.url);
    expect(file.status).toBe(200);
    expect(file.type).toBe('image/png');
    expect(file.bytes.equals(PNG)).toBe(true);

    // a leader of another province may not
    expect((await download(otherLeader, png.url)).status).toBe(403);
  });

  it('a retry of a recording with evidence, alone or many at once, returns the same activity', async () => {
    const photo = await upload(officer, PNG, 'image/png');
    const input = classInput([photo.body.id!]);
    const first = dataOf(await officer.gql(RECORD_CLASS, { input })).recordClass;
    const retries = await Promise.all(Array.from({ length: 5 }, () => officer.gql(RECORD_CLASS, { input })));
    for (const r of retries) expect(dataOf(r).recordClass).toEqual(first);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities where id = ${input.id}`);
    expect(n).toBe(1);
    // the same id with other evidence is another payload: refused, nothing changed
    const other = await upload(officer, PNG, 'image/png');
    expect(errorCodes(await officer.gql(RECORD_CLASS, { input: { ...input, evidenceIds: [other.body.id!] } }))).toEqual(['activity/duplicate-payload']);
    const [row] = await queryRows<{ activity_id: string | null }>(t.db, sql`select activity_id from evidence_files where id = ${other.body.id!}`);
    expect(row.activity_id).toBeNull();
  });

  it('in an offline batch, one file goes with the first item that names it; a later item naming it is refused', async () => {
    const photo = await upload(officer, PNG, 'image/png');
    const a = classInput([photo.body.id!]);
    const b = classInput([photo.body.id!]);
    const { syncActivities } = dataOf(
      await officer.gql(`mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode } }`, { input: [{ class: a }, { class: b }] }),
    );
    expect(syncActivities.map((r: { outcome: string }) => r.outcome)).toEqual(['APPLIED', 'REJECTED']);
    expect(syncActivities[1].errorCode).toBe('BAD_USER_INPUT');
    const [row] = await queryRows<{ activity_id: string | null }>(t.db, sql`select activity_id from evidence_files where id = ${photo.body.id!}`);
    expect(row.activity_id).toBe(a.id);
  });

  it('refuses a file already linked, or uploaded by someone else, and then records nothing', async () => {
    const photo = await upload(officer, PNG, 'image/png');
    dataOf(await officer.gql(RECORD_CLASS, { input: classInput([photo.body.id!]) }));
    const before = Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities`))[0].n);

    const again = await officer.gql(RECORD_CLASS, { input: classInput([photo.body.id!]) });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    const foreign = await upload(otherOfficer, PNG, 'image/png');
    const borrowed = await officer.gql(RECORD_CLASS, { input: classInput([foreign.body.id!]) });
    expect(errorCodes(borrowed)).toEqual(['BAD_USER_INPUT']);

    const after = Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities`))[0].n);
    expect(after).toBe(before);
    // the other officer's file is still free to use, by its owner
    const [row] = await queryRows<{ activity_id: string | null }>(t.db, sql`select activity_id from evidence_files where id = ${foreign.body.id!}`);
    expect(row.activity_id).toBeNull();
  });

  it('refuses bad uploads with a clear status and stores nothing', async () => {
    const before = await evidenceRows();
    const anonymous = await upload(null, PNG, 'image/png');
    expect(anonymous.status).toBe(401);
    const wrongType = await upload(officer, PNG, 'text/html');
    expect(wrongType.status).toBe(415);
    const mismatch = await upload(officer, PDF, 'image/png');
    expect(mismatch.status).toBe(415);
    const empty = await upload(officer, Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(415);
    const tooLarge = await upload(officer, Buffer.concat([PNG, Buffer.alloc(MAX_EVIDENCE_BYTES)]), 'image/png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await evidenceRows()).toBe(before);
  });
});
