import { randomUUID } from 'node:crypto';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeAwards, notifications, queryRows, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, type Role } from '@thidua/domain';
import { getSchema } from '@thidua/api/src/graphql/schema';
import { DEMO_CORE_QUIZ_ID, DEMO_NATIONAL_MOVEMENT_ID, DEMO_QUANG_NINH_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { dataOf, DEMO_PASSWORD, type GqlClient, type GqlResult, type TestApp, startTestApp } from '../support/harness';
import { newUser } from '../support/factories';

/**
 * The authorization matrix (issue 14): every Query and Mutation of the schema × every role ×
 * a target inside the actor's scope (Quảng Ninh) and one outside it (Phú Thọ). The operations are
 * read from the schema itself: one that is not in the table below fails the test, so a new
 * operation cannot be left out. Every actor acts for Quảng Ninh (the demo accounts, and an ADMIN
 * of the province, so that ADMIN too has an outside). Allowed mutations really run, each on
 * targets made for it, so the order of the cases does not matter and nothing is reset.
 *
 * Outcomes: OK (data), NULL (null data: not visible), EMPTY (an empty list or page), NONE (a bulk
 * operation that touched nothing), or the error code. Never INTERNAL_SERVER_ERROR, never a 5xx.
 */

const ACTORS = ['anonymous', 'CITIZEN', 'OFFICER', 'LEADER', 'ORGANIZER', 'ADMIN'] as const;
type Actor = (typeof ACTORS)[number];
type Side = 'inside' | 'outside';

/**
 * One expected outcome per actor, in ACTORS order: `U` UNAUTHENTICATED, `F` FORBIDDEN, `NF`
 * NOT_FOUND, or the outcome itself; `a|b` where either is right (a sign-in throttle may answer first).
 */
type Row = string;
const SHORT: Record<string, string> = { U: 'UNAUTHENTICATED', F: 'FORBIDDEN', NF: 'NOT_FOUND', BAD: 'BAD_USER_INPUT' };
function expand(row: Row): Record<Actor, string> {
  const cells = row.trim().split(/\s+/);
  if (cells.length !== ACTORS.length) throw new Error(`"${row}" needs ${ACTORS.length} cells`);
  return Object.fromEntries(ACTORS.map((a, i) => [a, SHORT[cells[i]] ?? cells[i]])) as Record<Actor, string>;
}

interface Env {
  actor: Actor;
  side: Side;
  /** the user id of the actor (null for anonymous) */
  me: string | null;
  /** the unit the actor acts for */
  actorUnitId: number | null;
}
interface Case {
  /** variables for the operation; only the arguments named here are sent */
  vars(env: Env): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** one row for both sides, or one per side */
  expect: Row | { inside: Row; outside: Row };
  /** a selection set, when `__typename` does not tell the outcome */
  select?: string;
  /** the outcome of a successful answer, when it is not just OK/NULL/EMPTY */
  outcome?(value: any): string;
  /** log the actor in afresh for this operation (it ends or changes the session) */
  freshSession?: boolean;
}

let t: TestApp;
let root: GqlClient; // the national ADMIN of the demo: builds targets
let root2: GqlClient; // a second national ADMIN: approves what root recorded
const clients = new Map<Actor, GqlClient>();
const credentials = new Map<Actor, { username: string; password: string }>();
const ids = new Map<Actor, { me: string | null; unitId: number | null }>();

/** Reference units and records: each pair is [inside (Quảng Ninh), outside (Phú Thọ)]. */
const fx = {
  province: [0, 0],
  commune: [0, 0],
  group: [0, 0],
  org: [0, 0], // the officers' organizations: in phường Hạ Long / xã Long Cốc
  caQuangNinh: 0,
  citizen: ['', ''],
  household: ['', ''],
  movement: ['', ''], // ACTIVE: the demo Quảng Ninh movement / one organized in Phú Thọ
  otherAttempt: '',
};
const pick = <T,>(pair: T[], side: Side) => pair[side === 'inside' ? 0 : 1];

async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T> {
  return (await queryRows<T>(t.db, query))[0];
}

// ---------------------------------------------------------------- targets made per case
let serial = 0;
const tag = () => `${process.pid}${++serial}`;

async function draftMovement(side: Side): Promise<string> {
  const input = {
    title: `Ma trận quyền ${tag()}`,
    organizerUnitId: String(side === 'inside' ? fx.caQuangNinh : fx.org[1]),
    scopeUnitId: String(pick(fx.province, side)),
    competingKinds: ['COMMUNE'],
    startsOn: '2026-09-01',
    endsOn: '2026-12-31',
  };
  return dataOf(await root.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, { input })).createMovement.id;
}
const MATRIX_BADGE = { name: 'Đơn vị ma trận', description: 'Huy hiệu của phép thử quyền.', criteria: { fact: 'finalRank', op: 'lte', value: 5 } };
/** A draft movement with a badge of its own: its id and the badge's code. */
async function movementWithBadge(side: Side): Promise<{ movementId: string; code: string }> {
  const movementId = await draftMovement(side);
  const badge = dataOf(await root.gql(`mutation($m: ID!, $input: MovementBadgeInput!) { defineMovementBadge(movementId: $m, input: $input) { code } }`, { m: movementId, input: MATRIX_BADGE }));
  return { movementId, code: badge.defineMovementBadge.code };
}
async function activeMovement(side: Side): Promise<string> {
  const id = await draftMovement(side);
  dataOf(await root.gql(`mutation($id: ID!) { openMovement(id: $id) { id } }`, { id }));
  return id;
}
async function freshUnit(side: Side): Promise<string> {
  const input = { parentId: String(pick(fx.commune, side)), kind: 'RESIDENTIAL_GROUP', name: `Tổ ma trận ${tag()}` };
  return dataOf(await root.gql(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`, { input })).createUnit.id;
}
async function freshOfficer(side: Side): Promise<string> {
  return (await newUser(t.db, { role: 'OFFICER', unitId: pick(fx.org, side) })).id;
}
/** A class of the officers' organization in the national movement, recorded by root; approved by root2 when asked. */
async function freshActivity(side: Side, approved = false): Promise<string> {
  const input = { id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: String(pick(fx.org, side)), heldOn: '2026-11-20', attendeeCount: 15, topics: ['VNEID'] };
  dataOf(await root.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, { input }));
  if (approved) dataOf(await root2.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id } }`, { id: input.id }));
  return input.id;
}
async function freshAward(side: Side): Promise<string> {
  const userId = await freshOfficer(side);
  const [row] = await t.db
    .insert(badgeAwards)
    .values({ badgeCode: 'DAI_SU_SO', holderKey: `user:${userId}`, holderName: 'N.V.A', userId, issuerUnitId: pick(fx.province, side), automatic: false, reason: 'Ma trận quyền' })
    .returning({ id: badgeAwards.id });
  return row.id;
}
/** A person of the officers' area (a residential group of the commune), to be erased. */
async function freshCitizen(side: Side): Promise<string> {
  return (await one<{ id: string }>(sql`insert into citizens (unit_id, full_name, birth_year) values (${pick(fx.group, side)}, ${`Người Xoá ${tag()}`}, 1970) returning id`)).id;
}
/** An unread notification of a fresh officer (someone other than every actor). */
async function othersNotification(side: Side): Promise<string> {
  const userId = await freshOfficer(side);
  const [row] = await t.db.insert(notifications).values({ userId, kind: 'MOVEMENT_OPENED', title: 'Ma trận', body: 'Ma trận quyền' }).returning({ id: notifications.id });
  return row.id;
}
/** The unit an actor records for inside its scope: its own when it competes, else the Hạ Long organization. */
const recordingUnit = (env: Env) => String(env.side === 'outside' ? fx.org[1] : env.actor === 'ORGANIZER' ? fx.caQuangNinh : fx.org[0]);
const classInput = (env: Env) => ({ id: randomUUID(), movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: recordingUnit(env), heldOn: '2026-11-20', attendeeCount: 12, topics: ['VNEID'] });
const assistInput = (env: Env) => ({
  id: randomUUID(),
  movementId: DEMO_NATIONAL_MOVEMENT_ID,
  unitId: recordingUnit(env),
  helpedOn: '2026-11-20',
  service: 'VNEID_L2',
  citizenId: pick(fx.citizen, env.side),
});
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const WRONG_CODE = 'ABCDE-FGHJK';

// ---------------------------------------------------------------- the table
//                     anonymous CITIZEN OFFICER LEADER ORGANIZER ADMIN
const PUBLIC = 'OK OK OK OK OK OK';
const SIGNED_IN = 'U OK OK OK OK OK';
/** a wrong password or setup code is refused; after a few, the sign-in throttle may answer instead */
const THROTTLED = '|auth/too-many-attempts|RATE_LIMITED';
const WRONG_PASSWORD = `auth/invalid-credentials${THROTTLED}`;
const WRONG_SETUP_CODE = `auth/setup-code-invalid${THROTTLED}`;

const TABLE: Record<string, Case> = {
  // ---- queries
  accounts: { vars: (e) => ({ unitId: String(pick(fx.province, e.side)) }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  activities: {
    vars: (e) => ({ unitId: String(pick(fx.org, e.side)), movementId: DEMO_NATIONAL_MOVEMENT_ID }),
    expect: { inside: 'U F OK OK EMPTY OK', outside: 'U F EMPTY EMPTY EMPTY EMPTY' },
  },
  activity: { vars: async (e) => ({ id: await freshActivity(e.side) }), expect: { inside: 'U F OK OK NULL OK', outside: 'U F NULL NULL NULL NULL' } },
  auditLog: { vars: (e) => ({ unitId: String(pick(fx.province, e.side)) }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  badgeAward: { vars: async (e) => ({ id: await freshAward(e.side) }), expect: PUBLIC },
  badges: { vars: () => ({}), expect: PUBLIC },
  citizenBadgeAwards: { vars: (e) => ({ citizenId: pick(fx.citizen, e.side) }), expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' } },
  // the demo citizen is the CITIZEN actor's own person: they may see their own data, nobody else's
  citizenDataExport: { vars: (e) => ({ citizenId: pick(fx.citizen, e.side) }), expect: { inside: 'U OK OK OK F OK', outside: 'U F F F F F' } },
  citizens: { vars: (e) => ({ unitId: String(pick(fx.group, e.side)) }), expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' } },
  households: { vars: (e) => ({ unitId: String(pick(fx.group, e.side)) }), expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' } },
  leaderboard: { vars: (e) => ({ movementId: pick(fx.movement, e.side), scope: 'COMMUNE' }), expect: PUBLIC },
  me: { vars: () => ({}), expect: 'NULL OK OK OK OK OK' },
  movement: { vars: (e) => ({ id: pick(fx.movement, e.side) }), expect: PUBLIC },
  movements: { vars: () => ({}), expect: PUBLIC },
  movementTotals: { vars: (e) => ({ movementId: pick(fx.movement, e.side) }), expect: PUBLIC, select: '{ classes digitalHouseholds }' },
  // a public feed: an empty list (a movement with no approvals yet) is as allowed as a full one
  recentActivities: { vars: (e) => ({ movementId: pick(fx.movement, e.side), first: 5 }), expect: PUBLIC, outcome: (v) => (Array.isArray(v) ? 'OK' : 'NOT_A_LIST') },
  myBadgeProgress: { vars: () => ({}), expect: 'U OK EMPTY EMPTY EMPTY EMPTY' },
  myBadges: { vars: () => ({}), expect: 'U OK EMPTY EMPTY EMPTY EMPTY' },
  myHousehold: { vars: () => ({}), expect: 'U OK NULL NULL NULL NULL' },
  notifications: { vars: () => ({ first: 5 }), outcome: () => 'OK', expect: SIGNED_IN },
  confirmationByCode: { vars: () => ({ code: 'KHNG-C0DE' }), expect: 'confirmation/invalid-code|RATE_LIMITED '.repeat(6) },
  confirmationFlags: { vars: (e) => ({ movementId: pick(fx.movement, e.side) }), expect: 'U F F EMPTY EMPTY EMPTY' },
  unreadNotificationCount: { vars: () => ({}), outcome: (n) => (Number.isInteger(n) ? 'OK' : 'BAD'), expect: SIGNED_IN },
  webPushPublicKey: { vars: () => ({}), expect: 'U NULL NULL NULL NULL NULL' },
  myQuizAttempts: { vars: () => ({}), expect: 'U EMPTY EMPTY EMPTY EMPTY EMPTY' },
  quizAttempt: { vars: () => ({ id: fx.otherAttempt }), expect: 'U NULL NULL NULL NULL NULL' },
  quizzes: { vars: () => ({}), expect: PUBLIC },
  recomputeStandings: { vars: (e) => ({ movementId: pick(fx.movement, e.side), ruleVersion: 1 }), expect: { inside: 'U F F OK OK OK', outside: 'U F F F F F' } },
  targetProgress: { vars: (e) => ({ movementId: pick(fx.movement, e.side), unitId: String(pick(fx.commune, e.side)) }), expect: PUBLIC },
  unit: { vars: (e) => ({ id: String(pick(fx.commune, e.side)) }), expect: PUBLIC },
  unitDailyPoints: { vars: (e) => ({ movementId: pick(fx.movement, e.side), unitId: String(pick(fx.commune, e.side)) }), expect: PUBLIC },
  units: { vars: (e) => ({ parentId: String(pick(fx.commune, e.side)) }), expect: PUBLIC },

  // ---- mutations
  activateAccount: { vars: () => ({ username: `khong-co-${tag()}`, setupCode: WRONG_CODE, password: 'mat-khau-dai-du-10' }), expect: `${WRONG_SETUP_CODE} `.repeat(6) },
  activateCitizenAccount: { vars: () => ({ username: `khong-co-${tag()}`, setupCode: WRONG_CODE, password: 'mat-khau-dai-du-10' }), expect: `${WRONG_SETUP_CODE} `.repeat(6) },
  confirmActivity: { vars: () => ({ code: 'KHNG-C0DE', rating: 5 }), select: '{ rating }', expect: 'confirmation/invalid-code|RATE_LIMITED '.repeat(6) },
  reserveConfirmationCodes: { vars: () => ({ count: 1 }), outcome: (v) => (Array.isArray(v) && v.length === 1 ? 'OK' : 'BAD'), expect: 'U F OK OK OK OK' },
  awardBadge: {
    vars: async (e) => ({ input: { badgeCode: 'DAI_SU_SO', userId: await freshOfficer(e.side), reason: 'Ma trận quyền' } }),
    expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' },
  },
  applyRuleVersion: {
    // the movement's own version again: allowed for those who answer for it, and it changes nothing
    vars: (e) => ({ movementId: pick(fx.movement, e.side), ruleVersion: 1, reason: 'Ma trận quyền' }),
    select: '{ ruleVersion }',
    expect: { inside: 'U F F OK OK OK', outside: 'U F F F F F' },
  },
  bulkApproveActivities: {
    vars: async (e) => {
      await freshActivity(e.side);
      return { filter: { movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: String(pick(fx.org, e.side)) }, limit: 500 };
    },
    select: '{ approved skipped }',
    outcome: (v) => (v.approved > 0 ? 'OK' : 'NONE'),
    expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' },
  },
  markNotificationsRead: {
    // someone else's notification: nobody marks it (0), whatever their role
    vars: async (e) => ({ ids: [await othersNotification(e.side)] }),
    outcome: (n) => (n === 0 ? 'NONE' : 'OK'),
    expect: 'U NONE NONE NONE NONE NONE',
  },
  subscribePush: {
    vars: () => ({ input: { endpoint: `https://push.example.vn/${tag()}`, p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') } }),
    expect: `U ${'push/not-configured '.repeat(5)}`,
  },
  unsubscribePush: { vars: () => ({ endpoint: `https://push.example.vn/${tag()}` }), outcome: (v) => (v ? 'OK' : 'NONE'), expect: 'U NONE NONE NONE NONE NONE' },
  changePassword: { vars: () => ({ currentPassword: 'sai-mat-khau-hien-tai', newPassword: 'mat-khau-moi-dai-du-10' }), expect: `U ${`${WRONG_PASSWORD} `.repeat(5)}` },
  closeMovement: { vars: async (e) => ({ id: await activeMovement(e.side) }), expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' } },
  createAccount: {
    vars: (e) => ({ input: { username: `mt${tag()}`, displayName: 'Cán bộ ma trận', role: 'OFFICER', unitId: String(pick(fx.org, e.side)) } }),
    expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' },
  },
  createMovement: {
    vars: (e) => ({
      input: {
        title: `Phong trào ma trận ${tag()}`,
        organizerUnitId: String(e.side === 'inside' ? fx.caQuangNinh : fx.org[1]),
        scopeUnitId: String(pick(fx.province, e.side)),
        competingKinds: ['COMMUNE'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
      },
    }),
    expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' },
  },
  createUnit: {
    vars: (e) => ({ input: { parentId: String(pick(fx.commune, e.side)), kind: 'RESIDENTIAL_GROUP', name: `Tổ ma trận ${tag()}` } }),
    expect: { inside: 'U F F F F OK', outside: 'U F F F F F' },
  },
  deactivateUnit: { vars: async (e) => ({ id: await freshUnit(e.side), reason: 'Sáp nhập' }), expect: { inside: 'U F F F F OK', outside: 'U F F F F F' } },
  disableAccount: { vars: async (e) => ({ userId: await freshOfficer(e.side), reason: 'Nghỉ việc' }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  enableAccount: { vars: async (e) => ({ userId: await freshOfficer(e.side) }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  eraseCitizen: {
    vars: async (e) => ({ citizenId: await freshCitizen(e.side), reason: 'Người dân yêu cầu xoá dữ liệu' }),
    expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' },
  },
  importAccounts: {
    vars: (e) => ({ contentBase64: csv(`Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị\nmt${tag()},Cán bộ ma trận,Cán bộ,${e.side === 'inside' ? '06688' : '08620'}\n`), format: 'CSV', dryRun: true }),
    select: '{ totalRows validRows }',
    outcome: (v) => (v.totalRows > 0 && v.validRows === v.totalRows ? 'OK' : 'ROW_REFUSED'),
    expect: { inside: 'U F F OK F OK', outside: 'U F F ROW_REFUSED F ROW_REFUSED' },
  },
  importCitizens: {
    vars: (e) => ({ unitId: String(pick(fx.group, e.side)), contentBase64: csv('Họ và tên,Năm sinh\nNguyễn Văn Ma,1970\n'), format: 'CSV', dryRun: true }),
    expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' },
  },
  importQuestions: { vars: () => ({ csv: 'topic,text\n', dryRun: true }), expect: 'U F F F OK OK' },
  importUnits: {
    vars: (e) => ({ parentId: String(pick(fx.commune, e.side)), contentBase64: csv(`Tên,Loại\nTổ ma trận ${tag()},Tổ dân phố\n`), format: 'CSV', dryRun: true }),
    expect: { inside: 'U F F F F OK', outside: 'U F F F F F' },
  },
  issueCitizenAccount: { vars: (e) => ({ citizenId: pick(fx.citizen, e.side) }), expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' } },
  linkActivityParticipants: {
    vars: async (e) => ({ activityId: await freshActivity(e.side), citizenIds: [pick(fx.citizen, e.side)] }),
    expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' },
  },
  login: { vars: () => ({ username: `khong-co-${tag()}`, password: 'sai-mat-khau' }), expect: `${WRONG_PASSWORD} `.repeat(6) },
  logout: { vars: () => ({}), expect: PUBLIC, freshSession: true },
  openMovement: { vars: async (e) => ({ id: await draftMovement(e.side) }), expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' } },
  recordAssist: { vars: (e) => ({ input: assistInput(e) }), expect: { inside: 'U F OK OK OK OK', outside: 'U F F F F F' } },
  recordClass: { vars: (e) => ({ input: classInput(e) }), expect: { inside: 'U F OK OK OK OK', outside: 'U F F F F F' } },
  registerCitizen: {
    vars: (e) => ({ input: { unitId: String(pick(fx.group, e.side)), fullName: `Người dân ma trận ${tag()}`, birthYear: 1970 } }),
    expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' },
  },
  registerHousehold: {
    vars: (e) => ({ input: { unitId: String(pick(fx.group, e.side)), headName: `Chủ hộ ma trận ${tag()}` } }),
    expect: { inside: 'U F OK OK F OK', outside: 'U F F F F F' },
  },
  resetAccount: { vars: async (e) => ({ userId: await freshOfficer(e.side) }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  reviewActivity: { vars: async (e) => ({ id: await freshActivity(e.side), approve: true }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  revokeActivity: { vars: async (e) => ({ id: await freshActivity(e.side, true), reason: 'Gian lận' }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  revokeBadgeAward: { vars: async (e) => ({ id: await freshAward(e.side), reason: 'Trao nhầm' }), expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' } },
  defineMovementBadge: {
    vars: async (e) => ({ movementId: await draftMovement(e.side), input: MATRIX_BADGE }),
    select: '{ code }',
    expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' },
  },
  removeMovementBadge: { vars: async (e) => movementWithBadge(e.side), expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' } },
  setScoringRules: {
    vars: async (e) => ({ movementId: await draftMovement(e.side), rules: DEFAULT_SCORING_RULES, note: 'Ma trận quyền' }),
    expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' },
  },
  startQuizAttempt: { vars: () => ({ quizId: DEMO_CORE_QUIZ_ID }), expect: SIGNED_IN },
  submitQuizAttempt: { vars: () => ({ attemptId: fx.otherAttempt, answers: [] }), expect: 'U quiz/not-your-attempt quiz/not-your-attempt quiz/not-your-attempt quiz/not-your-attempt quiz/not-your-attempt' },
  syncActivities: {
    vars: (e) => ({ input: [{ class: classInput(e) }] }),
    select: '{ outcome errorCode }',
    outcome: (v) => (v[0].outcome === 'REJECTED' ? v[0].errorCode : 'OK'),
    expect: { inside: 'U F OK OK OK OK', outside: 'U F F F F F' },
  },
  updateAccount: {
    vars: async (e) => ({ userId: await freshOfficer(e.side), input: { displayName: 'Tên mới ma trận' } }),
    expect: { inside: 'U F F OK F OK', outside: 'U F F F F F' },
  },
  updateMovement: { vars: async (e) => ({ id: await draftMovement(e.side), input: { title: `Tên mới ${tag()}` } }), expect: { inside: 'U F F F OK OK', outside: 'U F F F F F' } },
  updateUnit: { vars: async (e) => ({ id: await freshUnit(e.side), input: { name: `Tổ đổi tên ${tag()}` } }), expect: { inside: 'U F F F F OK', outside: 'U F F F F F' } },
};

// ---------------------------------------------------------------- running one cell
function typeRef(field: GraphQLField<unknown, unknown>, arg: string): string {
  return String(field.args.find((a) => a.name === arg)!.type);
}
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  return 'nodes' in (named as GraphQLObjectType).getFields() ? '{ nodes { __typename } }' : '{ __typename }';
}
function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, vars: Record<string, unknown>, select?: string): string {
  const names = Object.keys(vars);
  for (const n of names) if (!field.args.some((a) => a.name === n)) throw new Error(`${field.name} has no argument ${n}`);
  const decl = names.length ? `(${names.map((n) => `$${n}: ${typeRef(field, n)}`).join(', ')})` : '';
  const args = names.length ? `(${names.map((n) => `${n}: $${n}`).join(', ')})` : '';
  return `${kind}${decl} { ${field.name}${args} ${select ?? selectionFor(field)} }`;
}
function outcomeOf(result: GqlResult, field: string, c: Case): string {
  if (result.status >= 500) return `HTTP ${result.status}`;
  if (result.errors?.length) return String(result.errors[0].extensions?.code);
  const v = result.data?.[field];
  if (v == null) return 'NULL';
  if (c.outcome) return c.outcome(v);
  if (Array.isArray(v)) return v.length ? 'OK' : 'EMPTY';
  if (typeof v === 'object' && Array.isArray(v.nodes)) return v.nodes.length ? 'OK' : 'EMPTY';
  return 'OK';
}

async function clientFor(actor: Actor, fresh: boolean): Promise<GqlClient> {
  if (actor === 'anonymous') return t.client();
  if (!fresh) return clients.get(actor)!;
  const c = t.client();
  const { username, password } = credentials.get(actor)!;
  await c.login(username, password);
  return c;
}

// ---------------------------------------------------------------- setup
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  root = await t.as('admin');
  const second = await newUser(t.db, { role: 'ADMIN', unitId: 1 });
  root2 = t.client();
  await root2.login(second.username, second.password);

  const unitOf = async (code: string) => (await one<{ id: number; province_id: number }>(sql`select id, province_id from units where code = ${code}`)) ;
  const haLong = await unitOf('06688');
  const longCoc = await unitOf('08620');
  fx.commune = [haLong.id, longCoc.id];
  fx.province = [haLong.province_id, longCoc.province_id];
  const groupOf = async (communeId: number) => (await one<{ id: number }>(sql`select id from units where parent_id = ${communeId} and kind = 'RESIDENTIAL_GROUP' order by id limit 1`)).id;
  fx.group = [await groupOf(haLong.id), await groupOf(longCoc.id)];
  const unitOfUser = async (username: string) => (await one<{ unit_id: number }>(sql`select unit_id from users where username = ${username}`)).unit_id;
  fx.org = [await unitOfUser('officer'), await unitOfUser('officer2')];
  fx.caQuangNinh = await unitOfUser('organizer');
  fx.citizen[0] = (await one<{ citizen_id: string }>(sql`select citizen_id from users where username = 'citizen'`)).citizen_id;
  fx.citizen[1] = (await one<{ id: string }>(sql`insert into citizens (unit_id, full_name, birth_year) values (${fx.group[1]}, 'Hà Văn Ngoài', 1965) returning id`)).id;
  fx.movement = [DEMO_QUANG_NINH_MOVEMENT_ID, await activeMovement('outside')];
  fx.otherAttempt = dataOf(await root2.gql(`mutation($q: ID!) { startQuizAttempt(quizId: $q) { id } }`, { q: DEMO_CORE_QUIZ_ID })).startQuizAttempt.id;

  const provinceAdmin = await newUser(t.db, { role: 'ADMIN', unitId: fx.province[0] });
  const demo: Record<Exclude<Actor, 'anonymous' | 'ADMIN'>, string> = { CITIZEN: 'citizen', OFFICER: 'officer', LEADER: 'leader', ORGANIZER: 'organizer' };
  for (const [actor, username] of Object.entries(demo)) credentials.set(actor as Actor, { username, password: DEMO_PASSWORD });
  credentials.set('ADMIN', { username: provinceAdmin.username, password: provinceAdmin.password });
  ids.set('anonymous', { me: null, unitId: null });
  for (const [actor, cred] of credentials) {
    const c = t.client();
    const user = await c.login(cred.username, cred.password);
    expect(user.role).toBe(actor as Role);
    clients.set(actor, c);
    ids.set(actor, { me: user.id, unitId: (await one<{ unit_id: number }>(sql`select unit_id from users where id = ${user.id}`)).unit_id });
  }
});
afterAll(() => t?.close());

describe('authorization matrix', () => {
  it('covers every Query and Mutation of the schema, and nothing else', async () => {
    const schema = await getSchema();
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())].sort();
    expect(operations.filter((op) => !(op in TABLE)), 'operations missing from the authorization table').toEqual([]);
    expect(Object.keys(TABLE).filter((op) => !operations.includes(op)), 'table rows for operations the schema no longer has').toEqual([]);
  });

  it('answers every operation × role × scope as the table says, never with an internal error', async () => {
    const schema = await getSchema();
    const fields = [
      ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
      ...Object.values(schema.getMutationType()!.getFields()).map((f) => ['mutation', f] as const),
    ];
    const mismatches: string[] = [];
    let cells = 0;
    for (const [kind, field] of fields) {
      const c = TABLE[field.name];
      if (!c) continue; // reported by the test above
      const sides: Side[] = typeof c.expect === 'string' ? ['inside'] : ['inside', 'outside'];
      for (const side of sides) {
        const expected = expand(typeof c.expect === 'string' ? c.expect : c.expect[side]);
        for (const actor of ACTORS) {
          const { me, unitId } = ids.get(actor)!;
          const vars = await c.vars({ actor, side, me, actorUnitId: unitId });
          const client = await clientFor(actor, !!c.freshSession);
          const result = await client.gql(documentFor(kind, field, vars, c.select), vars);
          const got = outcomeOf(result, field.name, c);
          cells++;
          if (!expected[actor].split('|').includes(got))
            mismatches.push(`${field.name} ${side} ${actor}: expected ${expected[actor]}, got ${got}${result.errors?.length ? ` (${result.errors[0].message})` : ''}`);
        }
      }
    }
    expect(mismatches.join('\n')).toBe('');
    expect(cells).toBeGreaterThan(500);
  });
});
