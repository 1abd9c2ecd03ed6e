import type { IncomingMessage, ServerResponse } from 'node:http';
import { fieldProblem, stringProblem } from '../graphql/input-guard';
import type { FieldProblem } from '../errors';
import { sendErrors } from './error-language';
import { DATE_RANGE } from '../graphql/input-rules';

/**
 * The input rules of the GraphQL guard, for the HTTP routes under /api/ (evidence, exports, CSV
 * downloads): query parameters and the X-Filename of an upload are refused with 400
 * BAD_USER_INPUT when they hold control characters, are too long, or name an impossible date.
 */

/** query parameters are ids, enums, dates and short names */
export const MAX_QUERY_PARAMETER = 200;
export const MAX_QUERY_STRING = 2000;
/** an uploaded file's name, once decoded */
export const MAX_FILENAME = 200;
const DATE_PARAMETERS = new Set(['from', 'to']);

/** The problems with a request's query parameters and file name (empty when fine). */
export function requestInputProblems(req: Pick<IncomingMessage, 'url' | 'headers'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  if (q >= 0 && raw.length - q - 1 > MAX_QUERY_STRING) return [fieldProblem('query', { rule: 'tooLong', max: MAX_QUERY_STRING })];
  const url = new URL(raw, 'http://x');
  for (const [key, value] of url.searchParams) {
    const problem = stringProblem(key, { max: 50 }) ?? stringProblem(value, { max: MAX_QUERY_PARAMETER });
    if (problem) problems.push(fieldProblem(key.slice(0, 50), problem));
    else if (DATE_PARAMETERS.has(key) && value) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push(fieldProblem(key, { rule: 'notDate' }));
      else if (value < DATE_RANGE.min || value > DATE_RANGE.max) problems.push(fieldProblem(key, { rule: 'dateRange', min: DATE_RANGE.min, max: DATE_RANGE.max }));
    }
  }
  const header = req.headers['x-filename'];
  if (header !== undefined) {
    const encoded = Array.isArray(header) ? header.join(',') : header;
    let filename: string | null = null;
    try {
      if (encoded.length <= MAX_FILENAME * 12) filename = decodeURIComponent(encoded);
    } catch {
      problems.push({ field: 'filename', message: 'filename: Tên tệp (X-Filename) không phải chuỗi mã hoá URL hợp lệ.' });
    }
    if (filename === null && !problems.length) problems.push(fieldProblem('filename', { rule: 'tooLong', max: MAX_FILENAME }));
    const problem = filename === null ? null : stringProblem(filename, { max: MAX_FILENAME });
    if (problem) problems.push(fieldProblem('filename', problem));
  }
  return problems;
}

/** Answers 400 and returns true when a request to /api/ carries hostile input. */
export function refuseHostileRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (!(req.url ?? '').startsWith('/api/')) return false;
  const problems = requestInputProblems(req);
  if (!problems.length) return false;
  req.resume();
  sendErrors(res, 400, [{ code: 'BAD_USER_INPUT', message: problems.map((p) => p.message).join(' '), extensions: { fields: problems } }]);
  return true;
}
