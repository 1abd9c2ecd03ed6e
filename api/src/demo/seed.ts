import { createHmac } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import {
  citizens,
  households,
  movementPhases,
  movements,
  quizzes,
  scoringRuleVersions,
  targets,
  units,
  users,
  type Db,
  type Executor,
} from '@thidua/db';
import { DEFAULT_SCORING_RULES } from '@thidua/domain';
import type { Config } from '../config';
import { audit } from '../modules/audit/audit';
import { hashPassword } from '../modules/auth/password';
import { insertUnit, unitColumns, type UnitRow } from '../modules/units/units.queries';
import { demoActivityPlan, type DemoActivity } from './activities';
import { applyDemoActivities } from './apply-activities';
import {
  COMMUNES_WITH_HOUSEHOLDS,
  DEMO_ACCOUNTS,
  DEMO_COMMUNES,
  DEMO_CORE_QUIZ_ID,
  DEMO_DATES,
  DEMO_DENOMINATORS_SOURCE,
  DEMO_MOVEMENT_IDS,
  DEMO_ORGS,
  DEMO_PHASE_45_ID,
  DEMO_PROVINCES,
  LONG_COC_GROUP_NAMES,
  type DemoCommuneKey,
  type DemoOrgKey,
} from './catalog';
import { demoPopulation, type DemoGroupRef } from './people';
import { QUESTION_BANK } from '../modules/quizzes/question-bank';
import { loadQuestionBank } from '../modules/quizzes/question-bank.loader';
import { loadBadgeDefinitions } from '../modules/badges/badges.queries';
import { CORE_QUIZ } from './quiz-bank';
import { demoUuid, Random } from './random';
import { reviewWaiting } from '../modules/notifications/notify';

export {
  DEMO_CORE_QUIZ_ID,
  DEMO_DATES,
  DEMO_DRAFT_MOVEMENT_ID,
  DEMO_MOVEMENT_IDS,
  DEMO_NATIONAL_MOVEMENT_ID,
  DEMO_PHASE_45_ID,
  DEMO_QUANG_NINH_MOVEMENT_ID,
} from './catalog';

export const DEMO_PASSWORD = 'thidua2025';

export interface DemoCounts {
  organizations: number;
  residentialGroups: number;
  users: number;
  households: number;
  citizens: number;
  movements: number;
  targets: number;
  quizQuestions: number;
  /** items of the activity plan */
  activitiesPlanned: number;
  /** what applyDemoActivities reported */
  activitiesApplied: number;
}

export interface DemoSummary {
  created: boolean;
  accounts: { username: string; role: string; unitName: string }[];
  /** what this run created (absent when the demo data already existed) */
  counts?: DemoCounts;
}

/**
 * Creates the demo data set once, in one transaction: organizations and residential groups of
 * Quảng Ninh, Phú Thọ and Hà Nội under the reference units, the demo accounts, households and
 * citizens, three movements (with phase, rules, targets), the core quiz, and a few weeks of
 * activities. Deterministic: fixed seeds, fixed dates, name-based ids. If the `admin` account
 * exists, nothing is created and only the accounts are reported.
 */
export async function seedDemo(db: Db, config: Config): Promise<DemoSummary> {
  if (await adminExists(db)) return { created: false, accounts: await accountSummary(db) };
  const passwordHash = await hashPassword(DEMO_PASSWORD); // once: ~all the cost of a hash is here
  const created = await db.transaction(async (tx) => {
    // two processes seeding one PostgreSQL at once: the second waits, then finds the admin
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('thidua-so:demo-seed'))`);
    if (await adminExists(tx)) return null;
    return createDemo(tx, config, passwordHash);
  });
  // The plan goes through the real recording and review services, so the ledger and totals are
  // exactly what live use makes. Idempotent (client ids, repeated decisions), so a start that was
  // interrupted here completes the plan on the next start.
  if (created) await applyDemoActivities(db, config, created.plan);
  // the leaders' review summaries the recordings asked for are written before anyone closes the database
  await reviewWaiting.drain(db);
  const counts = created?.counts;
  return { created: !!created, accounts: await accountSummary(db), ...(counts ? { counts } : {}) };
}

async function adminExists(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`${users.username} = 'admin'`);
  return rows.length > 0;
}

/** The accounts in DEMO_ACCOUNTS order, with the unit each acts for ("Đoàn phường Hạ Long (Quảng Ninh)"). */
async function accountSummary(db: Executor): Promise<DemoSummary['accounts']> {
  const rows = await db
    .select({ username: users.username, role: users.role, fullName: units.fullName, kind: units.kind, provinceId: units.provinceId })
    .from(users)
    .innerJoin(units, sql`${units.id} = ${users.unitId}`)
    .where(inArray(users.username, DEMO_ACCOUNTS.map((a) => a.username)));
  const provinceIds = [...new Set(rows.map((r) => r.provinceId).filter((id): id is number => id != null))];
  const provinces = provinceIds.length ? await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, provinceIds)) : [];
  const provinceName = new Map(provinces.map((p) => [p.id, p.name]));
  const byUsername = new Map(rows.map((r) => [r.username, r]));
  return DEMO_ACCOUNTS.flatMap((account) => {
    const r = byUsername.get(account.username);
    if (!r) return [];
    const province = provinceName.get(r.provinceId ?? -1);
    const unitName = r.kind === 'COUNTRY' || r.kind === 'PROVINCE' || !province || r.fullName.includes(province) ? r.fullName : `${r.fullName} (${province})`;
    return [{ username: r.username, role: r.role, unitName }];
  });
}

/** Keyed hash of an invented citizen ID: the demo never stores a national ID in clear. */
function nationalIdHash(key: string, digits: string): string {
  return createHmac('sha256', key).update(digits).digest('hex');
}

const at = (iso: string) => new Date(iso);

async function createDemo(tx: Executor, config: Config, passwordHash: string): Promise<{ counts: DemoCounts; plan: DemoActivity[] }> {
  const random = new Random(20_260_901);

  // ---- reference units the demo hangs from
  const communeCodes = Object.values(DEMO_COMMUNES).map((c) => c.code);
  const refRows = await tx
    .select(unitColumns)
    .from(units)
    .where(inArray(units.code, ['VN', ...Object.values(DEMO_PROVINCES), ...communeCodes]));
  const ref = new Map<string, UnitRow>(refRows.map((r) => [r.code!, r]));
  const refUnit = (code: string): UnitRow => {
    const row = ref.get(code);
    if (!row) throw new Error(`demo data: reference unit ${code} is missing (are the reference units loaded?)`);
    return row;
  };
  const parentOf = (parent: (typeof DEMO_ORGS)[DemoOrgKey]['parent']): UnitRow =>
    parent === 'VN' ? refUnit('VN') : parent in DEMO_PROVINCES ? refUnit(DEMO_PROVINCES[parent as keyof typeof DEMO_PROVINCES]) : refUnit(DEMO_COMMUNES[parent as DemoCommuneKey].code);

  // ---- organizations (in catalog order: their ids are the same in every database)
  const orgs = {} as Record<DemoOrgKey, UnitRow>;
  for (const [key, spec] of Object.entries(DEMO_ORGS) as [DemoOrgKey, (typeof DEMO_ORGS)[DemoOrgKey]][]) {
    orgs[key] = await insertUnit(tx, {
      parentId: parentOf(spec.parent).id,
      kind: 'ORGANIZATION',
      name: spec.name,
      fullName: 'fullName' in spec ? spec.fullName : spec.name,
      subtype: spec.subtype,
    });
  }

  // ---- residential groups with invented denominators
  const groups = {} as Record<DemoCommuneKey, DemoGroupRef[]>;
  for (const [key, spec] of Object.entries(DEMO_COMMUNES) as [DemoCommuneKey, (typeof DEMO_COMMUNES)[DemoCommuneKey]][]) {
    const commune = refUnit(spec.code);
    const province = refUnit(DEMO_PROVINCES[spec.province]);
    const place = `${commune.subtype ?? ''} ${commune.name}`.trim();
    groups[key] = [];
    for (let i = 0; i < spec.groups; i++) {
      const name = key === 'LONGCOC' ? LONG_COC_GROUP_NAMES[i] : `Tổ dân phố số ${i + 1}`;
      const population = key === 'LONGCOC' ? random.int(320, 700) : random.int(550, 1400);
      const row = await insertUnit(tx, {
        parentId: commune.id,
        kind: 'RESIDENTIAL_GROUP',
        name,
        fullName: `${name}, ${place}`,
        subtype: spec.groupSubtype,
        population,
        adultPopulation: Math.round(population * (0.7 + random.next() * 0.06)),
        households: Math.round(population / (3.3 + random.next() * 0.6)),
        denominatorsSource: DEMO_DENOMINATORS_SOURCE,
      });
      groups[key].push({
        id: row.id,
        name,
        fullName: row.fullName,
        communeKey: key,
        place: `${place}, ${province.fullName.charAt(0).toLowerCase()}${province.fullName.slice(1)}`,
        codePrefix: `${spec.code}-${key === 'LONGCOC' ? 'K' : 'TDP'}${String(i + 1).padStart(2, '0')}`,
      });
    }
  }

  // ---- people
  const population = demoPopulation(COMMUNES_WITH_HOUSEHOLDS.flatMap((key) => groups[key]));
  const userId = (username: string) => demoUuid(`user:${username}`);
  const setUpAt = at(DEMO_DATES.setUpAt);
  const unitOfAccount = (a: (typeof DEMO_ACCOUNTS)[number]): number => {
    const u = a.unit;
    if ('code' in u) return refUnit(u.code).id;
    if ('org' in u) return orgs[u.org].id;
    if ('commune' in u) return refUnit(DEMO_COMMUNES[u.commune].code).id;
    return population.accountCitizen.unitId;
  };
  await tx.insert(users).values(
    DEMO_ACCOUNTS.map((a) => ({
      id: userId(a.username),
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      role: a.role,
      unitId: unitOfAccount(a),
      citizenId: a.role === 'CITIZEN' ? population.accountCitizen.id : null,
      createdAt: setUpAt,
    })),
  );

  const householdCreator: Partial<Record<DemoCommuneKey, string>> = { HALONG: userId('cb.halong'), LONGCOC: userId('officer2') };
  const communeOfGroup = new Map(Object.values(groups).flatMap((list) => list.map((g) => [g.id, g.communeKey] as const)));
  for (let i = 0; i < population.households.length; i += 500) {
    await tx.insert(households).values(
      population.households.slice(i, i + 500).map((h) => ({ ...h, createdBy: householdCreator[communeOfGroup.get(h.unitId)!] ?? null, createdAt: setUpAt })),
    );
  }
  for (let i = 0; i < population.citizens.length; i += 500) {
    await tx.insert(citizens).values(
      population.citizens.slice(i, i + 500).map((c) => ({
        id: c.id,
        householdId: c.householdId,
        unitId: c.unitId,
        fullName: c.fullName,
        birthYear: c.birthYear,
        phone: null,
        nationalIdHash: nationalIdHash(config.nationalIdHashKey, c.nationalId),
        createdBy: householdCreator[c.communeKey] ?? null,
        createdAt: setUpAt,
      })),
    );
  }

  // ---- movements
  const qn = refUnit(DEMO_PROVINCES.QN);
  await tx.insert(movements).values([
    {
      id: DEMO_MOVEMENT_IDS.national,
      title: 'Bình dân học vụ số',
      description:
        'Phong trào phổ cập tri thức, kỹ năng số cho mọi tầng lớp nhân dân, “không ai bị bỏ lại phía sau”. Các xã, phường và các tổ chức (công an, đoàn thanh niên, tổ công nghệ số cộng đồng, trường học) thi đua mở lớp “Bình dân học vụ số” cố định và lưu động, hỗ trợ người dân kích hoạt VNeID mức 2, sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt, nhận diện lừa đảo trên không gian mạng.',
      organizerUnitId: orgs.BCD_TW.id,
      scopeUnitId: refUnit('VN').id,
      competingKinds: ['COMMUNE', 'ORGANIZATION'],
      startsOn: DEMO_DATES.national.startsOn,
      endsOn: DEMO_DATES.national.endsOn,
      status: 'ACTIVE',
      currentRuleVersion: 1,
      createdBy: userId('admin'),
      createdAt: at('2026-08-25T09:00:00+07:00'),
      openedAt: at('2026-09-01T07:00:00+07:00'),
    },
    {
      id: DEMO_MOVEMENT_IDS.quangNinh,
      title: '“Bình dân học vụ số” tỉnh Quảng Ninh: mỗi xã, phường một điểm hỗ trợ dịch vụ công',
      description:
        'Công an tỉnh Quảng Ninh phát động trên địa bàn toàn tỉnh: mỗi Công an xã, phường bố trí ít nhất một người hỗ trợ, hướng dẫn người dân làm thủ tục hành chính trên Cổng dịch vụ công trực tuyến; các xã, phường thi đua theo mô hình “Người hướng dẫn – Người học” của mạng lưới “Đại sứ số”.',
      organizerUnitId: orgs.CA_QN.id,
      scopeUnitId: qn.id,
      competingKinds: ['COMMUNE'],
      startsOn: DEMO_DATES.quangNinh.startsOn,
      endsOn: DEMO_DATES.quangNinh.endsOn,
      status: 'ACTIVE',
      currentRuleVersion: 1,
      createdBy: userId('organizer'),
      createdAt: at('2026-09-20T10:00:00+07:00'),
      openedAt: at('2026-10-01T07:00:00+07:00'),
    },
    {
      id: DEMO_MOVEMENT_IDS.draft,
      title: '“Bình dân học AI” trong lực lượng Công an tỉnh Quảng Ninh',
      description:
        'Phổ cập kỹ năng sử dụng công cụ trí tuệ nhân tạo cho cán bộ, chiến sĩ qua mạng lưới “Đại sứ số” và mô hình “Người hướng dẫn – Người học”; Công an các xã, phường thi đua. Đang soạn thảo.',
      organizerUnitId: orgs.CA_QN.id,
      scopeUnitId: qn.id,
      competingKinds: ['ORGANIZATION'],
      competingSubtype: 'công an xã/phường',
      startsOn: DEMO_DATES.draft.startsOn,
      endsOn: DEMO_DATES.draft.endsOn,
      status: 'DRAFT',
      currentRuleVersion: 1,
      createdBy: userId('organizer'),
      createdAt: at('2026-11-16T15:00:00+07:00'),
    },
  ]);
  await tx.insert(movementPhases).values({
    id: DEMO_PHASE_45_ID,
    movementId: DEMO_MOVEMENT_IDS.national,
    name: '45 ngày đêm',
    startsOn: DEMO_DATES.phase45.startsOn,
    endsOn: DEMO_DATES.phase45.endsOn,
  });
  const movementIds = Object.values(DEMO_MOVEMENT_IDS);
  await tx.insert(scoringRuleVersions).values(
    movementIds.map((movementId) => ({
      id: demoUuid(`rules:${movementId}:1`),
      movementId,
      version: 1,
      rules: DEFAULT_SCORING_RULES,
      note: 'Phiên bản đầu',
      createdBy: movementId === DEMO_MOVEMENT_IDS.national ? userId('admin') : userId('organizer'),
      createdAt: at('2026-08-25T09:00:00+07:00'),
    })),
  );
  const targetRows: { movementId: string; title: string; measure: string; level: number; deadline: string }[] = [
    { movementId: DEMO_MOVEMENT_IDS.national, title: '80% người trưởng thành có kỹ năng số cơ bản', measure: 'ADULTS_TRAINED', level: 0.8, deadline: '2026-12-31' },
    {
      movementId: DEMO_MOVEMENT_IDS.national,
      title: 'Mỗi hộ gia đình có ít nhất một thành viên thành thạo kỹ năng số',
      measure: 'HOUSEHOLDS_DIGITAL',
      level: 1,
      deadline: '2026-12-31',
    },
    { movementId: DEMO_MOVEMENT_IDS.national, title: 'Tổ chức lớp học tại 20 khu dân cư', measure: 'GROUPS_WITH_CLASS', level: 20, deadline: '2026-10-31' },
    {
      movementId: DEMO_MOVEMENT_IDS.quangNinh,
      title: 'Mỗi xã, phường hỗ trợ 300 lượt người dân sử dụng dịch vụ số',
      measure: 'CITIZENS_ASSISTED',
      level: 300,
      deadline: '2026-12-31',
    },
    { movementId: DEMO_MOVEMENT_IDS.quangNinh, title: '80% người trưởng thành có kiến thức công nghệ cơ bản', measure: 'ADULTS_TRAINED', level: 0.8, deadline: '2026-12-31' },
    { movementId: DEMO_MOVEMENT_IDS.draft, title: '100% cán bộ, chiến sĩ sử dụng thành thạo công cụ AI cơ bản', measure: 'OFFICERS_TRAINED', level: 1, deadline: '2027-06-30' },
  ];
  await tx.insert(targets).values(
    targetRows.map((t, i) => ({
      ...t,
      id: demoUuid(`target:${t.movementId}:${i + 1}`),
      weight: 1,
      // targets are listed by creation time: keep the order above
      createdAt: new Date(at('2026-08-25T09:00:00+07:00').getTime() + i * 1000),
    })),
  );

  // ---- the project's question bank (by code, idempotent) and the core quiz drawing from it
  await loadQuestionBank(tx);
  await loadBadgeDefinitions(tx);
  await tx.insert(quizzes).values({
    id: DEMO_CORE_QUIZ_ID,
    movementId: DEMO_MOVEMENT_IDS.national,
    code: CORE_QUIZ.code,
    title: CORE_QUIZ.title,
    topics: CORE_QUIZ.topics,
    questionCount: CORE_QUIZ.questionCount,
    passScore: CORE_QUIZ.passScore,
    timeLimitSeconds: null, // no clock: fair to the elderly
    maxAttempts: null,
    isCore: true,
    createdAt: at('2026-08-25T09:00:00+07:00'),
  });

  // ---- a few weeks of activities: planned here, recorded and reviewed through the activities service
  const plan: DemoActivity[] = demoActivityPlan({
    movements: { national: DEMO_MOVEMENT_IDS.national, quangNinh: DEMO_MOVEMENT_IDS.quangNinh },
    orgs: Object.fromEntries(Object.entries(orgs).map(([k, u]) => [k, u.id])) as Record<DemoOrgKey, number>,
    groups,
    citizens: population.citizens,
    accountCitizenId: population.accountCitizen.id,
  });
  // recorded and reviewed after this transaction commits, through the services (see seedDemo)
  const activitiesApplied = plan.length;

  const counts: DemoCounts = {
    organizations: Object.keys(orgs).length,
    residentialGroups: Object.values(groups).reduce((n, list) => n + list.length, 0),
    users: DEMO_ACCOUNTS.length,
    households: population.households.length,
    citizens: population.citizens.length,
    movements: movementIds.length,
    targets: targetRows.length,
    quizQuestions: QUESTION_BANK.length,
    activitiesPlanned: plan.length,
    activitiesApplied,
  };

  const admin = userId('admin');
  for (const [id, actor] of [
    [DEMO_MOVEMENT_IDS.national, admin],
    [DEMO_MOVEMENT_IDS.quangNinh, userId('organizer')],
    [DEMO_MOVEMENT_IDS.draft, userId('organizer')],
  ] as const) {
    await audit(tx, { actorUserId: actor, action: 'movement.create', entityType: 'movement', entityId: id, reason: 'Dữ liệu demo' });
    if (id !== DEMO_MOVEMENT_IDS.draft) await audit(tx, { actorUserId: actor, action: 'movement.open', entityType: 'movement', entityId: id, reason: 'Dữ liệu demo' });
  }
  await audit(tx, { actorUserId: null, action: 'demo.seed', entityType: 'system', entityId: 'demo', reason: 'Tạo dữ liệu demo', data: counts });
  return { counts, plan };
}
