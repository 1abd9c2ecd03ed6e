import { CombinedError } from '@urql/vue';
import { RETRYABLE_CODES } from '@thidua/domain';

/** One refused input field (`extensions.fields` of a BAD_USER_INPUT error). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What the UI needs from a failed request: the server's code and its (Vietnamese) message. */
export interface ApiProblem {
  /** `extensions.code` of the first GraphQL error, `NETWORK` when the server was not reached. */
  code: string;
  /** The server's message; null when there is none and the UI must word it itself. */
  message: string | null;
  /** Field-level problems of a BAD_USER_INPUT error (empty otherwise). */
  fields?: FieldProblem[];
}

function readFields(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is FieldProblem => typeof item?.field === 'string' && typeof item?.message === 'string')
    .map(({ field, message }) => ({ field, message }));
}

export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const code = first.extensions?.code;
      return {
        code: typeof code === 'string' ? code : 'UNKNOWN',
        message: first.message || null,
        fields: readFields(first.extensions?.fields),
      };
    }
    if (error.networkError) return { code: 'NETWORK', message: null };
  }
  if (error instanceof TypeError) return { code: 'NETWORK', message: null }; // fetch() failed
  return { code: 'UNKNOWN', message: null };
}

/**
 * True when the request did not get a GraphQL answer at all (no connection, server unreachable,
 * a proxy's HTML error page): the caller may keep the work and retry later.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  if (error instanceof CombinedError) return error.graphQLErrors.length === 0;
  return error instanceof TypeError;
}

/**
 * True when the request may succeed if sent again later: no answer at all (see isNetworkFailure),
 * or the server said so (SERVICE_UNAVAILABLE: a passing fault; RATE_LIMITED). Work such a request
 * carried is kept (the offline queue) rather than reported as refused.
 */
export function isRetryLater(error: unknown): boolean {
  if (isNetworkFailure(error)) return true;
  return error instanceof CombinedError && error.graphQLErrors.some((e) => isRetryableCode(e.extensions?.code));
}

/** SERVICE_UNAVAILABLE or RATE_LIMITED */
export function isRetryableCode(code: unknown): boolean {
  return typeof code === 'string' && (RETRYABLE_CODES as readonly string[]).includes(code);
}

/** The messages of the field problems, by field name (the first message wins). */
export function fieldMessages(problem: ApiProblem | null | undefined): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { field, message } of problem?.fields ?? []) messages[field] ??= message;
  return messages;
}
