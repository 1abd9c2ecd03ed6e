import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { citizens, evidenceFiles, units } from '@thidua/db';
import {
  activityPayloadFingerprint,
  historyNeeded,
  insertSorted,
  isInServedArea,
  medianOfSorted,
  normalizeConfirmationCode,
  plausibilityFlags,
  searchKey,
  validateAssistInput,
  validateCccd,
  validateClassInput,
  vietnamDateOf,
  type FieldError,
  type ScoringRules,
} from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, forbidden } from '../../errors';
import { isInScope, requireRole } from '../auth/scope';
import { judgeInput } from '../../graphql/input-guard';
import { hashNationalId } from '../citizens/national-id';
import type { UnitRow } from '../units/units.queries';
import { cachedUnitsWithAncestors } from '../units/unit-cache';
import type { MovementRow } from '../movements/movements.queries';
import { cachedMovement } from '../movements/movement-cache';
import { classHistory, findActivities, instructorDayCounts, type ActivityRow, type NewActivityRow } from './activities.queries';
import type { ActivityInput, RecordAssistInput, RecordClassInput } from './activity.input';
import { activityWriter } from './activity-writer';
import { reviewWaiting } from '../notifications/notify';
import { reserveFresh, reservedFor } from '../confirmations/confirmations.service';
import { databaseErrorOf } from '../../database-errors';

export const RECORDERS = ['ADMIN', 'ORGANIZER', 'LEADER', 'OFFICER'] as const;
export const MAX_SYNC_BATCH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export type RecordOutcome =
  | { id: string; outcome: 'APPLIED' | 'DUPLICATE'; activity: ActivityRow }
  | { id: string; outcome: 'REJECTED'; error: AppError };

/** An item naming a citizen or a place outside the recorder's area: refused, unless it is a retry of a record already acknowledged. */
interface Denied {
  id: string;
  denied: AppError;
  fingerprint: string;
}

interface Prepared {
  id: string;
  row: NewActivityRow;
  evidenceIds: string[];
  instructors: string[];
  /** the confirmation code the device reserved and showed for it, if it sent one */
  proposedCode: string | null;
}

/** The insert failed because a confirmation code was taken at the same moment by another recording. */
function isCodeConflict(error: unknown): boolean {
  const db = databaseErrorOf(error);
  return db?.code === '23505' && String(db.constraint_name ?? db.constraint ?? '').includes('confirmation_code');
}

/** Whether a unit earns points in a movement: inside its scope, and of a competing kind or under one. */
export function unitCompetes(movement: MovementRow, unit: UnitRow, ancestors: UnitRow[]): boolean {
  if (!unit.path.includes(movement.scopeUnitId) || unit.kind === 'COUNTRY') return false;
  const matches = (u: UnitRow) =>
    movement.competingKinds.includes(u.kind) && (u.kind !== 'ORGANIZATION' || !movement.competingSubtype || u.subtype === movement.competingSubtype);
  return matches(unit) || ancestors.some((a) => a.path.includes(movement.scopeUnitId) && matches(a));
}

function reject(id: string, error: AppError): RecordOutcome {
  return { id, outcome: 'REJECTED', error };
}

function attendeeListHash(names: string[] | null | undefined): string | null {
  const list = (names ?? []).map((n) => searchKey(n)).filter(Boolean).sort();
  return list.length ? createHash('sha256').update(list.join('\n')).digest('hex') : null;
}

/**
 * The one way activities are recorded: a single recordClass is a batch of one, an offline sync a
 * batch of up to 500. Everything is checked before the write; the write is one transaction with
 * one multi-row insert, and the client id makes retries return the first record.
 */
export class ActivityRecorder {
  constructor(private readonly ctx: Context) {}

  /** The movement and its current rules (cachedMovement keeps them per database until a movement changes). */
  private async movement(id: string): Promise<{ movement: MovementRow; rules: ScoringRules } | null> {
    return UUID.test(id) ? ((await cachedMovement(this.ctx.db, id)) ?? null) : null;
  }

  async record(inputs: ActivityInput[]): Promise<RecordOutcome[]> {
    const user = requireRole(this.ctx, RECORDERS);
    if (inputs.length > MAX_SYNC_BATCH) throw badInput(`Mỗi lần đồng bộ tối đa ${MAX_SYNC_BATCH} hoạt động.`);
    const today = vietnamDateOf(new Date());
    const results: (RecordOutcome | Prepared | Denied)[] = [];

    // the recorder's own unit, to know the area they serve (kept in the units cache)
    const unitIds = new Set<number>([user.unitId]);
    for (const input of inputs) {
      const item = input.class ?? input.assist;
      if (item && Number.isSafeInteger(Number(item.unitId))) unitIds.add(Number(item.unitId));
      const place = input.class?.placeUnitId;
      if (place && Number.isSafeInteger(Number(place))) unitIds.add(Number(place));
    }
    // the units named and all their ancestors, in one query, kept in the request's loader
    const unitRows = await cachedUnitsWithAncestors(this.ctx.db, [...unitIds]);
    for (const u of unitRows.values()) this.ctx.loaders.unitById.prime(u.id, u);
    for (const id of unitIds) this.ctx.loaders.unitById.prime(id, null);

    const citizenIds = inputs.map((i) => i.assist?.citizenId).filter((id): id is string => !!id && UUID.test(id));
    const citizenRows = citizenIds.length
      ? await this.ctx.db
          .select({ id: citizens.id, unitId: citizens.unitId, hash: citizens.nationalIdHash, unitPath: units.path })
          .from(citizens)
          .innerJoin(units, eq(units.id, citizens.unitId))
          .where(and(inArray(citizens.id, citizenIds), isNull(citizens.erasedAt)))
      : [];
    const ownUnit = unitRows.get(user.unitId);
    // the area whose citizens and places the recorder may name (an organization: its commune)
    const serves = (target: { path: readonly number[] }) => !!ownUnit && isInServedArea(ownUnit, target);
    const citizenById = new Map(citizenRows.map((c) => [c.id, c]));
    const evidenceIdsAll = inputs.flatMap((i) => (i.class ?? i.assist)?.evidenceIds ?? []).filter((id) => UUID.test(id));
    // the caller's own files, free or already linked (to which activity: a retry of that very
    // activity sends them again and must come back as the same record, not be refused)
    const ownEvidence = new Map<string, string | null>(
      evidenceIdsAll.length
        ? (
            await this.ctx.db
              .select({ id: evidenceFiles.id, activityId: evidenceFiles.activityId })
              .from(evidenceFiles)
              .where(and(inArray(evidenceFiles.id, evidenceIdsAll), eq(evidenceFiles.uploadedBy, user.id)))
          ).map((e) => [e.id, e.activityId])
        : [],
    );

    const claimed = new Map<string, string>();
    for (const [index, input] of inputs.entries()) {
      const isClass = !!input.class;
      const item: RecordClassInput | RecordAssistInput | null | undefined = input.class ?? input.assist;
      const id = (item?.id ?? '').slice(0, 64);
      // the input rules (control characters, lengths, dates…), item by item: one bad item is refused alone
      const inputProblems = judgeInput('ActivityInput', input, inputs.length > 1 ? `input[${index}]` : 'input');
      if (inputProblems.length) {
        results.push(reject(id, badInput(inputProblems)));
        continue;
      }
      if (!item || (input.class && input.assist)) {
        results.push(reject(id, badInput('Mỗi mục phải có đúng một trong hai: class hoặc assist.')));
        continue;
      }
      if (!UUID.test(id)) {
        results.push(reject(id, badInput([{ field: 'id', message: 'Mã hoạt động phải là UUID do thiết bị tạo.' }])));
        continue;
      }
      const unit = unitRows.get(Number(item.unitId)) ?? null;
      if (!unit) {
        results.push(reject(id, new AppError(ErrorCode.NOT_FOUND, 'Không tìm thấy đơn vị.')));
        continue;
      }
      if (!isInScope(user, unit)) {
        results.push(reject(id, forbidden('Đơn vị này nằm ngoài phạm vi bạn phụ trách.')));
        continue;
      }
      if (unit.deactivatedAt) {
        results.push(reject(id, new AppError(ErrorCode.UNIT_DEACTIVATED, `${unit.fullName} đã ngừng hoạt động, không nhận hoạt động mới.`)));
        continue;
      }
      const m = await this.movement(item.movementId);
      if (!m) {
        results.push(reject(id, new AppError(ErrorCode.NOT_FOUND, 'Không tìm thấy phong trào.')));
        continue;
      }
      if (m.movement.status !== 'ACTIVE') {
        results.push(
          reject(id, new AppError(ErrorCode.MOVEMENT_NOT_ACTIVE, m.movement.status === 'CLOSED' ? 'Phong trào đã kết thúc, không nhận thêm hoạt động.' : 'Phong trào chưa được phát động.')),
        );
        continue;
      }
      const ancestors: UnitRow[] = [];
      for (let i = 0; i < unit.path.length - 1; i++) {
        const ancestor = unitRows.get(unit.path[i]);
        if (ancestor) ancestors.push(ancestor);
      }
      if (!unitCompetes(m.movement, unit, ancestors)) {
        results.push(reject(id, new AppError(ErrorCode.ACTIVITY_UNIT_NOT_IN_MOVEMENT, `${unit.fullName} không thuộc đối tượng thi đua của phong trào này.`)));
        continue;
      }
      const dateCtx = { movement: { startsOn: m.movement.startsOn, endsOn: m.movement.endsOn }, today };
      const problems: FieldError[] = [];
      let denied: AppError | null = null;
      const evidenceIds = [...new Set(item.evidenceIds ?? [])];
      // a file goes with one activity: the caller's own, free or already this activity's, and not
      // taken by an earlier item of this batch
      const usable = (e: string) => {
        const linkedTo = ownEvidence.get(e);
        return linkedTo !== undefined && (linkedTo ?? id) === id && (claimed.get(e) ?? id) === id;
      };
      if (!evidenceIds.every(usable))
        problems.push({ field: 'evidenceIds', message: 'Tệp minh chứng không tồn tại, không phải do bạn tải lên, hoặc đã gắn với hoạt động khác.' });
      const note = item.note?.trim() || null;
      if (note && note.length > 2000) problems.push({ field: 'note', message: 'Ghi chú tối đa 2.000 ký tự.' });
      let row: NewActivityRow;
      let instructors: string[] = [];
      if (isClass) {
        const c = item as RecordClassInput;
        problems.push(...validateClassInput({ heldOn: c.heldOn, attendeeCount: c.attendeeCount, topics: c.topics }, dateCtx));
        instructors = [...new Set((c.instructors ?? []).map((s) => s.trim()).filter(Boolean))];
        if (instructors.length > 20 || instructors.some((s) => s.length > 120)) problems.push({ field: 'instructors', message: 'Tối đa 20 người giảng dạy, mỗi tên tối đa 120 ký tự.' });
        if ((c.attendees?.length ?? 0) > 500) problems.push({ field: 'attendees', message: 'Danh sách tham dự tối đa 500 người.' });
        let placeUnitId: number | null = null;
        if (c.placeUnitId) {
          const place = unitRows.get(Number(c.placeUnitId)) ?? null;
          if (place && !serves(place)) denied = forbidden('Nơi tổ chức lớp nằm ngoài địa bàn bạn phụ trách.');
          if (!place || !place.path.includes(m.movement.scopeUnitId) || place.deactivatedAt) problems.push({ field: 'placeUnitId', message: 'Nơi tổ chức không hợp lệ, đã ngừng hoạt động hoặc nằm ngoài phạm vi phong trào.' });
          else placeUnitId = place.id;
        }
        const details = { note, instructors, placeUnitId, mobile: !!c.mobile, attendeeListHash: attendeeListHash(c.attendees) };
        const topics = [...c.topics];
        row = {
          id,
          movementId: m.movement.id,
          unitId: unit.id,
          kind: 'CLASS',
          occurredOn: c.heldOn,
          attendeeCount: c.attendeeCount,
          topics,
          details,
          fingerprint: activityPayloadFingerprint({ kind: 'CLASS', movementId: m.movement.id, unitId: unit.id, heldOn: c.heldOn, attendeeCount: c.attendeeCount, topics, ...details, evidenceIds }),
        };
      } else {
        const a = item as RecordAssistInput;
        problems.push(...validateAssistInput({ helpedOn: a.helpedOn, service: a.service, priorityGroups: a.priorityGroups }, { ...dateCtx, rules: m.rules }));
        let citizenKey: string | null = null;
        if (a.citizenId) {
          const citizen = citizenById.get(a.citizenId);
          if (!citizen) problems.push({ field: 'citizenId', message: 'Không tìm thấy người dân.' });
          else {
            if (!serves({ path: citizen.unitPath })) denied = forbidden('Người dân này nằm ngoài địa bàn bạn phụ trách.');
            citizenKey = citizen.hash ?? `c:${citizen.id}`;
          }
        }
        if (a.nationalId) {
          const cccd = validateCccd(a.nationalId);
          if (!cccd.ok) problems.push({ field: 'nationalId', message: cccd.error });
          else citizenKey = hashNationalId(this.ctx.config.nationalIdHashKey, cccd.digits);
        }
        const helper = a.helper?.trim() || null;
        const priorityGroups = [...new Set(a.priorityGroups ?? [])].sort();
        const details = { note, helper };
        row = {
          id,
          movementId: m.movement.id,
          unitId: unit.id,
          kind: 'ASSIST',
          occurredOn: a.helpedOn,
          attendeeCount: 1,
          service: a.service,
          priorityGroups,
          citizenId: a.citizenId ?? null,
          citizenKey,
          details,
          fingerprint: activityPayloadFingerprint({ kind: 'ASSIST', movementId: m.movement.id, unitId: unit.id, helpedOn: a.helpedOn, service: a.service, priorityGroups, citizenKey, ...details, evidenceIds }),
        };
      }
      if (denied) {
        results.push({ id, denied, fingerprint: row.fingerprint });
        continue;
      }
      if (problems.length) {
        results.push(reject(id, badInput(problems)));
        continue;
      }
      for (const e of evidenceIds) claimed.set(e, id);
      results.push({ id, row: { ...row, recordedBy: user.id }, evidenceIds, instructors, proposedCode: normalizeConfirmationCode(item.confirmationCode) });
    }

    const prepared = results.filter((r): r is Prepared => 'row' in r);
    if (prepared.length) await this.flagImplausible(prepared);
    let written: RecordOutcome[] = [];
    if (prepared.length) {
      await this.assignConfirmationCodes(prepared, user.id, true);
      try {
        written = await this.write(prepared);
      } catch (error) {
        if (!isCodeConflict(error)) throw error;
        // two recordings used one reserved code at the same moment: the later ones get fresh codes
        await this.assignConfirmationCodes(prepared, user.id, false);
        written = await this.write(prepared);
      }
    }
    const acknowledged = await this.acknowledgedBefore(results.filter((r): r is Denied => 'denied' in r), user.id);
    let next = 0;
    return results.map((r) => ('row' in r ? written[next++] : 'denied' in r ? (acknowledged.get(r.id) ?? reject(r.id, r.denied)) : r));
  }

  /**
   * Every assist gets a confirmation code (a class only when the device sent one): the one the
   * device reserved and already showed, when it is this recorder's and unused, else a fresh one
   * reserved here. The insert statement consumes the reservations it uses. A code sent with a retry
   * of a stored activity is no longer reserved: the retry gets a fresh one the insert skips, and
   * reads back the stored activity with its own code.
   */
  private async assignConfirmationCodes(prepared: Prepared[], userId: string, useProposed: boolean): Promise<void> {
    const proposed = useProposed ? [...new Set(prepared.map((p) => p.proposedCode).filter((c): c is string => !!c))] : [];
    const reserved = await reservedFor(this.ctx.db, userId, proposed);
    const taken = new Set<string>();
    const needing: Prepared[] = [];
    for (const p of prepared) {
      const code = useProposed ? p.proposedCode : null;
      if (code && reserved.has(code) && !taken.has(code)) {
        taken.add(code);
        p.row.confirmationCode = code;
      } else if (p.row.kind === 'ASSIST') needing.push(p);
      else p.row.confirmationCode = null;
    }
    if (!needing.length) return;
    const fresh = await reserveFresh(this.ctx.db, userId, needing.length);
    needing.forEach((p, i) => (p.row.confirmationCode = fresh[i]));
  }

  /**
   * A refused item whose id this recorder already stored with the same payload (recorded before
   * the citizen moved away, or before the area rule existed) is a retry: it is acknowledged as the
   * duplicate it is, never refused, so an offline queue can drain. Only read when something was refused.
   */
  private async acknowledgedBefore(denied: Denied[], userId: string): Promise<Map<string, RecordOutcome>> {
    const out = new Map<string, RecordOutcome>();
    if (!denied.length) return out;
    const stored = new Map((await findActivities(this.ctx.db, [...new Set(denied.map((d) => d.id))])).map((r) => [r.id, r]));
    for (const d of denied) {
      const row = stored.get(d.id);
      if (row && row.recordedBy === userId && row.fingerprint === d.fingerprint) out.set(d.id, { id: d.id, outcome: 'DUPLICATE', activity: row });
    }
    return out;
  }

  private async flagImplausible(prepared: Prepared[]) {
    const classes = prepared.filter((p) => p.row.kind === 'CLASS');
    if (!classes.length) return;
    const key = (movementId: string, unitId: number) => `${movementId}|${unitId}`;
    const listHash = (p: Prepared) => (p.row.details as { attendeeListHash: string | null }).attendeeListHash;
    const needs = classes.map((p) => historyNeeded({ attendeeCount: p.row.attendeeCount, attendeeListHash: listHash(p), instructorIds: p.instructors }));
    // no class of the batch could raise a flag whatever the history (the usual single recording):
    // nothing to read or compare (a class that needs none still feeds later ones' history below)
    if (!needs.some((n) => n.attendance || n.attendeeList || n.instructors)) {
      for (const p of classes) p.row.flags = [];
      return;
    }
    // only the history that can change a flag is read: most classes (≤ 50 people, no list, no
    // instructor named) need none, and are recorded in a single round trip
    const needing = classes.filter((_, i) => needs[i].attendance || needs[i].attendeeList);
    const keys = new Map(needing.map((p) => [key(p.row.movementId, p.row.unitId), { movementId: p.row.movementId, unitId: p.row.unitId }]));
    const hashes = [...new Set(classes.map(listHash).filter((h): h is string => !!h))];
    const instructors = [...new Set(classes.flatMap((p) => p.instructors))];
    const [history, instructorCounts] =
      keys.size || instructors.length
        ? await Promise.all([
            classHistory(this.ctx.db, [...keys.values()], hashes),
            instructorDayCounts(this.ctx.db, [...new Set(classes.map((p) => p.row.movementId))], [...new Set(classes.map((p) => p.row.occurredOn))], instructors),
          ])
        : [[], []];
    // per unit: its class sizes kept sorted (a running median) and the list hashes seen, so that
    // later classes of the same batch see the earlier ones in constant time
    const byUnit = new Map(history.map((h) => [key(h.movementId, Number(h.unitId)), { sorted: [...h.counts].sort((a, b) => a - b), seen: new Set(h.seenHashes) }]));
    const perInstructorDay = new Map(instructorCounts.map((r) => [`${r.instructor}|${r.day}`, r.n]));
    for (const p of classes) {
      const unit = byUnit.get(key(p.row.movementId, p.row.unitId)) ?? { sorted: [], seen: new Set<string>() };
      const hash = listHash(p);
      p.row.flags = plausibilityFlags(
        { attendeeCount: p.row.attendeeCount, instructorIds: p.instructors, attendeeListHash: hash },
        {
          usualAttendance: medianOfSorted(unit.sorted),
          instructorClassesThatDay: Object.fromEntries(p.instructors.map((i) => [i, perInstructorDay.get(`${i}|${p.row.occurredOn}`) ?? 0])),
          pastAttendeeListHashes: unit.seen,
        },
      );
      if (p.row.attendeeCount != null) insertSorted(unit.sorted, p.row.attendeeCount);
      if (hash) unit.seen.add(hash);
      byUnit.set(key(p.row.movementId, p.row.unitId), unit);
      for (const i of p.instructors) perInstructorDay.set(`${i}|${p.row.occurredOn}`, (perInstructorDay.get(`${i}|${p.row.occurredOn}`) ?? 0) + 1);
    }
  }

  /**
   * One statement, no explicit transaction: the insert, its audit entries and evidence links are
   * atomic together (and shared with recordings arriving at the same moment, see ActivityWriter).
   * Ids already stored (a retry, a concurrent duplicate, an earlier item of the same batch) are
   * read back afterwards and compared by payload fingerprint. One outcome per item, in order.
   */
  private async write(prepared: Prepared[]): Promise<RecordOutcome[]> {
    const first = new Map<string, Prepared>();
    for (const p of prepared) if (!first.has(p.id)) first.set(p.id, p);
    const unique = [...first.values()];
    const inserted = await activityWriter(this.ctx.db).write(
      unique.map((p) => p.row),
      unique.flatMap((p) => p.evidenceIds.map((evidenceId) => ({ evidenceId, activityId: p.id }))),
    );
    const waiting = [...inserted.values()].filter((r) => r.status === 'SUBMITTED').map((r) => r.unitId);
    // leaders above these units: their summary of what waits for review (after the commit, combined)
    if (waiting.length) void reviewWaiting.refresh(this.ctx.db, waiting);
    const rows = new Map(inserted);
    const missing = unique.filter((p) => !rows.has(p.id)).map((p) => p.id);
    if (missing.length) for (const r of await findActivities(this.ctx.db, missing)) rows.set(r.id, r);
    return prepared.map((p) => {
      const existing = rows.get(p.id)!;
      if (existing.fingerprint !== p.row.fingerprint)
        return reject(p.id, new AppError(ErrorCode.ACTIVITY_DUPLICATE_PAYLOAD, 'Mã hoạt động này đã được dùng cho một nội dung khác; không có gì thay đổi.'));
      return { id: p.id, outcome: inserted.has(p.id) && first.get(p.id) === p ? 'APPLIED' : 'DUPLICATE', activity: existing };
    });
  }
}
