import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';

/*
 * GraphQL answers of 1 kB or more leave compressed for a client that takes brotli or gzip (brotli
 * first), whether computed, kept for anonymous readers and sent again, or signed-in; smaller ones
 * and clients that take neither get the plain JSON. The compressed body is the same JSON.
 */

const NATIONAL = 'a0000000-0000-4000-8000-000000000002';
const BOARD = JSON.stringify({
  query: `query($m: ID!) { leaderboard(movementId: $m, scope: COMMUNE, first: 50) { totalCount entries { rank points value unit { id name code } } } }`,
  variables: { m: NATIONAL },
});

let t: TestApp;
let session = '';

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function post(body: string, headers: Record<string, string>): Promise<Raw> {
  const url = new URL(`${t.url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function decoded(r: Raw): unknown {
  const encoding = r.headers['content-encoding'];
  const text = encoding === 'br' ? brotliDecompressSync(r.body) : encoding === 'gzip' ? gunzipSync(r.body) : r.body;
  expect(Number(r.headers['content-length'])).toBe(r.body.length);
  return JSON.parse(text.toString('utf8'));
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const login = await post(JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: 'leader', p: DEMO_PASSWORD } }), {});
  session = String(login.headers['set-cookie']).split(';')[0];
});
afterAll(() => t?.close());

describe('compressed GraphQL answers', () => {
  it('sends a board brotli- or gzip-compressed as the client takes it, the same JSON as the plain answer', async () => {
    const plain = await post(BOARD, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const json = decoded(plain) as { data: { leaderboard: { entries: unknown[] } } };
    expect(json.data.leaderboard.entries.length).toBeGreaterThan(10);

    // computed for this reader, then the kept answer sent again: both compressed
    for (let i = 0; i < 2; i++) {
      const br = await post(BOARD, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers.vary)).toMatch(/Accept-Encoding/);
      expect(String(br.headers.vary)).toMatch(/Accept-Language/);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);
      expect(decoded(br)).toEqual(json);
    }
    const gzip = await post(BOARD, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip)).toEqual(json);
    // a refused encoding is not used
    const notBr = await post(BOARD, { 'accept-encoding': 'br;q=0, gzip' });
    expect(notBr.headers['content-encoding']).toBe('gzip');
    expect(decoded(notBr)).toEqual(json);
    const identity = await post(BOARD, { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(decoded(identity)).toEqual(json);
  });

  it("compresses a signed-in reader's answer too, and leaves small answers plain", async () => {
    const mine = await post(BOARD, { cookie: session, 'accept-encoding': 'br' });
    expect(mine.status).toBe(200);
    expect(mine.headers['content-encoding']).toBe('br');
    const board = decoded(mine) as { data: { leaderboard: { totalCount: number } } };
    expect(board.data.leaderboard.totalCount).toBeGreaterThan(10);

    const small = await post(JSON.stringify({ query: '{ __typename }' }), { cookie: session, 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(decoded(small)).toEqual({ data: { __typename: 'Query' } });
  });
});
