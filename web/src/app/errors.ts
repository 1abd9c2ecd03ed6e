import { CombinedError } from '@urql/vue';

/** What the UI needs from a failed request: the server's code and its (Vietnamese) message. */
export interface ApiProblem {
  /** `extensions.code` of the first GraphQL error, `NETWORK` when the server was not reached. */
  code: string;
  /** The server's message; null when there is none and the UI must word it itself. */
  message: string | null;
}

export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (first) {
      const code = first.extensions?.code;
      return { code: typeof code === 'string' ? code : 'UNKNOWN', message: first.message || null };
    }
    if (error.networkError) return { code: 'NETWORK', message: null };
  }
  return { code: 'UNKNOWN', message: null };
}
