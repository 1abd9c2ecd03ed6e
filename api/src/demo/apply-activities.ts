import { eq, inArray, sql } from 'drizzle-orm';
import { activities, users, type Db } from '@thidua/db';
import type { Config } from '../config';
import { createContext } from '../graphql/context';
import { unitsOfPath } from './apply-helpers';
import { ActivityRecorder } from '../modules/activities/recording.service';
import { ReviewService } from '../modules/activities/review.service';
import { ConfirmationsService } from '../modules/confirmations/confirmations.service';
import type { ActivityInput } from '../modules/activities/activity.input';
import type { SessionUser } from '../modules/auth/session-user';
import type { DemoActivity } from './activities';
import { wireBadges } from '../modules/badges/badges.hooks';

async function sessionUser(db: Db, username: string): Promise<SessionUser> {
  const [row] = await db.select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, unitId: users.unitId, citizenId: users.citizenId }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`demo user ${username} missing`);
  return { ...row, unitPath: await unitsOfPath(db, row.unitId) };
}

function toInput(a: DemoActivity): ActivityInput {
  if (a.kind === 'CLASS')
    return {
      class: {
        id: a.id,
        movementId: a.movementId,
        unitId: String(a.unitId),
        heldOn: a.date,
        attendeeCount: a.attendeeCount,
        topics: a.topics,
        note: a.note,
        mobile: a.mobile,
        placeUnitId: a.placeUnitId != null ? String(a.placeUnitId) : null,
      },
    };
  return {
    assist: { id: a.id, movementId: a.movementId, unitId: String(a.unitId), helpedOn: a.date, service: a.service, priorityGroups: a.priorityGroups, citizenId: a.citizenId, note: a.note },
  };
}

/**
 * Applies the demo activity plan the way people would: each officer syncs what they logged, then
 * each leader approves or rejects, through the same services the API uses. Every step is
 * idempotent (client ids, repeated decisions), so running it again changes nothing.
 */
export async function applyDemoActivities(db: Db, config: Config, plan: readonly DemoActivity[]): Promise<number> {
  wireBadges(db, config); // approvals award badges (e.g. Một danh tính số) as in live use
  const contexts = new Map<string, ReturnType<typeof createContext>>();
  const as = async (username: string) => {
    if (!contexts.has(username))
      contexts.set(username, createContext({ db, config, user: await sessionUser(db, username), sessionToken: null, setCookie: () => {}, clientIp: 'demo' }));
    return contexts.get(username)!;
  };
  const byRecorder = new Map<string, DemoActivity[]>();
  for (const a of plan) byRecorder.set(a.recordedBy, [...(byRecorder.get(a.recordedBy) ?? []), a]);
  let applied = 0;
  for (const [username, items] of byRecorder) {
    const results = await new ActivityRecorder(await as(username)).record(items.map(toInput));
    for (const r of results) {
      if (r.outcome === 'REJECTED') throw new Error(`demo activity ${r.id} refused: ${r.error.message}`);
      applied++;
    }
  }
  // about half of the people helped confirm with the code the officer showed them, mostly pleased
  const assistIds = plan.filter((a) => a.kind === 'ASSIST').map((a) => a.id);
  const assists = new Map<string, string>();
  for (let i = 0; i < assistIds.length; i += 500)
    for (const r of await db
      .select({ id: activities.id, code: activities.confirmationCode })
      .from(activities)
      .where(inArray(activities.id, assistIds.slice(i, i + 500))))
      if (r.code) assists.set(r.id, r.code);
  let n = 0;
  for (const [id, code] of assists) {
    const pick = parseInt(id.replace(/-/g, '').slice(-4), 16);
    if (pick % 100 >= 55) continue;
    const ctx = createContext({ db, config, user: null, sessionToken: null, setCookie: () => {}, clientIp: `demo-${n++}` });
    const rating = [5, 5, 4, 5, 4, 3, 5, 4, 2, 5][pick % 10]!;
    const comment = rating >= 5 && pick % 3 === 0 ? 'Cán bộ hướng dẫn tận tình, dễ hiểu.' : null;
    await new ConfirmationsService(ctx).confirm(code, rating, comment).catch((error: unknown) => {
      // a second run finds them confirmed already
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'confirmation/already-confirmed') throw error;
    });
  }
  await db.execute(sql`delete from confirmation_throttle where client like 'demo-%'`);
  for (const a of plan) {
    if (a.decision === 'PENDING' || !a.reviewedBy) continue;
    await new ReviewService(await as(a.reviewedBy)).review(a.id, a.decision === 'APPROVE', a.reason);
  }
  return applied;
}
