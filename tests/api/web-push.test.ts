import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { Agent, createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { ConfigError, loadConfig } from '@thidua/api/src/config';
import { pushTransport } from '@thidua/api/src/modules/notifications/web-push';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';

/*
 * Web Push (issue 15): with VAPID keys configured, a notification also goes to the person's
 * subscribed browsers. A local HTTP server stands in for the push service: it checks that the
 * request carries a VAPID JWT signed with the configured key and a body encrypted for the
 * browser's keys (RFC 8291, aes128gcm) that decrypts to the notification.
 */

const b64u = (b: Buffer) => b.toString('base64url');

/** A VAPID key pair as `web-push generate-vapid-keys` prints it. */
function vapidKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { publicKey: b64u(ecdh.getPublicKey()), privateKey: b64u(ecdh.getPrivateKey()) };
}

/** A browser's push keys: its P-256 key pair and the 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: b64u(ecdh.getPublicKey()), auth: randomBytes(16) };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 / RFC 8188 decryption of a single-record aes128gcm body, as the browser does it. */
function decrypt(body: Buffer, browser: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = browser.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), serverPublic]);
  const ikm = hmac(hmac(browser.auth, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2); // the last record's delimiter
  return padded.subarray(0, end).toString('utf8');
}

/** Checks the VAPID JWT (ES256) against the public key of the configuration. */
function checkVapid(header: string | undefined, publicKey: string, audience: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  expect(match, `Authorization: ${header}`).not.toBeNull();
  const [, jwt, k] = match!;
  expect(k).toBe(publicKey);
  const [h, p, s] = jwt.split('.');
  expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  expect(claims.aud).toBe(audience);
  expect(claims.sub).toBe('mailto:thidua@example.vn');
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) }, format: 'jwk' });
  expect(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))).toBe(true);
}

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let pushService: Server;
let pushUrl: string;
const received: Received[] = [];
/** the status the stand-in push service answers for a path (201 unless set) */
const statusFor = new Map<string, number>();

let t: TestApp;
let officer: GqlClient;
let officer2: GqlClient;
let leader: GqlClient;
let officerUnitId: string;
const keys = vapidKeys();
const SUBSCRIBE = `mutation($input: PushSubscriptionInput!) { subscribePush(input: $input) }`;

async function approveNewClass(): Promise<string> {
  const id = randomUUID();
  dataOf(await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, { input: { id, movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: officerUnitId, heldOn: '2026-11-21', attendeeCount: 18, topics: ['VNEID'] } }));
  dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id } }`, { id }));
  return id;
}

async function waitFor<T>(read: () => T | undefined, ms = 5_000): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A throw-away certificate for 127.0.0.1: push services are only ever reached over https. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-push-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  const tls = selfSigned();
  // the API trusts the stand-in's certificate, and only for push requests
  pushTransport.agent = new Agent({ ca: tls.cert });
  pushService = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(statusFor.get(req.url ?? '') ?? 201).end();
    });
  });
  await new Promise<void>((r) => pushService.listen(0, '127.0.0.1', r));
  pushUrl = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  t = await startTestApp({ demo: true, env: { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:thidua@example.vn' } });
  officer = await t.as('officer');
  officer2 = await t.as('officer2');
  leader = await t.as('leader');
  officerUnitId = dataOf(await officer.gql(`{ me { unit { id } } }`)).me.unit.id;
}, 600_000);

afterAll(async () => {
  await t?.close();
  await new Promise((r) => pushService?.close(r));
  pushTransport.agent = undefined;
});

describe('Web Push', () => {
  it('gives the browser the public VAPID key', async () => {
    expect(dataOf(await officer.gql(`{ webPushPublicKey }`)).webPushPublicKey).toBe(keys.publicKey);
  });

  it('sends an encrypted push with VAPID authorization to the owner’s browser only', async () => {
    const mine = browserKeys();
    const theirs = browserKeys();
    expect(dataOf(await officer.gql(SUBSCRIBE, { input: { endpoint: `${pushUrl}/push/officer`, p256dh: mine.p256dh, auth: b64u(mine.auth) } })).subscribePush).toBe(true);
    dataOf(await officer2.gql(SUBSCRIBE, { input: { endpoint: `${pushUrl}/push/officer2`, p256dh: theirs.p256dh, auth: b64u(theirs.auth) } }));
    received.length = 0;
    await approveNewClass();
    const push = await waitFor(() => received.find((r) => r.path === '/push/officer'));
    expect(push, 'the push service received nothing').toBeDefined();
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push!.headers.ttl)).toBeGreaterThan(0);
    checkVapid(push!.headers.authorization, keys.publicKey, pushUrl);
    const message = JSON.parse(decrypt(push!.body, mine));
    expect(message).toMatchObject({ kind: 'ACTIVITY_APPROVED', title: 'Hoạt động đã được duyệt', link: '/ghi-nhan' });
    expect(message.body).toContain('đã được duyệt');
    // the body is not readable without the browser's keys
    expect(push!.body.toString('utf8')).not.toContain('duyệt');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/push/officer2')).toEqual([]);
  });

  it('drops a subscription the push service says is gone (410)', async () => {
    statusFor.set('/push/officer', 410);
    received.length = 0;
    await approveNewClass();
    await waitFor(() => received.find((r) => r.path === '/push/officer'));
    const gone = async () => (await queryRows(t.db, sql`select 1 from push_subscriptions where endpoint = ${`${pushUrl}/push/officer`}`)).length;
    for (let i = 0; i < 40 && (await gone()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await gone()).toBe(0);
  });

  it('unsubscribes only one’s own browser', async () => {
    const endpoint = `${pushUrl}/push/officer2`;
    expect(dataOf(await officer.gql(`mutation($e: String!) { unsubscribePush(endpoint: $e) }`, { e: endpoint })).unsubscribePush).toBe(false);
    expect(dataOf(await officer2.gql(`mutation($e: String!) { unsubscribePush(endpoint: $e) }`, { e: endpoint })).unsubscribePush).toBe(true);
  });

  it('refuses malformed subscriptions', async () => {
    const ok = browserKeys();
    const bad = [
      { endpoint: 'http://push.example.vn/x', p256dh: ok.p256dh, auth: b64u(ok.auth) },
      { endpoint: `${pushUrl}/push/x`, p256dh: 'AAAA', auth: b64u(ok.auth) },
      { endpoint: `${pushUrl}/push/x`, p256dh: ok.p256dh, auth: 'short' },
    ];
    for (const input of bad) expect(errorCodes(await officer.gql(SUBSCRIBE, { input }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('VAPID configuration', () => {
  const base = { NODE_ENV: 'test' };
  it('is optional: without keys Web Push is off', () => {
    expect(loadConfig(base).vapid).toBeNull();
  });
  it('refuses half a configuration or malformed keys', () => {
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:a@b.vn' })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'nobody' })).toThrow(/VAPID_SUBJECT/);
  });
  it('takes a full configuration', () => {
    expect(loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'https://thidua.example.vn' }).vapid).toEqual({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: 'https://thidua.example.vn',
    });
  });
});
