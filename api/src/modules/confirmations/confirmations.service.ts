import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { activities, confirmationCodeReservations, queryRows, type Executor } from '@thidua/db';
import {
  CONFIRMATION_COMMENT_MAX,
  MAX_RESERVED_CODES_PER_USER,
  confirmationCodeFromBytes,
  confirmationPath,
  confirmationPlausibility,
  describeHelp,
  formatConfirmationCode,
  isValidRating,
  normalizeConfirmationCode,
  type ScoringRules,
} from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { fieldProblem } from '../../graphql/input-guard';
import { AppError, ErrorCode, badInput, viMessage } from '../../errors';
import { rateLimited } from '../../http/rate-limited';
import { requireRole } from '../auth/scope';
import { audit } from '../audit/audit';
import { findMovementShared, findRuleVersion } from '../movements/movements.queries';
import { confirmApprovedActivity } from '../scoring/ledger';
import { notifyPointsChanged } from '../scoring/events';
import { findUnitsByIds } from '../units/units.queries';
import type { ActivityRow } from '../activities/activities.queries';

/** Failed tries (unknown or mistyped codes) a client address may make per window… */
export const CONFIRM_FAILURES_PER_WINDOW = 10;
/** …of this many minutes… */
export const CONFIRM_WINDOW_MINUTES = 15;
/**
 * …and tries that found their code are given back, at most this many per window: someone holding
 * one good code cannot interleave it with guesses for ever. At most 60 guesses per address per
 * 15 minutes against 40-bit codes: finding one live code among ten million takes months.
 */
export const CONFIRM_FORGIVEN_PER_WINDOW = 50;

/** Who may hold codes and record with them: the roles that record activities. */
const HOLDERS = ['ADMIN', 'ORGANIZER', 'LEADER', 'OFFICER'] as const;

/** A client address as the throttle counts it: IPv6 by its /64 (one household or phone network gets a whole /64). */
export function throttleClient(ip: string): string {
  const address = ip.replace(/^::ffff:/, '');
  if (!address.includes(':')) return address;
  const groups = address.split('::')[0]!.split(':');
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * Counts a try against the client's window *before* the code is looked at (one atomic upsert, so
 * a burst of guesses cannot slip through together); a try that finds its code is given back.
 */
async function admitTry(db: Executor, client: string): Promise<void> {
  const window = sql.raw(`interval '${CONFIRM_WINDOW_MINUTES} minutes'`);
  const [row] = await queryRows<{ failures: number; wait_ms: number }>(
    db,
    sql`insert into confirmation_throttle as t (client, failures, window_start) values (${client}, 1, now())
        on conflict (client) do update set
          failures = case when t.window_start < now() - ${window} then 1 else t.failures + 1 end,
          forgiven = case when t.window_start < now() - ${window} then 0 else t.forgiven end,
          window_start = case when t.window_start < now() - ${window} then now() else t.window_start end
        returning t.failures, (extract(epoch from (t.window_start + ${window} - now())) * 1000)::float8 as wait_ms`,
  );
  if (Math.random() < 0.01) await db.execute(sql`delete from confirmation_throttle where window_start < now() - interval '1 day'`);
  if (row && row.failures > CONFIRM_FAILURES_PER_WINDOW) {
    const seconds = Math.max(1, Math.ceil(Number(row.wait_ms) / 1000));
    throw rateLimited(seconds, `Đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(seconds / 60)} phút.`);
  }
}

/** The try found its code: it does not count as a failure. */
async function forgiveTry(db: Executor, client: string): Promise<void> {
  await db.execute(
    sql`update confirmation_throttle set failures = greatest(failures - 1, 0), forgiven = forgiven + 1
        where client = ${client} and forgiven < ${CONFIRM_FORGIVEN_PER_WINDOW}`,
  );
}

function invalidCode(reason: 'unknown' | 'expired' | 'withdrawn'): AppError {
  const detail =
    reason === 'expired'
      ? 'Mã đã hết hạn: phong trào đã kết thúc.'
      : reason === 'withdrawn'
        ? 'Hoạt động này không còn được ghi nhận (đã bị từ chối hoặc thu hồi).'
        : viMessage(ErrorCode.CONFIRMATION_INVALID_CODE);
  return new AppError(ErrorCode.CONFIRMATION_INVALID_CODE, detail, { reason });
}

/** The public link of a code. */
export function confirmationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${confirmationPath(code)}`;
}

interface Found {
  activity: ActivityRow;
  unitName: string;
  movementTitle: string;
  movementStatus: string;
}

async function findByCode(db: Executor, code: string, lock: boolean): Promise<Found | null> {
  const query = db.select().from(activities).where(eq(activities.confirmationCode, code));
  const [activity] = lock ? await query.for('update') : await query;
  if (!activity) return null;
  const [[unit], [movement]] = await Promise.all([
    findUnitsByIds(db, [activity.unitId]),
    queryRows<{ title: string; status: string }>(db, sql`select title, status from movements where id = ${activity.movementId}`),
  ]);
  return { activity, unitName: unit?.fullName ?? '', movementTitle: movement?.title ?? '', movementStatus: movement?.status ?? 'CLOSED' };
}

/** Refuses a code that can no longer be confirmed (its activity withdrawn, its movement over). */
function checkUsable(found: Found | null): Found {
  if (!found) throw invalidCode('unknown');
  if (found.activity.status === 'REJECTED' || found.activity.status === 'REVOKED') throw invalidCode('withdrawn');
  if (found.movementStatus !== 'ACTIVE') throw invalidCode('expired');
  return found;
}

export interface Preview {
  code: string;
  kind: string;
  service: string;
  serviceCode: string | null;
  unitName: string;
  occurredOn: string;
  movementTitle: string;
  confirmedAt: Date | null;
}

export interface Receipt {
  confirmedAt: Date;
  unitName: string;
  service: string;
  rating: number;
}

/**
 * Confirmation by the person helped: no account, only the code the officer showed them. Every try
 * is throttled per client address; a code is used once; its movement's close ends it.
 */
export class ConfirmationsService {
  constructor(private readonly ctx: Context) {}

  private get client() {
    return throttleClient(this.ctx.clientIp);
  }

  /** What the person sees before rating: what was done, by which unit, when. */
  async preview(input: string): Promise<Preview> {
    await admitTry(this.ctx.db, this.client);
    const code = normalizeConfirmationCode(input);
    if (!code) throw invalidCode('unknown');
    const found = await findByCode(this.ctx.db, code, false);
    if (!found) throw invalidCode('unknown');
    await forgiveTry(this.ctx.db, this.client);
    // an already confirmed code still shows what it was for (the person may reopen the link)
    if (!found.activity.confirmedAt) checkUsable(found);
    const a = found.activity;
    return {
      code: formatConfirmationCode(code),
      kind: a.kind,
      service: describeHelp(a.kind, a.service),
      serviceCode: a.service,
      unitName: found.unitName,
      occurredOn: a.occurredOn,
      movementTitle: found.movementTitle,
      confirmedAt: a.confirmedAt,
    };
  }

  async confirm(input: string, rating: number, commentInput?: string | null): Promise<Receipt> {
    // the edge first: a bad rating or comment is refused before anything is counted or looked up
    if (!isValidRating(rating)) throw badInput([{ field: 'rating', message: 'Số sao phải là số nguyên từ 1 đến 5.', rule: 'outOfRange', min: 1, max: 5 }]);
    const comment = commentInput?.trim() || null;
    if (comment && comment.length > CONFIRMATION_COMMENT_MAX) throw badInput([fieldProblem('comment', { rule: 'tooLong', max: CONFIRMATION_COMMENT_MAX })]);
    await admitTry(this.ctx.db, this.client);
    const code = normalizeConfirmationCode(input);
    if (!code) throw invalidCode('unknown');

    let found = false;
    const result = await this.ctx.db.transaction(async (tx) => {
      // the activity first, then the movement (the order approvals take them in)
      const hit = await findByCode(tx, code, true);
      if (hit) found = true;
      const usable = checkUsable(hit);
      const a = usable.activity;
      if (a.confirmedAt) throw new AppError(ErrorCode.CONFIRMATION_ALREADY_CONFIRMED, viMessage(ErrorCode.CONFIRMATION_ALREADY_CONFIRMED));
      const movement = (await findMovementShared(tx, a.movementId))!;
      if (movement.status !== 'ACTIVE') throw invalidCode('expired');
      const [updated] = await tx
        .update(activities)
        .set({ confirmedAt: new Date(), confirmationRating: rating, confirmationComment: comment })
        .where(eq(activities.id, a.id))
        .returning();
      let bonus = 0;
      if (updated!.status === 'APPROVED') {
        const version = (await findRuleVersion(tx, movement.id, movement.currentRuleVersion))!;
        bonus = await confirmApprovedActivity(tx, updated!, { rules: version.rules as ScoringRules, ruleVersion: version.version });
      }
      // the audit keeps that it was confirmed and how; the comment is the person's and stays on the activity
      await audit(tx, { actorUserId: null, action: 'activity.confirm', entityType: 'activity', entityId: a.id, unitId: a.unitId, movementId: a.movementId, data: { rating, bonus } });
      return {
        receipt: { confirmedAt: updated!.confirmedAt!, unitName: usable.unitName, service: describeHelp(a.kind, a.service), rating },
        counted: updated!.status === 'APPROVED' && a.kind === 'ASSIST',
        movementId: a.movementId,
        unitId: a.unitId,
      };
    }).finally(async () => {
      if (found) await forgiveTry(this.ctx.db, this.client).catch(() => undefined);
    });
    // the unit's counters (and points, with a bonus) changed: boards update that unit only
    if (result.counted) notifyPointsChanged([result.movementId], [result.unitId]);
    return result.receipt;
  }

  /**
   * Codes for recording without a connection: the caller's unused codes, topped up to `count` (at
   * most MAX_RESERVED_CODES_PER_USER held at once). The device keeps them and hands one to each
   * assist it records, online or off; the server accepts a code only from the account it was reserved for.
   */
  async reserve(count = 20): Promise<string[]> {
    const user = requireRole(this.ctx, HOLDERS);
    const wanted = Math.max(1, Math.min(MAX_RESERVED_CODES_PER_USER, Math.floor(count)));
    // oldest first, in a stable order: asking twice returns the same codes
    const held = () =>
      this.ctx.db
        .select({ code: confirmationCodeReservations.code })
        .from(confirmationCodeReservations)
        .where(eq(confirmationCodeReservations.userId, user.id))
        .orderBy(asc(confirmationCodeReservations.reservedAt), asc(confirmationCodeReservations.code))
        .limit(wanted);
    let codes = (await held()).map((h) => h.code);
    if (codes.length < wanted) {
      await reserveFresh(this.ctx.db, user.id, wanted - codes.length);
      codes = (await held()).map((h) => h.code);
    }
    return codes.map(formatConfirmationCode);
  }

  /** Units in the reviewer's scope whose confirmed share is far below the rest of their commune's. */
  async flags(movementId: string, withinUnitId: number): Promise<{ unitId: number; assists: number; confirmed: number; unitShare: number; areaShare: number }[]> {
    const rows = await queryRows<{ unit_id: number; assists: number; confirmed: number; area_assists: number; area_confirmed: number }>(
      this.ctx.db,
      sql`select t.unit_id, t.assists, t.confirmed, a.assists as area_assists, a.confirmed as area_confirmed
          from unit_movement_totals t
          join units u on u.id = t.unit_id
          join area_movement_totals a on a.movement_id = t.movement_id and a.area_unit_id = u.commune_id
          where t.movement_id = ${movementId} and u.path @> array[${withinUnitId}::int] and t.assists >= 10
          order by t.unit_id limit 2000`,
    );
    const out = [];
    for (const r of rows) {
      const p = confirmationPlausibility(
        { assists: r.assists, confirmed: r.confirmed, ratingSum: 0 },
        { assists: r.area_assists, confirmed: r.area_confirmed, ratingSum: 0 },
      );
      if (p?.flagged) out.push({ unitId: Number(r.unit_id), assists: r.assists, confirmed: r.confirmed, unitShare: p.unitShare, areaShare: p.areaShare });
    }
    return out.sort((a, b) => a.unitShare - b.unitShare).slice(0, 200);
  }
}

/** New codes reserved for a user (the primary key keeps every code ever issued unique; one in use is skipped too). */
export async function reserveFresh(db: Executor, userId: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let round = 0; round < 5 && out.length < count; round++) {
    const candidates = Array.from({ length: count - out.length }, () => confirmationCodeFromBytes(randomBytes(5)));
    const rows = await queryRows<{ code: string }>(
      db,
      sql`insert into confirmation_code_reservations (code, user_id)
          select c, ${userId}::uuid from unnest(${sql`array[${sql.join(candidates.map((c) => sql`${c}`), sql`, `)}]::text[]`}) as c
          where not exists (select 1 from activities a where a.confirmation_code = c)
          on conflict do nothing returning code`,
    );
    out.push(...rows.map((r) => r.code));
  }
  if (out.length < count) throw new Error('could not reserve confirmation codes');
  return out;
}

/** Which of these codes are reserved for this user (and so may be used by their recordings). */
export async function reservedFor(db: Executor, userId: string, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .select({ code: confirmationCodeReservations.code })
    .from(confirmationCodeReservations)
    .where(and(eq(confirmationCodeReservations.userId, userId), inArray(confirmationCodeReservations.code, codes)));
  return new Set(rows.map((r) => r.code));
}

