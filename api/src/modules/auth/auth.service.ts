import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@thidua/db';
import type { Config } from '../../config';
import { AppError, ErrorCode } from '../../errors';
import { verifyPassword } from './password';
import { admitLoginTry, clearLoginTries } from './login-throttle';
import { deleteSession, findLoginUser, findSessionUser, insertSession } from './auth.queries';
import type { SessionUser } from './session-user';
import { cachedSession, rememberSession, sessionEpoch, sessionsChanged } from './session-cache';

export const SESSION_COOKIE = 'thidua_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** `ip`: the client's address (see http/client-ip.ts); tries are throttled per username and address. */
  async login(username: string, password: string, ip: string): Promise<{ user: SessionUser; token: string; cookie: string }> {
    const key = username.trim().toLowerCase();
    const now = Date.now();
    await admitLoginTry(this.db, username, ip);
    const row = await findLoginUser(this.db, key);
    const ok = await verifyPassword(row?.passwordHash ?? null, password);
    if (!row || !ok) throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    await clearLoginTries(this.db, username, ip);
    // only someone who knows the password learns that the account was disabled
    if (row.disabledAt) throw new AppError(ErrorCode.AUTH_ACCOUNT_DISABLED, 'Tài khoản này đã bị khoá. Hãy liên hệ lãnh đạo đơn vị hoặc quản trị viên.');
    const { passwordHash: _h, disabledAt: _d, setupCodeHash: _s, setupCodeExpiresAt: _e, ...user } = row;
    return { user, ...(await this.startSession(user.id, now)) };
  }

  /** A new session for someone whose identity was just proven (a password, a setup code). */
  async startSession(userId: string, now = Date.now()): Promise<{ token: string; cookie: string }> {
    const token = randomBytes(32).toString('base64url');
    const maxAge = this.config.sessionDays * 86_400;
    await insertSession(this.db, hashToken(token), userId, new Date(now + maxAge * 1000));
    return { token, cookie: this.cookie(token, maxAge) };
  }

  async logout(token: string | null): Promise<string> {
    if (token) {
      await deleteSession(this.db, hashToken(token));
      sessionsChanged();
    }
    return this.cookie('', 0);
  }

  async userForToken(token: string | null): Promise<SessionUser | null> {
    if (!token) return null;
    const now = Date.now();
    // the cache (memory only) is keyed by the token itself: a hit costs no hashing
    const cached = cachedSession(this.db, token, now);
    if (cached) return cached;
    const epoch = sessionEpoch();
    const found = await findSessionUser(this.db, hashToken(token), new Date(now));
    if (!found) return null;
    rememberSession(this.db, token, found.user, found.expiresAt, now, epoch);
    return found.user;
  }

  private cookie(value: string, maxAge: number): string {
    const secure = this.config.production ? '; Secure' : '';
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
  }
}

export function readSessionCookie(cookieHeader: string | undefined | null): string | null {
  if (!cookieHeader) return null;
  // the first `name=value` pair with our name (a cookie header is `a=1; b=2`; spaces around are optional)
  let at = 0;
  while (at < cookieHeader.length) {
    const end = cookieHeader.indexOf(';', at);
    const stop = end < 0 ? cookieHeader.length : end;
    const eq = cookieHeader.indexOf('=', at);
    if (eq >= 0 && eq < stop && cookieHeader.slice(at, eq).trim() === SESSION_COOKIE) return cookieHeader.slice(eq + 1, stop).trim() || null;
    at = stop + 1;
  }
  return null;
}
