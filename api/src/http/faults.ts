import type { ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { isTransientDatabaseError } from '@thidua/db';
import { ErrorCode, viMessage } from '../errors';
import { sendErrors } from './error-language';
import { log, scrubMessage } from '../logger';

/**
 * A passing fault (the database restarting, a connection dropped, a statement past its time
 * limit) is not a bug: the client is told to retry, with HTTP 503, `Retry-After` and the code
 * SERVICE_UNAVAILABLE (API.md, errors), and the server logs one line instead of a stack.
 */
export const RETRY_AFTER_SECONDS = 2;

const MESSAGE = viMessage(ErrorCode.SERVICE_UNAVAILABLE);

let lastLogged = 0;
function logFault(where: string, error: unknown) {
  // one line per second at most: a restarting database fails every request at once
  const now = Date.now();
  if (now - lastLogged < 1000) return;
  lastLogged = now;
  log().warn({ where, cause: innermost(error) }, 'database unavailable, answering 503');
}

/** The code and first line of the innermost cause, scrubbed: no SQL text, no parameters, no stack. */
function innermost(error: unknown): { code?: string; message: string } {
  let e = error as { cause?: unknown; originalError?: unknown; code?: unknown; message?: unknown } | undefined;
  for (let i = 0; i < 8 && e && (e.originalError || e.cause); i++) e = (e.originalError ?? e.cause) as typeof e;
  const message = typeof e?.message === 'string' ? scrubMessage(e.message.split('\n')[0].slice(0, 200)) : '';
  return typeof e?.code === 'string' ? { code: e.code, message } : { message };
}

/** The error a client sees for a fault, or null when the error is not one. */
export function faultError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  if (formatted.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE) return formatted;
  if (!isTransientDatabaseError(error)) return null;
  logFault('graphql', error);
  return {
    message: MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: RETRY_AFTER_SECONDS },
  };
}

/**
 * The HTTP status of a GraphQL response whose errors include a fault: 503 with Retry-After in
 * `headers`; otherwise `status` unchanged.
 */
export function faultStatus(body: string, status: number, headers: Record<string, string | string[]>): number {
  if (!body.includes(ErrorCode.SERVICE_UNAVAILABLE)) return status;
  let parsed: { errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return status;
  }
  if (!parsed.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return status;
  headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  headers['cache-control'] = 'no-store';
  return 503;
}

/** For the HTTP routes: answers 503 and returns true when the error is a fault. */
export function answerFault(res: ServerResponse, error: unknown): boolean {
  if (!isTransientDatabaseError(error)) return false;
  logFault('http', error);
  if (res.headersSent) {
    res.destroy();
    return true;
  }
  sendErrors(res, 503, [{ code: ErrorCode.SERVICE_UNAVAILABLE, extensions: { retryAfter: RETRY_AFTER_SECONDS } }], { 'retry-after': String(RETRY_AFTER_SECONDS) });
  return true;
}
