/**
 * Database errors, seen from the outside: which ones the caller's input caused, and what of them
 * may be written to the log. Drizzle wraps a failed statement in an error whose message is the
 * SQL and its parameters, and postgres.js errors carry `query` and `parameters`: none of that
 * (names, national IDs, tokens…) may reach the log.
 */

interface DatabaseErrorLike {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  routine?: unknown;
  table?: unknown;
  table_name?: unknown;
  column?: unknown;
  column_name?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The database error inside `error` (following originalError and cause), or null. */
export function databaseErrorOf(error: unknown): (DatabaseErrorLike & { code: string }) | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const candidate = current as DatabaseErrorLike & { originalError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && SQLSTATE.test(candidate.code) && candidate.code !== '00000') return candidate as DatabaseErrorLike & { code: string };
    current = candidate.originalError ?? candidate.cause;
  }
  return null;
}

/** Whether anything in the chain is a failed SQL statement (whose message would be the SQL). */
function hasFailedQuery(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const c = current as { query?: unknown; params?: unknown; parameters?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof c.query === 'string' || c.params !== undefined || c.parameters !== undefined) return true;
    current = c.originalError ?? c.cause;
  }
  return false;
}

const INPUT_MESSAGES: Record<string, string> = {
  '22001': 'Giá trị nhập quá dài.',
  '22003': 'Số nhập nằm ngoài phạm vi cho phép.',
  '22007': 'Ngày giờ nhập không hợp lệ.',
  '22008': 'Ngày giờ nhập nằm ngoài phạm vi cho phép.',
  '22021': 'Dữ liệu nhập có ký tự không hợp lệ.',
  '22P02': 'Giá trị nhập không đúng định dạng.',
  '22P05': 'Dữ liệu nhập có ký tự không hợp lệ.',
  '54000': 'Giá trị nhập quá lớn.',
};

/**
 * When the database refused a value the caller sent (SQLSTATE class 22 "data exception", or a
 * value too large to index), the error the client gets: BAD_USER_INPUT, not an internal error.
 */
export function inputErrorFromDatabase(error: unknown): { message: string; extensions: { code: 'BAD_USER_INPUT'; sqlState: string } } | null {
  const db = databaseErrorOf(error);
  if (!db || !(db.code.startsWith('22') || db.code === '54000')) return null;
  return { message: INPUT_MESSAGES[db.code] ?? 'Dữ liệu nhập không hợp lệ.', extensions: { code: 'BAD_USER_INPUT', sqlState: db.code } };
}

/** Values quoted in a database message ("invalid input syntax for type uuid: \"…\"") are the caller's data. */
function withoutValues(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/'(?:[^'\\]|\\.)*'/g, "'…'").slice(0, 300);
}

/**
 * What of an error may be logged: for a database error, its SQLSTATE, the names of the table,
 * column or constraint and the message with quoted values removed; never the SQL or parameters.
 * Other errors are logged as they are.
 */
export function loggableError(error: unknown): unknown {
  const db = databaseErrorOf(error);
  if (!db && !hasFailedQuery(error)) return error;
  const path = (error as { path?: unknown }).path;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    name: 'DatabaseError',
    sqlState: db?.code,
    message: withoutValues(str(db?.message) ?? 'failed query'),
    table: str(db?.table) ?? str(db?.table_name),
    column: str(db?.column) ?? str(db?.column_name),
    constraint: str(db?.constraint) ?? str(db?.constraint_name),
    routine: str(db?.routine),
    ...(Array.isArray(path) ? { path: path.join('.') } : {}),
  };
}
