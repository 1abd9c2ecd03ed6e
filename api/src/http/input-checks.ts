import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatCount, stringProblem } from '../graphql/input-guard';
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
export function requestInputProblems(req: Pick<IncomingMessage, 'url' | 'headers'>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  if (q >= 0 && raw.length - q - 1 > MAX_QUERY_STRING) return [{ field: 'query', message: `Chuỗi tham số quá dài (tối đa ${formatCount(MAX_QUERY_STRING)} ký tự).` }];
  const url = new URL(raw, 'http://x');
  for (const [key, value] of url.searchParams) {
    const problem = stringProblem(key, { max: 50 }) ?? stringProblem(value, { max: MAX_QUERY_PARAMETER });
    if (problem) problems.push({ field: key.slice(0, 50), message: `Tham số ${key.slice(0, 50)} ${problem}` });
    else if (DATE_PARAMETERS.has(key) && value) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push({ field: key, message: `Tham số ${key} phải là ngày dạng YYYY-MM-DD.` });
      else if (value < DATE_RANGE.min || value > DATE_RANGE.max) problems.push({ field: key, message: `Tham số ${key} phải trong khoảng ${DATE_RANGE.min} đến ${DATE_RANGE.max}.` });
    }
  }
  const header = req.headers['x-filename'];
  if (header !== undefined) {
    const encoded = Array.isArray(header) ? header.join(',') : header;
    let filename: string | null = null;
    try {
      if (encoded.length <= MAX_FILENAME * 12) filename = decodeURIComponent(encoded);
    } catch {
      problems.push({ field: 'filename', message: 'Tên tệp (X-Filename) không phải chuỗi mã hoá URL hợp lệ.' });
    }
    if (filename === null && !problems.length) problems.push({ field: 'filename', message: `Tên tệp quá dài (tối đa ${formatCount(MAX_FILENAME)} ký tự).` });
    const problem = filename === null ? null : stringProblem(filename, { max: MAX_FILENAME });
    if (problem) problems.push({ field: 'filename', message: `Tên tệp ${problem}` });
  }
  return problems;
}

/** Answers 400 and returns true when a request to /api/ carries hostile input. */
export function refuseHostileRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (!(req.url ?? '').startsWith('/api/')) return false;
  const problems = requestInputProblems(req);
  if (!problems.length) return false;
  req.resume();
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message: problems.map((p) => p.message).join(' '), extensions: { code: 'BAD_USER_INPUT', fields: problems } }] }));
  return true;
}
