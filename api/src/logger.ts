import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };
/** anything taking one JSON line at a time (pino's DestinationStream) */
export type LogDestination = DestinationStream;

/**
 * What an error may say in the log. Database errors (postgres.js, PGlite, drizzle) carry the SQL,
 * its parameters and the row values in `query`, `parameters`, `detail`, `where`, and drizzle puts
 * the SQL and parameters in the message itself: none of that leaves. Kept: the class, the SQLSTATE
 * or GraphQL code, the constraint/table/column names, a message scrubbed of quoted values, the
 * frames of the stack, and the same for the cause.
 */
const KEPT_FIELDS = ['code', 'severity', 'routine', 'constraint_name', 'table_name', 'column_name', 'schema_name', 'status', 'errno', 'syscall'] as const;
const IDENTIFIER_BEFORE = /(constraint|relation|column|table|index|type|function|schema|database|role|sequence|trigger|operator|extension|encoding|variable|argument|field|Variable|Argument|Field|Type)\s*$/;

/** The message with the values it quotes taken out (identifiers such as constraint names stay). */
export function scrubMessage(message: string): string {
  if (/^Failed query:/.test(message)) return 'Failed query (SQL and parameters not logged)';
  let text = message.split(/\nparams:/)[0];
  text = text.replace(/"([^"\n]*)"/g, (whole, _inner: string, offset: number) => (IDENTIFIER_BEFORE.test(text.slice(0, offset)) ? whole : '"…"'));
  // values after "Key (...)=" or quoted with single quotes
  text = text.replace(/=\([^)]*\)/g, '=(…)').replace(/'[^'\n]*'/g, "'…'");
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function stackFrames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length ? frames.slice(0, 15).join('\n') : undefined;
}

export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (error === null || typeof error !== 'object') return { message: scrubMessage(String(error)) };
  const e = error as Record<string, unknown> & { extensions?: { code?: unknown }; originalError?: unknown; cause?: unknown };
  const out: Record<string, unknown> = {
    type: (e.constructor as { name?: string } | undefined)?.name ?? e.name,
    message: scrubMessage(String(e.message ?? '')),
  };
  for (const field of KEPT_FIELDS) if (typeof e[field] === 'string' || typeof e[field] === 'number') out[field] = e[field];
  if (e.extensions?.code) out.code ??= String(e.extensions.code);
  if (Array.isArray(e.path)) out.path = e.path.filter((p) => typeof p === 'number' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p)));
  const stack = stackFrames(e.stack);
  if (stack) out.stack = stack;
  const inner = e.originalError ?? e.cause;
  if (inner && inner !== error && depth < 4) out.cause = safeError(inner, depth + 1);
  return out;
}

/**
 * Keys that never appear in a log line, wherever they are nested (two levels): defence in depth
 * behind the rule that handlers log ids and codes, never inputs.
 */
const SECRET_KEYS = ['password', 'newPassword', 'token', 'sessionToken', 'setupCode', 'cookie', 'authorization', 'headers', 'variables', 'input', 'query', 'parameters', 'params', 'nationalId', 'fullName', 'name', 'note', 'phone'];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);

export interface LoggerOptions {
  level?: LogLevel;
  /** where the JSON lines go (default: standard output) */
  destination?: DestinationStream;
}

/** Standard output, written asynchronously in blocks (see createLogger). */
let stdout: ReturnType<typeof pino.destination> | null = null;
/** Lines wait at most this long for a block to fill before they are written anyway. */
export const LOG_FLUSH_MS = 250;

function standardOutput() {
  if (stdout) return stdout;
  // one write per 4 kB of lines (about 15 request lines), not one per line: under load every write
  // is a system call on a thread of the pool, CPU taken from requests. pino flushes the rest
  // synchronously when the process exits; a timer writes what waits when traffic is low.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  let waiting = false;
  const write = destination.write.bind(destination);
  destination.write = (line: string) => ((waiting = true), write(line));
  setInterval(() => {
    if (!waiting) return;
    waiting = false;
    try {
      destination.flush();
    } catch {
      // not ready yet, or ending: the exit handler writes what is left
    }
  }, LOG_FLUSH_MS).unref();
  return (stdout = destination);
}

/** Each logger's twin without redaction, for the request lines (withRequestLog). */
const accessLoggers = new WeakMap<Logger, Logger>();

/** A JSON-lines logger (pino); `err` is serialized by safeError, secrets are removed. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: safeError, error: safeError },
  };
  const destination = options.destination ?? standardOutput();
  const logger = pino({ ...settings, redact: { paths: REDACT_PATHS, remove: true } }, destination);
  // the request lines are made here of known fields (no secret can be among them): they skip the
  // redaction pass, which is most of what a line costs, on a twin writing to the same destination
  accessLoggers.set(logger, pino(settings, destination));
  return logger;
}

let rootLogger: Logger | null = null;
/** Each request's id (set by withRequestLog), for the lines written about it. */
const requestIds = new WeakMap<IncomingMessage, string>();

/** The id of a request being handled (its X-Request-Id), if withRequestLog gave it one. */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return requestIds.get(req);
}

/**
 * The app's logger; given a request (or its id), one that writes the request id in each line. The
 * request is passed, not found from the async context: AsyncLocalStorage makes every promise of
 * every request pay for a hook (Node 20), and only error lines need the id.
 */
export function log(request?: IncomingMessage | string | null): Logger {
  const root = (rootLogger ??= createLogger());
  const reqId = typeof request === 'string' ? request : request ? requestIds.get(request) : undefined;
  return reqId ? root.child({ reqId }) : root;
}

/** The logger used outside requests; createApp sets it to its own. */
export function setRootLogger(logger: Logger): void {
  rootLogger = logger;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const operations = new WeakMap<IncomingMessage, string>();

/** The GraphQL operation a request carries, for its log line (a name, never the query or variables). */
export function noteOperation(req: IncomingMessage, body: unknown, search: string): void {
  const b = (body && typeof body === 'object' ? body : {}) as { operationName?: unknown; query?: unknown };
  const params = new URLSearchParams(search);
  let name = typeof b.operationName === 'string' ? b.operationName : params.get('operationName');
  if (!name) {
    const query = typeof b.query === 'string' ? b.query : params.get('query') ?? '';
    const match = /^\s*(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query) ?? /^\s*(query|mutation|subscription)?\s*[({]/.exec(query);
    name = match ? (match[2] ?? `(anonymous ${match[1] ?? 'query'})`) : null;
  }
  if (name && /^[A-Za-z_(][A-Za-z0-9_ ()]{0,99}$/.test(name)) operations.set(req, name);
}

/**
 * Runs a request's handling with its request id (a sane incoming X-Request-Id, or a
 * new one) echoed in the response, and one line when the response is done: method, path (no query
 * string: it may hold personal data), status, duration, GraphQL operation.
 */
export function withRequestLog(logger: Logger, req: IncomingMessage, res: ServerResponse, handle: () => Promise<unknown>): Promise<unknown> {
  const incoming = req.headers['x-request-id'];
  const reqId = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', reqId);
  requestIds.set(req, reqId);
  const started = process.hrtime.bigint();
  const path = (req.url ?? '/').split('?')[0].slice(0, 200);
  res.once('close', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const operation = operations.get(req);
    // the same line a child logger with the request id would write, without making one per request
    const line = { reqId, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(operation ? { operation } : {}), ...(res.writableFinished ? {} : { aborted: true }) };
    const access = accessLoggers.get(logger) ?? logger;
    if (res.statusCode >= 500) access.warn(line, 'request');
    else access.info(line, 'request');
  });
  return handle();
}
