/**
 * Database errors caused by the caller's input answer BAD_USER_INPUT, not an internal error.
 * (What of an error may be logged is decided by the logger's serializer, logger.ts.)
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
