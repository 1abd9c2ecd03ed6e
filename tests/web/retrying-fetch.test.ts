import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createRetryingFetch } from '../../web/src/app/retryingFetch';

/**
 * The web app's GraphQL fetch against a real HTTP server that answers with scripted faults:
 * which requests it sends again, and how many times.
 */
type Reply = (res: ServerResponse) => void;
let server: Server;
let url: string;
let script: Reply[] = [];
let received: string[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => (res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const unavailable = json(503, { errors: [{ message: 'Cơ sở dữ liệu đang khởi động lại', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, { 'retry-after': '0' });
const limited = json(429, { errors: [{ message: 'Quá nhiều yêu cầu', extensions: { code: 'RATE_LIMITED' } }] }, { 'retry-after': '0' });
const ok = json(200, { data: { ok: true } });
const cut: Reply = (res) => res.socket?.destroy();

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      (script.shift() ?? ok)(res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
afterEach(() => {
  script = [];
  received = [];
});

const post = (query: string, operationName?: string) =>
  createRetryingFetch()(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName }) });

it('sends a query again after 503 SERVICE_UNAVAILABLE and returns the answer that follows', async () => {
  script = [unavailable, unavailable];
  const response = await post('query Board { leaderboard { total } }');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { ok: true } });
  expect(received).toHaveLength(3);
});

it('sends a recording again after the connection is cut, since it carries its client id', async () => {
  script = [cut];
  const response = await post('mutation RecordClass($input: RecordClassInput!) { recordClass(input: $input) { id } }', 'RecordClass');
  expect(response.status).toBe(200);
  expect(received).toHaveLength(2);
});

it('does not send a mutation that is not safe to repeat again after a 503', async () => {
  script = [unavailable];
  const response = await post('mutation Approve { approveActivity(id: "1") { id } }', 'Approve');
  expect(response.status).toBe(503);
  expect(received).toHaveLength(1);
});

it('sends any request again after 429 RATE_LIMITED, which was refused before anything happened', async () => {
  script = [limited];
  const response = await post('mutation Approve { approveActivity(id: "1") { id } }', 'Approve');
  expect(response.status).toBe(200);
  expect(received).toHaveLength(2);
});

it('gives up after five attempts and hands the last fault to the caller', async () => {
  script = [unavailable, unavailable, unavailable, unavailable, unavailable, unavailable];
  const response = await post('{ me { id } }');
  expect(response.status).toBe(503);
  expect(received).toHaveLength(5);
});

it('does not retry an answer that is an answer: a 400 BAD_USER_INPUT comes back at once', async () => {
  script = [json(400, { errors: [{ message: 'Sai', extensions: { code: 'BAD_USER_INPUT' } }] })];
  const response = await post('{ me { id } }');
  expect(response.status).toBe(400);
  expect(received).toHaveLength(1);
});
