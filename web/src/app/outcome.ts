import type { ApiProblem } from './errors';

/** What a store's write or read gives a page: the data, or the problem to show. */
export type Outcome<T> = { data: T; problem: null } | { data: null; problem: ApiProblem };
