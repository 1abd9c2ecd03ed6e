/**
 * Transient database faults: errors that say nothing about the request and everything about the
 * database being unreachable, restarting or overloaded for a moment. The API answers them with
 * HTTP 503 and Retry-After (the client simply retries), never with an internal error.
 */

/** Node socket errors while connecting to, or talking with, the database. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTCONN',
]);

/** postgres.js's own connection errors (CONNECTION_CLOSED, CONNECTION_ENDED, CONNECTION_DESTROYED, CONNECT_TIMEOUT). */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/** SQLSTATEs that mean "try again": the server, not the statement. */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, fast/immediate shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down / in recovery
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout (bounded time), or a cancel during shutdown
  '53300', // too_many_connections
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '25006', // read_only_sql_transaction: a standby answered (failover in progress)
  '55P03', // lock_not_available (lock_timeout)
]);

const MESSAGES = [
  /PGlite is closed/i,
  /connection (?:terminated|refused|reset|ended|closed)/i,
  /the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to administrator command/i,
  /server closed the connection unexpectedly/i,
];

function looksTransient(error: object): boolean {
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
  for (const c of [code, errno]) {
    if (typeof c !== 'string') continue;
    if (SOCKET_CODES.has(c) || DRIVER_CODES.has(c) || SQLSTATES.has(c)) return true;
    // SQLSTATE class 08: connection exception (08000, 08001, 08003, 08004, 08006, 08P01…)
    if (/^08[0-9A-Z]{3}$/.test(c)) return true;
  }
  return typeof message === 'string' && MESSAGES.some((m) => m.test(message));
}

/**
 * Whether an error (or anything it wraps: drizzle's DrizzleQueryError `cause`, GraphQL's
 * `originalError`, an AggregateError's `errors`) is a transient database fault.
 */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  if (looksTransient(error)) return true;
  const e = error as { cause?: unknown; originalError?: unknown; errors?: unknown };
  if (isTransientDatabaseError(e.cause, depth + 1) || isTransientDatabaseError(e.originalError, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((x) => isTransientDatabaseError(x, depth + 1));
}
