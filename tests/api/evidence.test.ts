import { Agent, request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { MAX_EVIDENCE_BYTES } from '@thidua/api/src/modules/evidence/evidence.routes';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id evidence { id filename contentType size url } } }`;
const ACTIVITY = `query($id: ID!) { activity(id: $id) { id evidence { id filename url } } }`;

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}
/**
 * A PNG that says it is width × height pixels; its pixel data is one compressed row whatever the
 * size, so a 50,000 × 50,000 one is a few hundred bytes (a decompression bomb for a decoder).
 */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(Math.min(width, 64) * 3, 7)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(row)), chunk('IEND', Buffer.alloc(0))]);
}

// small files whose first bytes say what they are
const PNG = png(4, 4);
const PDF = Buffer.from('%PDF-1.4\n% minh chứng\n', 'utf8');
// a PDF that runs JavaScript when opened inline in a viewer that allows it
const PDF_WITH_SCRIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(document.cookie\\)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

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
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
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

describe('evidence: a file over the limit on a kept-alive connection', () => {
  /** One request on a keep-alive agent with a single socket; `chunked`: no Content-Length, the body streamed. */
  function send(agent: Agent, body: Buffer, chunked: boolean): Promise<{ status: number; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${t.url}/api/evidence`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'image/png', cookie: officer.cookie!, ...(chunked ? {} : { 'content-length': String(body.length) }) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        },
      );
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024));
      req.end();
    });
  }

  it('answers 413 saying the connection closes, and the next upload on the same agent goes through', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_EVIDENCE_BYTES + 1024 * 1024)]);
      for (const chunked of [true, false]) {
        const refused = await send(agent, big, chunked);
        expect(refused).toEqual({ status: 413, connection: 'close' });
        const next = await send(agent, PNG, false);
        expect(next.status).toBe(201);
      }
    } finally {
      agent.destroy();
    }
  });
});

describe('evidence: served so that it cannot act as a page', () => {
  async function linkedUrls(files: { id?: string }[]): Promise<Map<string, string>> {
    const recorded = dataOf(await officer.gql(RECORD_CLASS, { input: classInput(files.map((f) => f.id!)) })).recordClass;
    return new Map(recorded.evidence.map((e: { id: string; url: string }) => [e.id, e.url]));
  }

  it('serves a PDF (even one with JavaScript) as a download, never inline, sandboxed and not sniffed', async () => {
    const pdf = await upload(officer, PDF_WITH_SCRIPT, 'application/pdf', 'báo cáo.pdf');
    expect(pdf.status).toBe(201);
    const urls = await linkedUrls([pdf.body]);
    const file = await download(leader, urls.get(pdf.body.id!)!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''b%C3%A1o%20c%C3%A1o\.pdf$/);
    const csp = file.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )sandbox(;|$)/);
    expect(csp).toContain("default-src 'none'");
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.bytes.equals(PDF_WITH_SCRIPT)).toBe(true);
  });

  it('decides by the stored bytes, not the type claimed: a stored non-image is a download even if recorded as a photo', async () => {
    const photo = await upload(officer, PNG, 'image/png');
    const urls = await linkedUrls([photo.body]);
    // the bytes under a photo's record are replaced by HTML (as a storage mix-up or an old row could)
    await t.db.execute(sql`update evidence_blobs set data = ${Buffer.from('<html><script>alert(1)</script></html>')} where storage_key = (select storage_key from evidence_files where id = ${photo.body.id!})`);
    const file = await download(leader, urls.get(photo.body.id!)!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.type).toBe('application/octet-stream');
    expect(file.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);
  });

  it('shows a photo inline, still sandboxed and not sniffed', async () => {
    const photo = await upload(officer, PNG, 'image/png');
    const urls = await linkedUrls([photo.body]);
    const file = await download(leader, urls.get(photo.body.id!)!);
    expect(file.type).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a 50,000 × 50,000 decompression bomb with BAD_USER_INPUT, and a photo over the side limit', async () => {
    const before = await evidenceRows();
    const bomb = png(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1_000);
    const refused = await upload(officer, bomb, 'image/png', 'bom.png');
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const tall = await upload(officer, png(10, 12_001), 'image/png');
    expect(tall.status).toBe(400);
    const wide = await upload(officer, png(8_000, 8_000), 'image/png'); // 64 Mpx
    expect(wide.status).toBe(400);
    expect(await evidenceRows()).toBe(before);
    // a large but sane photo passes
    expect((await upload(officer, png(4_000, 3_000), 'image/png')).status).toBe(201);
  });

  it('refuses an image whose header cannot be read', async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);
    const refused = await upload(officer, broken, 'image/png');
    expect(refused.status).toBe(415);
    expect(refused.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
