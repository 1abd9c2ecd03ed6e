import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '@thidua/db';
import { rateLimited } from '../../http/rate-limited';

/** Tries let through at once for one (username, address); the next ones wait. */
export const FREE_LOGIN_TRIES = 4;
/** The longest wait between tries, in seconds (the waits go 1, 2, 4 … up to this). */
export const MAX_LOGIN_WAIT_SECONDS = 60;
/** Failures older than this are forgotten: the count starts again. */
const FORGET_AFTER = '15 minutes';

/** The name as the sign-in looks it up: the same person whatever the case or Unicode form. */
export const normalizeUsername = (username: string) => username.normalize('NFC').trim().toLowerCase();

/**
 * Sign-in throttle, per (username, client address), in the database: shared by every API process,
 * kept across restarts. Each try is counted *before* the password is checked, by one atomic upsert
 * (the row lock orders concurrent tries), so a burst cannot slip more tries through than allowed.
 * After FREE_LOGIN_TRIES, each try reserves the next slot 1, 2, 4 … 60 s later; a try before its
 * slot is refused with the seconds to wait. The right password deletes the row. Failures from other
 * addresses never hold back a client that has not failed: nobody can lock the real person out.
 */
export async function admitLoginTry(db: Executor, username: string, ip: string, at = new Date()): Promise<void> {
  const name = normalizeUsername(username);
  // the API's clock, not the database's: every statement of a burst sees its own time of arrival
  const now = sql`${at.toISOString()}::timestamptz`;
  // admitted: the count ran out, or free tries are left, or the slot has come
  const free = sql.raw(String(FREE_LOGIN_TRIES));
  const forget = sql.raw(`interval '${FORGET_AFTER}'`);
  const admitted = sql`(t.updated_at < ${now} - ${forget} or t.failures < ${free} or t.next_at <= ${now})`;
  const count = sql`(case when t.updated_at < ${now} - ${forget} then 1 else t.failures + 1 end)`;
  const slot = (n: SQL) =>
    sql`(case when ${n} >= ${free} then ${now} + least(${sql.raw(String(MAX_LOGIN_WAIT_SECONDS))}, power(2, least(${n} - ${free}, 8))) * interval '1 second' else ${now} end)`;
  const [row] = await queryRows<{ admitted: boolean; wait_ms: number }>(
    db,
    sql`insert into login_throttle as t (username, ip, failures, next_at, updated_at, last_admitted)
        values (${name}, ${ip}, 1, ${slot(sql`1`)}, ${now}, true)
        on conflict (username, ip) do update set
          failures = case when ${admitted} then ${count} else t.failures end,
          next_at = case when ${admitted} then ${slot(count)} else t.next_at end,
          updated_at = case when ${admitted} then ${now} else t.updated_at end,
          last_admitted = ${admitted}
        returning t.last_admitted as admitted,
                  (extract(epoch from (t.next_at - ${now})) * 1000)::float8 as wait_ms`,
  );
  if (row && !row.admitted) {
    const seconds = Math.max(1, Math.ceil(Number(row.wait_ms) / 1000));
    throw rateLimited(seconds, `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${seconds} giây.`);
  }
  // now and then, forget what nobody has tried for a day (the table stays small)
  if (Math.random() < 0.01) await db.execute(sql`delete from login_throttle where updated_at < ${now} - interval '1 day'`);
}

/** The right password: the count for this (username, address) starts again. */
export async function clearLoginTries(db: Executor, username: string, ip: string): Promise<void> {
  await db.execute(sql`delete from login_throttle where username = ${normalizeUsername(username)} and ip = ${ip}`);
}
