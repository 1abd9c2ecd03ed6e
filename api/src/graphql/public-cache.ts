import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';
import type { Context } from './context';
import { eventBus } from './pubsub';

/**
 * Public answers (leaderboards: units only, never people) are kept whole for readers without a
 * session — the HTTP answer as it left, served again without running GraphQL, and its gzip or
 * brotli form once a reader asked for it —, keyed by the request and checked against a data version that moves on every mutation of this
 * process and every live event from any process (points changed), so a cached board is never
 * older than the last change this process heard of; changes it cannot hear of (another process's
 * edit without Redis) are bounded by the max age.
 *
 * Identical anonymous requests that arrive while one of them is being answered wait for that
 * answer instead of computing it again (single flight): a crowd reading the same board after a
 * change costs one answer. With PUBLIC_FRESHNESS_MS > 0 (a national campaign: approvals pouring
 * in), the version moves at once on the first change after a quiet window and at most once per
 * window while changes keep coming, so anonymous answers may be that much behind a change and a
 * stream of approvals costs each public board one answer per window, not one per approval.
 * Signed-in readers never read this cache.
 *
 * A kept board answer outlives a points change when its page did not move: after an approval far
 * down the board, the next reader brings the board up to date (as a computation would), compares
 * the page it shows, and sends the kept answer again (`revalidated`). With exact freshness
 * (PUBLIC_FRESHNESS_MS=0) and approvals pouring in, most reads then cost that comparison, not a
 * GraphQL execution; a change of anything else (a unit, a movement, the rules) drops that path.
 */
export const PUBLIC_MAX_AGE_SECONDS = 10;

let freshnessMs = 0;
/** PUBLIC_FRESHNESS_MS: how far behind the last change an anonymous answer may be (0: never). */
export function setPublicFreshness(ms: number): void {
  freshnessMs = Math.max(0, Math.min(10_000, Math.trunc(ms) || 0));
}

/** Apollo's cache-control directive, declared so that types and fields can carry hints. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'Gợi ý lưu đệm câu trả lời công khai (Apollo cache control).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } }) },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** Bounds on the public answers kept by this process (whole HTTP bodies, keyed by the request). */
const PUBLIC_ANSWERS = { max: 2_000, maxSize: 32 * 1024 * 1024 };
/** requests longer than this (a query with large variables) are answered, never kept */
const MAX_KEY_CHARS = 16_384;
/** a waiter never waits longer than this, whatever happens to the request it waits for */
const MAX_WAIT_MS = 5_000;

/** A public answer as it left: status, headers and body, and its compressed forms once asked for. */
export interface PublicAnswer {
  /** the data version the answer was computed under (it holds every change before it) */
  version: number;
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  storedAt: number;
  /** the query's first root field, for the metrics of an answer served again */
  field: string;
  /** how long it may be served (ms: the answer's cache policy) */
  maxAgeMs: number;
  gzip?: Buffer;
  br?: Buffer;
  /** the structure version it was computed under: see `revalidated` */
  structure: number;
  /** how to tell that it still holds (a board's page unchanged), once points changed; none: it never does */
  checks?: AnswerCheck[];
}

/**
 * Tells whether a kept answer would come out the same now (true), having brought what it was made
 * from up to date: a board's page, compared entry by entry (leaderboards.resolver.ts).
 */
export interface AnswerCheck {
  (): Promise<boolean>;
  /** what the check holds in memory (the page it compares), counted in the kept answer's size */
  readonly bytes: number;
}

const answers = new LRUCache<string, PublicAnswer>({
  ...PUBLIC_ANSWERS,
  sizeCalculation: (a, key) => 2 * key.length + a.body.length + (a.gzip?.length ?? 0) + (a.br?.length ?? 0) + (a.checks?.reduce((n, check) => n + check.bytes, 0) ?? 0) + 512,
});
/** the answers being computed, by key: bounded by the requests running (admission control) */
const flights = new Map<string, { landed: Promise<void>; land(): void }>();
/** keys whose answer was not kept (not cacheable): their requests do not wait for one another */
const solo = new LRUCache<string, true>({ max: 2_000, ttl: 10_000 });

/**
 * The key of an anonymous GraphQL request whose answer may be kept and served again: the method,
 * the Accept header (the answer's media type follows it) and the request itself (the JSON body as
 * sent, or the query string of a GET). null: not a candidate (a session cookie — signed-in answers
 * are never kept —, another content type, or too long).
 */
export function publicAnswerKey(method: string, headers: { cookie?: string; accept?: string; 'content-type'?: string }, raw: string, search: string, signedIn: boolean): string | null {
  if (signedIn) return null;
  const accept = headers.accept ?? '';
  let request: string;
  if (method === 'GET') request = search;
  else if (method === 'POST' && (headers['content-type'] ?? '').includes('application/json')) request = raw;
  else return null;
  if (request.length + accept.length > MAX_KEY_CHARS) return null;
  return `${method}\n${accept}\n${request}`;
}

/** The kept answer of `key` if it holds every change so far (the current data version). */
function current(key: string): PublicAnswer | undefined {
  const answer = answers.get(key);
  return answer && answer.version === dataVersion ? answer : undefined;
}

/**
 * A kept answer older than the last change that may still hold: only points changed since (no
 * change of structure: units, movements, rules…) and it says how to check (a board's page). Its
 * checks bring the boards up to date — every change announced so far — and compare the page; when
 * nothing on it moved (an approval far down the board), the answer is stamped with the version of
 * before the checks and sent again instead of being computed.
 */
async function revalidated(key: string, answer: PublicAnswer): Promise<boolean> {
  if (!answer.checks?.length || answer.structure !== structureVersion) return false;
  const version = dataVersion;
  const structure = structureVersion;
  let same = false;
  try {
    same = (await Promise.all(answer.checks.map((check) => check()))).every(Boolean);
  } catch {
    same = false;
  }
  if (!same || structure !== structureVersion || answers.peek(key) !== answer) return false;
  answer.version = Math.max(answer.version, version);
  return true;
}

export type FoundAnswer =
  | { answer: PublicAnswer; how: 'hit' | 'shared' | 'revalidated' }
  | { answer: undefined; done(answer: PublicAnswer | null): void };

/**
 * Looks up the answer of an anonymous request. When an identical request is computing (or
 * checking) it, waits for that one (single flight) and takes its answer. `answer` undefined: this
 * request computes the answer, and must call `done` when it has (with the answer to keep, or null).
 */
export async function findPublicAnswer(key: string): Promise<FoundAnswer> {
  const kept = answers.get(key);
  if (kept && kept.version === dataVersion) return { answer: kept, how: 'hit' };
  const keepOnly = (answer: PublicAnswer | null) => answer && keep(key, answer);
  const flight = flights.get(key);
  if (flight && !solo.has(key)) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([flight.landed, new Promise<void>((r) => (timer = setTimeout(r, MAX_WAIT_MS)))]);
    clearTimeout(timer);
    const landed = current(key);
    if (landed) return { answer: landed, how: 'shared' };
    return { answer: undefined, done: keepOnly };
  }
  if (flight) return { answer: undefined, done: keepOnly };
  let land!: () => void;
  const landed = new Promise<void>((r) => (land = r));
  const mine = { landed, land };
  flights.set(key, mine);
  const finish = () => {
    if (flights.get(key) === mine) flights.delete(key);
    land();
  };
  if (kept && (await revalidated(key, kept))) {
    finish();
    return { answer: kept, how: 'revalidated' };
  }
  return {
    answer: undefined,
    done(answer) {
      if (answer) keep(key, answer);
      else solo.set(key, true);
      finish();
    },
  };
}

function keep(key: string, answer: PublicAnswer): void {
  // an answer computed under a version that has moved on is of no use to anyone
  if (answer.version !== dataVersion) return;
  answers.set(key, answer, { ttl: Math.max(1, answer.maxAgeMs) });
}

/** The data and structure versions now: an answer computed from here holds every change announced before. */
export function publicDataVersion(): { version: number; structure: number } {
  return { version: dataVersion, structure: structureVersion };
}

/** The kept answers' size (bytes, approximately), for tests. */
export function publicAnswersSize(): number {
  return answers.calculatedSize;
}

let dataVersion = 0;
/** moves with the data version when a change other than points is among those it covers */
let structureVersion = 0;
let structuralPending = false;
/** when the version last moved (ms): an answer kept under it holds every change before then */
let changedAt = 0;
let trailing: NodeJS.Timeout | null = null;

function moveVersion(): void {
  dataVersion++;
  if (structuralPending) structureVersion++;
  structuralPending = false;
  changedAt = Date.now();
}

/**
 * Makes every kept public answer stale: now, or within PUBLIC_FRESHNESS_MS. `points`: only points
 * changed (an approval…), so kept boards whose page did not move may be sent again (`revalidated`);
 * anything else (a unit renamed, a movement closed…) and every answer is computed again.
 */
export function publicDataChanged(kind: 'points' | 'structure' = 'structure'): void {
  if (kind === 'structure') structuralPending = true;
  if (!freshnessMs) return moveVersion();
  if (trailing) return;
  const wait = changedAt + freshnessMs - Date.now();
  if (wait <= 0) return moveVersion();
  trailing = setTimeout(() => {
    trailing = null;
    moveVersion();
  }, wait);
  trailing.unref();
}

/** Live events that change no public answer but through points; any other changes structure. */
const POINTS_TOPICS = new Set(['UNITS_SCORED', 'SCORES_RESET', 'POINTS_CHANGED']);
/**
 * Live events that change no public answer at all: a person's notifications (the review-waiting
 * summaries are refreshed in the background, a moment after a recording) and sessions. They must
 * not move the version: an anonymous answer kept a moment ago still holds.
 */
const PRIVATE_TOPICS = new Set(['NOTIFICATION_ADDED', 'SESSIONS_CHANGED', 'LEADERBOARD_TICK']);
/** Mutations whose public effect is through points and counters only (activities, reviews, confirmations, quizzes). */
const POINTS_MUTATIONS = new Set([
  'reviewActivity', 'bulkApproveActivities', 'revokeActivity', 'recordClass', 'recordAssist', 'syncActivities', 'confirmActivity',
  'linkActivityParticipants', 'reserveConfirmationCodes', 'startQuizAttempt', 'submitQuizAttempt',
]);
/** Mutations that change no public answer (a person's own sign-in, password, notifications, push). */
const PRIVATE_MUTATIONS = new Set(['login', 'logout', 'changePassword', 'markNotificationsRead', 'subscribePush', 'unsubscribePush']);

// every live event that may change a public answer (here or — with Redis — in another process) moves the version
eventBus.onEvent((topic) => {
  if (!PRIVATE_TOPICS.has(topic)) publicDataChanged(POINTS_TOPICS.has(topic) ? 'points' : 'structure');
});

/** When the data version last moved (ms): a replica's answer holds every change if it had replayed to then. */
export function lastPublicChangeAt(): number {
  return changedAt;
}

/**
 * Marks the answers that may be kept for anonymous readers: a query without errors whose cache
 * policy (the schema's @cacheControl hints, worked out by Apollo) is public, by a reader without a
 * session, and — when it read a replica — only if the replica had replayed the last change.
 * Mutations move the data version.
 */
export function publicCachePlugins(): ApolloServerPlugin<Context>[] {
  return [
    {
      async requestDidStart() {
        return {
          async willSendResponse(rc) {
            if (rc.operation?.operation === 'mutation') {
              const fields = rc.operation.selectionSet.selections;
              const all = (test: (name: string) => boolean) => fields.every((f) => f.kind === 'Field' && (f.name.value === '__typename' || test(f.name.value)));
              if (!all((name) => PRIVATE_MUTATIONS.has(name))) {
                publicDataChanged(all((name) => POINTS_MUTATIONS.has(name) || PRIVATE_MUTATIONS.has(name)) ? 'points' : 'structure');
              }
            }
            const ctx = rc.contextValue;
            if (!ctx.answer || ctx.user !== null || rc.operation?.operation !== 'query') return;
            const body = rc.response.body;
            if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
            const policy = rc.overallCachePolicy.policyIfCacheable();
            if (!policy || policy.scope === 'PRIVATE') return;
            if ((ctx.readAsOf?.getTime() ?? Number.POSITIVE_INFINITY) < changedAt) return;
            const first = rc.operation.selectionSet.selections.find((s) => s.kind === 'Field');
            // an answer of boards only (every root field a leaderboard) can be checked again instead of computed
            const boardsOnly = rc.operation.selectionSet.selections.every((f) => f.kind === 'Field' && (f.name.value === 'leaderboard' || f.name.value === '__typename'));
            const checks = boardsOnly && ctx.answer.checks?.length ? ctx.answer.checks : undefined;
            ctx.answer.public = { field: first && first.kind === 'Field' ? first.name.value : 'unknown', maxAge: policy.maxAge, checks };
          },
        };
      },
    },
  ];
}
