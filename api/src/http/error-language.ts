import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { errorMessage, fieldRuleMessage, isFieldRule, pickLanguage, type Language } from '@thidua/domain';

/**
 * Errors in the caller's language. Messages are written in Vietnamese where errors are made; an
 * English caller (`Accept-Language` preferring en, or `language: 'en'` in the graphql-ws
 * connection parameters) gets the message of the error catalogue (packages/domain/src/errors)
 * instead, field problems naming their field. `extensions.code` never changes.
 */

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The language of an HTTP request (or WebSocket upgrade request): vi unless en is preferred. */
export function languageOf(request: { headers: IncomingHttpHeaders } | null | undefined): Language {
  const header = request?.headers['accept-language'];
  return pickLanguage(Array.isArray(header) ? header.join(',') : header);
}

/** A live connection's language: its connection parameters first, then its upgrade request. */
export function connectionLanguage(connectionParams: unknown, request: { headers: IncomingHttpHeaders }): Language {
  const asked = (connectionParams as { language?: unknown } | null | undefined)?.language;
  return typeof asked === 'string' && asked ? pickLanguage(asked) : languageOf(request);
}

function localizeField(problem: unknown, language: Language): unknown {
  if (!problem || typeof problem !== 'object') return problem;
  const { field, rule } = problem as { field?: unknown; rule?: unknown };
  if (typeof field !== 'string') return problem;
  const message = fieldRuleMessage(field, isFieldRule(rule) ? rule : 'invalid', language, problem as Record<string, unknown>);
  return { ...problem, message };
}

/** The error in `language`: unchanged in Vietnamese; the catalogue's wording in English. */
export function localizeError<E extends ErrorLike>(error: E, language: Language): E {
  if (language === 'vi') return error;
  const extensions = error.extensions ?? {};
  const code = String(extensions.code ?? '');
  const fields = Array.isArray(extensions.fields) ? extensions.fields.map((f) => localizeField(f, language)) : null;
  const fromFields = code === 'BAD_USER_INPUT' && fields?.length ? fields.map((f) => (f as { message?: string }).message).join(' ') : null;
  const message = fromFields ?? errorMessage(code, language, extensions) ?? error.message;
  return { ...error, message, ...(fields ? { extensions: { ...extensions, fields } } : {}) };
}

/** A JSON response body `{ data?, errors? }` with its errors in `language` (returned as is when there is nothing to do). */
export function localizeBody(body: string, language: Language): string {
  if (language === 'vi' || !body.includes('"errors"')) return body;
  try {
    const parsed = JSON.parse(body) as { errors?: ErrorLike[] };
    if (!Array.isArray(parsed.errors)) return body;
    return JSON.stringify({ ...parsed, errors: parsed.errors.map((e) => localizeError(e, language)) });
  } catch {
    return body;
  }
}

/**
 * Answers an HTTP request (the /api/ routes, refusals before GraphQL runs) with `{ errors }`, in
 * the language of the request the response belongs to. `message` is the Vietnamese wording;
 * without it the catalogue's is used.
 */
export function sendErrors(
  res: ServerResponse,
  status: number,
  errors: { code: string; message?: string; extensions?: Record<string, unknown> }[],
  headers: Record<string, string> = {},
): void {
  const language = languageOf(res.req);
  const body = JSON.stringify({
    errors: errors.map(({ code, message, extensions }) => {
      const all = { ...extensions, code };
      return localizeError({ message: message ?? errorMessage(code, 'vi', all) ?? code, extensions: all }, language);
    }),
  });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
