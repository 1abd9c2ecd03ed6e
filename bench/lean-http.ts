/**
 * The load generator's device: one keep-alive HTTP/1.1 connection that sends a POST and reads
 * its answer, with as little work as possible on this side. The benchmark runs on the API's own
 * machine, so every microsecond the load generator spends is taken from the server it measures
 * (node:http's client costs about 0.2 ms of CPU per request here, undici about 0.1 ms).
 *
 * Deliberately small: requests one at a time (no pipelining), answers with Content-Length only
 * (what the API sends for GraphQL), no redirects, no compression.
 */
import { connect, type Socket } from 'node:net';

export interface LeanResponse { status: number; body: string }

export class LeanHttpConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: LeanResponse): void; reject(e: Error): void } | null = null;
  private readonly head: string;

  constructor(private readonly host: string, private readonly port: number, path: string, headers: Record<string, string>) {
    this.head = `POST ${path} HTTP/1.1\r\nhost: ${host}:${port}\r\nconnection: keep-alive\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}`;
  }

  static forUrl(url: string, path: string, headers: Record<string, string>): LeanHttpConnection {
    const u = new URL(url);
    return new LeanHttpConnection(u.hostname, Number(u.port || 80), path, headers);
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    const fail = (error: Error) => {
      this.socket = null;
      this.buffer = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    return socket;
  }

  private parse() {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.socket?.destroy(new Error(`no content-length in: ${head.slice(0, 200)}`));
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const body = this.buffer.toString('utf8', end + 4, total);
    this.buffer = this.buffer.subarray(total);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve({ status: Number(head.slice(9, 12)), body });
  }

  /** Sends one request (body as UTF-8) and resolves with the answer. One at a time per connection. */
  post(body: string): Promise<LeanResponse> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    this.socket ??= this.open();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket!.write(`${this.head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = null;
  }
}
