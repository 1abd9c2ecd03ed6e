import type { Db } from '@thidua/db';
import type { Config } from '../config';
import type { SessionUser } from '../modules/auth/session-user';
import { createUnitLoaders, type UnitLoaders } from '../modules/units/units.loaders';

/** What every resolver receives: the database, who is calling, and per-request batch loaders. */
export interface Context {
  db: Db;
  config: Config;
  user: SessionUser | null;
  /** the raw session token from the cookie, if any (logout needs it) */
  sessionToken: string | null;
  loaders: UnitLoaders;
  /** adds a Set-Cookie header to the HTTP response (no-op over WebSocket) */
  setCookie(header: string): void;
  clientIp: string;
}

export function createContext(base: Omit<Context, 'loaders'>): Context {
  return { ...base, loaders: createUnitLoaders(base.db) };
}
