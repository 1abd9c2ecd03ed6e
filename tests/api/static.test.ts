import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from '@thidua/api/src/http/static';
import { dataOf, gql, startTestApp, type TestApp } from '../support/harness';

// A build laid out as `vite build` lays it out: hashed assets with their .br and .gz copies.
const INDEX = '<!doctype html><title>Thi đua số</title><script type="module" src="/assets/app-abc123.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

let dir: string;
let server: Server;
let base: { host: string; port: number };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ ...base, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'thidua-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const serve = createStaticHandler(dir);
  server = createServer((req, res) => {
    if (!serve(req, res)) {
      res.writeHead(405);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('sends the brotli copy to a browser that takes br, the gzip copy to one that takes only gzip, and the plain file otherwise', async () => {
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('marks hashed assets immutable for a year and makes everything else revalidate', async () => {
    const asset = await get('/assets/app-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get('/', { accept: 'text/html' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 304 to a revisit with the ETag it gave, so index.html is not downloaded again', async () => {
    const first = await get('/', { accept: 'text/html', 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/', { accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('gives a navigation to a client route index.html, and a missing asset a 404 instead of HTML', async () => {
    const route = await get('/xep-hang/tinh', { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate' });
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toMatch(/text\/html/);
    expect(route.body.toString()).toBe(INDEX);

    // an old tab asking for a chunk that a deploy removed
    const chunk = await get('/assets/OldPage-deadbeef.js', { accept: '*/*', 'sec-fetch-mode': 'cors' });
    expect(chunk.status).toBe(404);
    expect(chunk.headers['content-type']).toMatch(/text\/plain/);
    // even when a browser without Sec-Fetch-* headers accepts anything
    expect((await get('/assets/OldPage-deadbeef.js', { accept: '*/*' })).status).toBe(404);
    expect((await get('/missing.png', { accept: 'image/*' })).status).toBe(404);
    // a script's fetch of an unknown path is not a navigation either
    expect((await get('/some/route', { accept: 'application/json', 'sec-fetch-mode': 'cors' })).status).toBe(404);
  });

  it('does not serve files outside its directory', async () => {
    const escape = await get('/..%2f..%2f..%2fetc%2fpasswd', { accept: 'text/html' });
    expect(escape.body.toString()).not.toMatch(/root:/);
    const dotdot = await get('/assets/../../package.json');
    expect(dotdot.body.toString()).not.toMatch(/"name"/);
  });

  it('leaves other methods to the API', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });
});

describe('GraphQL answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('compresses a large answer for a client that takes gzip, and leaves a small one alone', async () => {
    const query = '{ units(first: 100, kind: PROVINCE) { nodes { id name code } } }';
    const plain = dataOf(await gql(t.url, query));
    const body = JSON.stringify({ query });
    const send = (encoding: string) =>
      new Promise<Answer>((resolve, reject) => {
        const url = new URL(t.url);
        const req = request(
          { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const gz = await send('gzip');
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(gz.body).toString();
    expect(JSON.parse(text).data).toEqual(plain);
    expect(gz.body.length).toBeLessThan(text.length / 2);

    const identity = await send('identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(identity.body.toString()).data).toEqual(plain);

    const small = await new Promise<Answer>((resolve, reject) => {
      const url = new URL(t.url);
      const req = request({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ __typename }' }));
    });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
