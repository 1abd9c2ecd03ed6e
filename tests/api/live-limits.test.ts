import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness';
import { newMovement } from '../support/factories';

/*
 * Subscriptions over graphql-ws are held to the rules of GraphQL over HTTP (issue 14): a cap of
 * open connections per client address, the same rate limit per subscription, and the same
 * error formatting.
 */

// `ws` ships no types in tests/: load it untyped
type Socket = {
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  send(data: string): void;
  close(): void;
};
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string, protocols: string) => Socket;

let t: TestApp;
let movementId: string;
const open: Socket[] = [];

beforeAll(async () => {
  t = await startTestApp({ env: { WS_CONNECTIONS_PER_CLIENT: '2', RATE_LIMIT_ANONYMOUS: '3' } });
  movementId = String((await newMovement(t.db, { status: 'ACTIVE' })).id);
});
afterAll(async () => {
  for (const socket of open) socket.close();
  await t?.close();
});

const wsUrl = () => `${t.url.replace(/^http/, 'ws')}/graphql`;

/** Opens a graphql-ws connection and waits for connection_ack; or resolves with the refused handshake's status. */
function connect(): Promise<{ socket: Socket } | { status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    socket.once('unexpected-response', ((_req: unknown, res: { statusCode: number; headers: Record<string, string> }) =>
      resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] })) as never);
    socket.once('error', reject as never);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', ((data: Buffer) => {
      if (JSON.parse(String(data)).type === 'connection_ack') {
        open.push(socket);
        resolve({ socket });
      }
    }) as never);
  });
}

/**
 * Subscribes on `socket` and resolves with the first message about that subscription (next or
 * error), or `{ type: 'subscribed' }` when none came within a second (a board sends nothing until it changes).
 */
function subscribe(socket: Socket, id: string, query: string, variables: Record<string, unknown> = {}): Promise<{ type: string; payload: unknown }> {
  return new Promise((resolve) => {
    setTimeout(() => resolve({ type: 'subscribed', payload: null }), 1000);
    socket.on('message', ((data: Buffer) => {
      const message = JSON.parse(String(data)) as { id?: string; type: string; payload: unknown };
      if (message.id === id && (message.type === 'error' || message.type === 'next')) resolve(message);
    }) as never);
    socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  });
}

const BOARD = `subscription($movementId: ID!) { leaderboardChanged(movementId: $movementId, scope: COMMUNE, metric: POINTS, first: 5) { totalCount } }`;

it('refuses a third live connection from one address with HTTP 429 and Retry-After, and accepts one again once a connection closes', async () => {
  const first = await connect();
  const second = await connect();
  expect('socket' in first && 'socket' in second).toBe(true);
  const third = await connect();
  expect(third).toEqual({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) });

  (first as { socket: Socket }).socket.close();
  await new Promise((r) => setTimeout(r, 200));
  const again = await connect();
  expect('socket' in again).toBe(true);
  for (const socket of open.splice(0)) socket.close();
  await new Promise((r) => setTimeout(r, 200));
});

it('answers a subscription to a field that does not exist with GRAPHQL_VALIDATION_FAILED, not a closed socket', async () => {
  const connection = await connect();
  if (!('socket' in connection)) throw new Error(`refused: ${connection.status}`);
  const message = await subscribe(connection.socket, 'bad', 'subscription { noSuchField }');
  expect(message.type).toBe('error');
  expect((message.payload as { extensions: { code: string } }[])[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  connection.socket.close();
  await new Promise((r) => setTimeout(r, 200));
});

it('takes each anonymous subscription from the address\'s GraphQL rate limit: over it, RATE_LIMITED with retryAfter', async () => {
  const connection = await connect();
  if (!('socket' in connection)) throw new Error(`refused: ${connection.status}`);
  const codes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const message = await subscribe(connection.socket, `s${i}`, BOARD, { movementId });
    codes.push(message.type === 'error' ? (message.payload as { extensions: { code: string } }[])[0].extensions.code : message.type);
  }
  // 3 a minute: the validation test above took one, so two more start and the rest are refused
  expect(codes).toEqual(['subscribed', 'subscribed', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
});
