import type { Db } from '@thidua/db';
import type { Config } from '../config';
import type { ReadSource } from '../read-replica';
import type { AnswerCheck } from './public-cache';
import type { SessionUser } from '../modules/auth/session-user';
import { createUnitLoaders, type UnitLoaders } from '../modules/units/units.loaders';

/** What every resolver receives: the database, who is calling, and per-request batch loaders. */
export interface Context {
  db: Db;
  /** the primary through connections of their own (Database.reads): boards' reads, which must not wait behind write transactions; absent: `db` */
  reads?: Db;
  config: Config;
  user: SessionUser | null;
  /** the raw session token from the cookie, if any (logout needs it) */
  sessionToken: string | null;
  loaders: UnitLoaders;
  /** adds a Set-Cookie header to the HTTP response (no-op over WebSocket) */
  setCookie(header: string): void;
  clientIp: string;
  /** the HTTP request's id (X-Request-Id), for the log lines written about it */
  reqId?: string;
  /** where public reads go (a streaming replica with bounded staleness); absent: the primary */
  reader?: () => ReadSource;
  /** the oldest "as of" of the replica reads this request made (set by readSource) */
  readAsOf?: Date;
  /**
   * What the HTTP layer learns of the answer (Apollo copies the context per operation, so it is an
   * object shared with the copies): `public` is set when the answer may be kept for anonymous
   * readers (public-cache.ts), with its root field and max age (s); `checks`, pushed by the boards
   * it holds, tell later whether it still holds after points changed.
   */
  answer?: { public?: { field: string; maxAge: number; checks?: AnswerCheck[] }; checks?: AnswerCheck[] };
  /** set by a resolver whose answer depends on who asks (cache-policy.ts: markPrivate) */
  privateAnswer?: boolean;
}

export function createContext(base: Omit<Context, 'loaders'>): Context {
  return { ...base, loaders: createUnitLoaders(base.db) };
}

/**
 * The database a public read (a board, the movement's totals, the feed) goes to, and how recent
 * its data is: a replica within READ_MAX_STALENESS of the primary, or the primary itself.
 */
export function readSource(ctx: Context): ReadSource {
  const source = ctx.reader?.() ?? { db: ctx.db, asOf: new Date(), replica: false };
  if (source.replica && (!ctx.readAsOf || source.asOf < ctx.readAsOf)) ctx.readAsOf = source.asOf;
  return source;
}
