import { addDays, isoWeekday, type PriorityGroup, type ServiceCode, type TopicCode } from '@thidua/domain';
import { DEMO_DATES, ORG_STAFF, type DemoCommuneKey, type DemoOrgKey } from './catalog';
import { demoUuid, Random } from './random';

/**
 * "A few weeks of plausible activities": the plan of what the demo units did between 05/10 and
 * 22/11/2026, as data. Pure and deterministic (fixed seed, name-based ids): the same ids give the
 * same plan. It is applied through the activities service (see apply-activities.ts), never
 * written to the tables directly, so the ledger and totals are exactly what the service makes.
 */

export type DemoDecision = 'APPROVE' | 'REJECT' | 'PENDING';

interface DemoActivityBase {
  /** client-generated id (the idempotency key of recordClass / recordAssist) */
  id: string;
  movementId: string;
  /** the unit the activity is for (an organization of the demo) */
  unitId: number;
  /** heldOn / helpedOn */
  date: string;
  note: string | null;
  /** username of the OFFICER who logs it (the unit is in their subtree) */
  recordedBy: string;
  /** when it was logged (ISO instant, +07:00): after the activity, sometimes the next morning (offline sync) */
  recordedAt: string;
  /** APPROVE / REJECT by `reviewedBy`; PENDING stays SUBMITTED in the approval queue */
  decision: DemoDecision;
  /** username of the LEADER who reviews it (the unit is below them); null when PENDING */
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** the rejection reason (Vietnamese); null otherwise */
  reason: string | null;
}

export interface DemoClassActivity extends DemoActivityBase {
  kind: 'CLASS';
  attendeeCount: number;
  topics: TopicCode[];
  /** lớp lưu động: held in a residential group rather than at the unit's own premises */
  mobile: boolean;
  /** the residential group where a mobile class was held (for details / GROUPS_WITH_CLASS) */
  placeUnitId: number | null;
}

export interface DemoAssistActivity extends DemoActivityBase {
  kind: 'ASSIST';
  service: ServiceCode;
  priorityGroups: PriorityGroup[];
  /** a linked citizen record, or null for an anonymous citizen */
  citizenId: string | null;
}

export type DemoActivity = DemoClassActivity | DemoAssistActivity;

export interface DemoCitizenRef {
  id: string;
  communeKey: DemoCommuneKey;
  unitId: number;
  birthYear: number;
  priorityGroups: PriorityGroup[];
}

/** The ids the plan refers to: what the seeder created. */
export interface DemoPlanIds {
  movements: { national: string; quangNinh: string };
  orgs: Record<DemoOrgKey, number>;
  /** residential groups of each demo commune, in creation order */
  groups: Record<DemoCommuneKey, readonly { id: number; name: string }[]>;
  /** citizens assists may be linked to (households of Hạ Long and Long Cốc) */
  citizens: readonly DemoCitizenRef[];
  /** the citizen of the `citizen` account: helped with VNeID and an online public service */
  accountCitizenId: string;
}

export const SERVICE_LABELS_VI: Record<ServiceCode, string> = {
  VNEID_L2: 'kích hoạt tài khoản định danh điện tử VNeID mức 2',
  PUBLIC_SERVICE_ONLINE: 'nộp hồ sơ thủ tục hành chính trên Cổng Dịch vụ công',
  RESIDENCE_DECLARATION: 'thông báo lưu trú, khai báo tạm trú trên VNeID',
  CASHLESS_PAYMENT: 'cài đặt ứng dụng ngân hàng, thanh toán không dùng tiền mặt',
  E_HEALTH: 'đặt lịch khám bệnh trực tuyến, sổ sức khỏe điện tử',
  SAFE_SOCIAL_MEDIA: 'sử dụng mạng xã hội an toàn',
  SCAM_AWARENESS: 'nhận diện các thủ đoạn lừa đảo trên không gian mạng',
  AI_TOOLS: 'sử dụng công cụ trí tuệ nhân tạo (AI) trong công việc, đời sống',
};

export const TOPIC_LABELS_VI: Record<TopicCode, string> = {
  VNEID: 'cài đặt, kích hoạt VNeID mức 2',
  PUBLIC_SERVICES: 'nộp hồ sơ qua dịch vụ công trực tuyến',
  CYBER_SAFETY: 'an toàn, an ninh mạng và phòng tránh lừa đảo',
  CASHLESS: 'thanh toán không dùng tiền mặt',
  E_HEALTH: 'y tế số',
  AI_BASICS: 'ứng dụng trí tuệ nhân tạo (AI)',
  SOCIAL_MEDIA: 'sử dụng mạng xã hội an toàn',
  BASIC_DEVICE: 'sử dụng điện thoại thông minh',
};

const CLASS_REJECTIONS = [
  'Ảnh minh chứng không thể hiện lớp học; đề nghị bổ sung danh sách điểm danh.',
  'Trùng với lớp đã báo cáo cùng ngày tại cùng địa điểm.',
  'Số người tham dự không khớp với danh sách điểm danh kèm theo.',
];
const ASSIST_REJECTIONS = [
  'Thiếu minh chứng (ảnh chụp màn hình kết quả kích hoạt hoặc nộp hồ sơ).',
  'Người dân đã được đơn vị khác hỗ trợ dịch vụ này trong phong trào.',
  'Hồ sơ chưa được tiếp nhận trên Cổng Dịch vụ công; báo cáo lại khi có mã hồ sơ.',
  'Thông tin người được hỗ trợ chưa đầy đủ.',
];

interface OrgProfile {
  org: Exclude<DemoOrgKey, 'BCD_TW' | 'CA_QN'>;
  /** the commune whose groups host its mobile classes and whose citizens it helps; 'QN' = any Quảng Ninh demo commune */
  area: DemoCommuneKey | 'QN';
  classesPerWeek: number;
  assistsPerWeek: number;
  /** share of classes held lưu động in a residential group */
  mobileShare: number;
  attendees: [number, number];
  topics: Partial<Record<TopicCode, number>>;
  services: Partial<Record<ServiceCode, number>>;
  /** chance that each priority group applies to an anonymous citizen */
  priority: Partial<Record<PriorityGroup, number>>;
  /** share of its activities logged in the Quảng Ninh provincial movement instead of the national one */
  quangNinhShare: number;
  /** where its fixed classes are held */
  premises: string;
  /** how it helps people, appended to assist notes */
  assistContext: string;
}

const POLICE_SERVICES = { VNEID_L2: 35, PUBLIC_SERVICE_ONLINE: 25, RESIDENCE_DECLARATION: 22, SCAM_AWARENESS: 18 };
const YOUTH_SERVICES = { PUBLIC_SERVICE_ONLINE: 18, CASHLESS_PAYMENT: 20, E_HEALTH: 16, SAFE_SOCIAL_MEDIA: 16, AI_TOOLS: 14, VNEID_L2: 8, SCAM_AWARENESS: 8 };
const POLICE_TOPICS = { VNEID: 4, PUBLIC_SERVICES: 3, CYBER_SAFETY: 4 };
const YOUTH_TOPICS = { VNEID: 2, PUBLIC_SERVICES: 2, CYBER_SAFETY: 2, CASHLESS: 2, E_HEALTH: 1, AI_BASICS: 2, SOCIAL_MEDIA: 2, BASIC_DEVICE: 2 };
const ELDERLY_ONLY = { ELDERLY: 0.3 };

const PROFILES: readonly OrgProfile[] = [
  {
    org: 'TD_QN', area: 'QN', classesPerWeek: 1.2, assistsPerWeek: 0, mobileShare: 0.5, attendees: [30, 70],
    topics: { AI_BASICS: 3, CYBER_SAFETY: 2, SOCIAL_MEDIA: 2, BASIC_DEVICE: 1, PUBLIC_SERVICES: 1 }, services: {}, priority: {},
    quangNinhShare: 0, premises: 'hội trường Tỉnh Đoàn Quảng Ninh', assistContext: '',
  },
  {
    org: 'CA_HALONG', area: 'HALONG', classesPerWeek: 0.6, assistsPerWeek: 6, mobileShare: 0.3, attendees: [20, 45],
    topics: POLICE_TOPICS, services: POLICE_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.3, premises: 'trụ sở Công an phường Hạ Long', assistContext: ' tại bộ phận tiếp công dân',
  },
  {
    org: 'DOAN_HALONG', area: 'HALONG', classesPerWeek: 1, assistsPerWeek: 4, mobileShare: 0.8, attendees: [18, 40],
    topics: YOUTH_TOPICS, services: YOUTH_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.15, premises: 'nhà văn hóa phường Hạ Long', assistContext: ' tại điểm “Bình dân học vụ số” lưu động',
  },
  {
    org: 'CA_BAICHAY', area: 'BAICHAY', classesPerWeek: 0.4, assistsPerWeek: 4, mobileShare: 0.3, attendees: [20, 45],
    topics: POLICE_TOPICS, services: POLICE_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.3, premises: 'trụ sở Công an phường Bãi Cháy', assistContext: ' tại bộ phận tiếp công dân',
  },
  {
    org: 'DOAN_BAICHAY', area: 'BAICHAY', classesPerWeek: 0.8, assistsPerWeek: 2.5, mobileShare: 0.8, attendees: [15, 40],
    topics: YOUTH_TOPICS, services: YOUTH_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.15, premises: 'nhà văn hóa phường Bãi Cháy', assistContext: ' tại điểm “Bình dân học vụ số” lưu động',
  },
  {
    org: 'CA_HATU', area: 'HATU', classesPerWeek: 0.4, assistsPerWeek: 3.5, mobileShare: 0.3, attendees: [20, 45],
    topics: POLICE_TOPICS, services: POLICE_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.3, premises: 'trụ sở Công an phường Hà Tu', assistContext: ' tại bộ phận tiếp công dân',
  },
  {
    org: 'DOAN_HATU', area: 'HATU', classesPerWeek: 0.8, assistsPerWeek: 2.5, mobileShare: 0.8, attendees: [15, 40],
    topics: YOUTH_TOPICS, services: YOUTH_SERVICES, priority: ELDERLY_ONLY,
    quangNinhShare: 0.15, premises: 'nhà văn hóa phường Hà Tu', assistContext: ' tại điểm “Bình dân học vụ số” lưu động',
  },
  {
    org: 'CA_ANSINH', area: 'ANSINH', classesPerWeek: 0.4, assistsPerWeek: 3, mobileShare: 0.5, attendees: [20, 45],
    topics: POLICE_TOPICS, services: POLICE_SERVICES, priority: { ELDERLY: 0.3, ETHNIC_MINORITY: 0.1 },
    quangNinhShare: 0.3, premises: 'trụ sở Công an phường An Sinh', assistContext: ' tại bộ phận tiếp công dân',
  },
  {
    org: 'DOAN_ANSINH', area: 'ANSINH', classesPerWeek: 0.8, assistsPerWeek: 2.5, mobileShare: 0.8, attendees: [15, 40],
    topics: YOUTH_TOPICS, services: YOUTH_SERVICES, priority: { ELDERLY: 0.3, ETHNIC_MINORITY: 0.1 },
    quangNinhShare: 0.15, premises: 'nhà văn hóa phường An Sinh', assistContext: ' tại điểm “Bình dân học vụ số” lưu động',
  },
  {
    org: 'TOCNS_VIETTRI', area: 'VIETTRI', classesPerWeek: 1.2, assistsPerWeek: 5, mobileShare: 0.7, attendees: [20, 50],
    topics: { VNEID: 3, PUBLIC_SERVICES: 3, SOCIAL_MEDIA: 2, CYBER_SAFETY: 2, BASIC_DEVICE: 1 },
    services: { VNEID_L2: 30, PUBLIC_SERVICE_ONLINE: 28, SAFE_SOCIAL_MEDIA: 15, RESIDENCE_DECLARATION: 12, SCAM_AWARENESS: 10, E_HEALTH: 5 },
    priority: ELDERLY_ONLY, quangNinhShare: 0, premises: 'trụ sở Công an phường Việt Trì', assistContext: ' theo phương châm “cầm tay chỉ việc”',
  },
  {
    org: 'CA_LONGCOC', area: 'LONGCOC', classesPerWeek: 1, assistsPerWeek: 4, mobileShare: 1, attendees: [25, 50],
    topics: { VNEID: 4, PUBLIC_SERVICES: 3, CYBER_SAFETY: 3 },
    services: { VNEID_L2: 40, RESIDENCE_DECLARATION: 25, PUBLIC_SERVICE_ONLINE: 20, SCAM_AWARENESS: 15 },
    priority: { ELDERLY: 0.3, ETHNIC_MINORITY: 0.6 }, quangNinhShare: 0, premises: 'trụ sở Công an xã Long Cốc', assistContext: ' sau buổi học tại khu dân cư',
  },
  {
    org: 'DOAN_LONGCOC', area: 'LONGCOC', classesPerWeek: 1, assistsPerWeek: 3, mobileShare: 1, attendees: [20, 45],
    topics: { VNEID: 3, PUBLIC_SERVICES: 3, CYBER_SAFETY: 2, BASIC_DEVICE: 2, CASHLESS: 1 },
    services: { VNEID_L2: 25, PUBLIC_SERVICE_ONLINE: 25, CASHLESS_PAYMENT: 15, RESIDENCE_DECLARATION: 15, E_HEALTH: 10, SCAM_AWARENESS: 10 },
    priority: { ELDERLY: 0.3, ETHNIC_MINORITY: 0.6 }, quangNinhShare: 0, premises: 'nhà văn hóa xã Long Cốc', assistContext: ' (ĐVTN hướng dẫn trên thiết bị của người dân)',
  },
  {
    org: 'TOCNS_PHUDIEN_1', area: 'PHUDIEN', classesPerWeek: 0.3, assistsPerWeek: 5, mobileShare: 1, attendees: [15, 35],
    topics: YOUTH_TOPICS, services: { VNEID_L2: 20, PUBLIC_SERVICE_ONLINE: 22, CASHLESS_PAYMENT: 15, E_HEALTH: 12, AI_TOOLS: 11, SAFE_SOCIAL_MEDIA: 10, SCAM_AWARENESS: 10 },
    priority: { ELDERLY: 0.35, DISABLED: 0.05, NEAR_POOR: 0.08 }, quangNinhShare: 0, premises: 'nhà văn hóa tổ dân phố', assistContext: ' — “đi từng ngõ, gõ từng nhà”',
  },
  {
    org: 'TOCNS_PHUDIEN_2', area: 'PHUDIEN', classesPerWeek: 0.3, assistsPerWeek: 4.5, mobileShare: 1, attendees: [15, 35],
    topics: YOUTH_TOPICS, services: { VNEID_L2: 20, PUBLIC_SERVICE_ONLINE: 22, CASHLESS_PAYMENT: 15, E_HEALTH: 12, AI_TOOLS: 11, SAFE_SOCIAL_MEDIA: 10, SCAM_AWARENESS: 10 },
    priority: { ELDERLY: 0.35, DISABLED: 0.05, NEAR_POOR: 0.08 }, quangNinhShare: 0, premises: 'nhà văn hóa tổ dân phố', assistContext: ' — “đi từng ngõ, gõ từng nhà”',
  },
  {
    org: 'CA_PHUDIEN', area: 'PHUDIEN', classesPerWeek: 0.3, assistsPerWeek: 4, mobileShare: 0.3, attendees: [20, 45],
    topics: POLICE_TOPICS, services: POLICE_SERVICES, priority: { ELDERLY: 0.3, DISABLED: 0.03 },
    quangNinhShare: 0, premises: 'trụ sở Công an phường Phú Diễn', assistContext: ' tại bộ phận tiếp công dân',
  },
  {
    org: 'THCS_PHUDIEN', area: 'PHUDIEN', classesPerWeek: 0.8, assistsPerWeek: 0, mobileShare: 0, attendees: [35, 80],
    topics: { AI_BASICS: 3, CYBER_SAFETY: 3, SOCIAL_MEDIA: 3, BASIC_DEVICE: 1 }, services: {}, priority: {},
    quangNinhShare: 0, premises: 'Trường THCS Phú Diễn (lớp cho học sinh và phụ huynh)', assistContext: '',
  },
];

const QN_COMMUNES: readonly DemoCommuneKey[] = ['HALONG', 'BAICHAY', 'HATU', 'ANSINH'];
const COMMUNES_WITH_CITIZENS = new Set<DemoCommuneKey>(['HALONG', 'LONGCOC']);
/** Activities this recent are mostly still waiting for review. */
const RECENT_FROM = '2026-11-19';

const pad = (n: number) => String(n).padStart(2, '0');
const at = (date: string, minutes: number) => `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+07:00`;

/** A count with mean `lambda`: its whole part, plus one with the fractional part's chance. */
function draw(random: Random, lambda: number): number {
  const whole = Math.floor(lambda);
  return whole + (random.chance(lambda - whole) ? 1 : 0);
}

function dayFactor(date: string): number {
  const inPhase = date >= DEMO_DATES.phase45.startsOn && date <= DEMO_DATES.phase45.endsOn;
  const weekday = isoWeekday(date);
  return (inPhase ? 1.2 : 0.85) * (weekday === 7 ? 0.35 : weekday === 6 ? 0.7 : 1.1);
}

function topicsFor(random: Random, weights: Partial<Record<TopicCode, number>>): TopicCode[] {
  const count = random.int(2, 3);
  const topics: TopicCode[] = [];
  for (let i = 0; i < 10 && topics.length < count; i++) {
    const t = random.weighted(weights);
    if (!topics.includes(t)) topics.push(t);
  }
  return topics;
}

export function demoActivityPlan(ids: DemoPlanIds, seed = 20_261_122): DemoActivity[] {
  const random = new Random(seed);
  const plan: DemoActivity[] = [];
  /** "a citizen counts once per service per movement": the plan never asks twice */
  const claimed = new Set<string>();
  const claimKey = (movementId: string, citizenId: string, service: string) => `${movementId}|${citizenId}|${service}`;
  /** mobile classes of a commune go round its residential groups in order */
  const rotation = new Map<DemoCommuneKey, number>([['LONGCOC', 1]]); // khu Mận Gạo had the first class (storyActivities)
  const nextGroup = (commune: DemoCommuneKey) => {
    const groups = ids.groups[commune];
    const i = rotation.get(commune) ?? 0;
    rotation.set(commune, i + 1);
    return groups[i % groups.length];
  };
  const citizensByCommune = new Map<DemoCommuneKey, DemoCitizenRef[]>();
  for (const c of ids.citizens) {
    if (c.id === ids.accountCitizenId || c.birthYear > 2008) continue; // adults only; the account's own story is fixed below
    citizensByCommune.set(c.communeKey, [...(citizensByCommune.get(c.communeKey) ?? []), c]);
  }
  const accountCitizen = ids.citizens.find((c) => c.id === ids.accountCitizenId);

  /** review outcome and times for an activity done on `date` */
  const review = (kind: 'CLASS' | 'ASSIST', org: OrgProfile['org'], date: string, offline: boolean) => {
    const recordedDate = offline ? addDays(date, 1) : date;
    const recordedAt = at(recordedDate, offline ? random.int(7 * 60 + 30, 9 * 60) : random.int(16 * 60, 21 * 60 + 30));
    const reviewDate = addDays(recordedDate, random.int(1, 3));
    const pending = reviewDate >= DEMO_DATES.asOf || (date >= RECENT_FROM ? random.chance(0.85) : random.chance(0.02));
    if (pending) return { recordedAt, decision: 'PENDING' as const, reviewedBy: null, reviewedAt: null, reason: null };
    const reviewedAt = at(reviewDate, random.int(8 * 60, 11 * 60 + 30));
    const reviewedBy = ORG_STAFF[org].reviewedBy;
    if (random.chance(kind === 'CLASS' ? 0.06 : 0.045)) {
      return { recordedAt, decision: 'REJECT' as const, reviewedBy, reviewedAt, reason: random.pick(kind === 'CLASS' ? CLASS_REJECTIONS : ASSIST_REJECTIONS) };
    }
    return { recordedAt, decision: 'APPROVE' as const, reviewedBy, reviewedAt, reason: null };
  };

  for (const profile of PROFILES) {
    const unitId = ids.orgs[profile.org];
    const recordedBy = ORG_STAFF[profile.org].recordedBy;
    const offlineShare = profile.area === 'LONGCOC' ? 0.3 : 0.05;
    for (let date: string = DEMO_DATES.activitiesFrom; date <= DEMO_DATES.activitiesTo; date = addDays(date, 1)) {
      const factor = dayFactor(date);
      const movementFor = () => (random.chance(profile.quangNinhShare) ? ids.movements.quangNinh : ids.movements.national);

      const classes = draw(random, (profile.classesPerWeek / 7) * factor);
      for (let n = 0; n < classes; n++) {
        const area = profile.area === 'QN' ? random.pick(QN_COMMUNES) : profile.area;
        const mobile = random.chance(profile.mobileShare);
        const place = mobile ? nextGroup(area) : null;
        const topics = topicsFor(random, profile.topics);
        const labels = topics.map((t) => TOPIC_LABELS_VI[t]).join('; ');
        plan.push({
          kind: 'CLASS',
          id: demoUuid(`activity:${profile.org}:${date}:class:${n + 1}`),
          movementId: movementFor(),
          unitId,
          date,
          attendeeCount: random.int(profile.attendees[0], profile.attendees[1]),
          topics,
          mobile,
          placeUnitId: place?.id ?? null,
          note: place ? `Lớp “Bình dân học vụ số” lưu động tại ${place.name}: ${labels}.` : `Lớp “Bình dân học vụ số” tại ${profile.premises}: ${labels}.`,
          recordedBy,
          ...review('CLASS', profile.org, date, random.chance(offlineShare)),
        });
      }

      const assists = draw(random, (profile.assistsPerWeek / 7) * factor);
      for (let n = 0; n < assists; n++) {
        const movementId = movementFor();
        const service = random.weighted(profile.services);
        let citizen: DemoCitizenRef | null = null;
        const pool = profile.area !== 'QN' && COMMUNES_WITH_CITIZENS.has(profile.area) ? citizensByCommune.get(profile.area) ?? [] : [];
        if (pool.length && random.chance(0.85)) {
          for (let attempt = 0; attempt < 8 && !citizen; attempt++) {
            const candidate = random.pick(pool);
            if (!claimed.has(claimKey(movementId, candidate.id, service))) citizen = candidate;
          }
        }
        let priorityGroups: PriorityGroup[];
        if (citizen) {
          claimed.add(claimKey(movementId, citizen.id, service));
          priorityGroups = [...citizen.priorityGroups];
        } else {
          priorityGroups = (Object.entries(profile.priority) as [PriorityGroup, number][]).filter(([, p]) => random.chance(p)).map(([g]) => g);
        }
        plan.push({
          kind: 'ASSIST',
          id: demoUuid(`activity:${profile.org}:${date}:assist:${n + 1}`),
          movementId,
          unitId,
          date,
          service,
          priorityGroups,
          citizenId: citizen?.id ?? null,
          note: `Hỗ trợ ${SERVICE_LABELS_VI[service]}${profile.assistContext}.`,
          recordedBy,
          ...review('ASSIST', profile.org, date, random.chance(offlineShare)),
        });
      }
    }
  }

  plan.push(...storyActivities(ids, accountCitizen));
  return plan.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Activities told by the source articles or by the demo accounts' story, fixed rather than drawn:
 * the first mobile class of Long Cốc at khu Mận Gạo (52 people), and the `citizen` account helped
 * with VNeID level 2 and an online public service (so the core quiz is all she lacks for Công dân số).
 */
function storyActivities(ids: DemoPlanIds, accountCitizen: DemoCitizenRef | undefined): DemoActivity[] {
  const manGao = ids.groups.LONGCOC[0];
  const story: DemoActivity[] = [
    {
      kind: 'CLASS',
      id: demoUuid('activity:story:long-coc-man-gao'),
      movementId: ids.movements.national,
      unitId: ids.orgs.CA_LONGCOC,
      date: '2026-10-05',
      attendeeCount: 52,
      topics: ['VNEID', 'PUBLIC_SERVICES', 'CYBER_SAFETY'],
      mobile: true,
      placeUnitId: manGao.id,
      note: `Buổi học đầu tiên của lớp “Bình dân học vụ số” lưu động tại ${manGao.name}: Công an xã phối hợp ĐVTN xã hướng dẫn cài đặt, kích hoạt VNeID mức 2, nộp hồ sơ dịch vụ công trực tuyến, nhận diện lừa đảo trên không gian mạng.`,
      recordedBy: ORG_STAFF.CA_LONGCOC.recordedBy,
      recordedAt: at('2026-10-05', 20 * 60 + 10),
      decision: 'APPROVE',
      reviewedBy: ORG_STAFF.CA_LONGCOC.reviewedBy,
      reviewedAt: at('2026-10-06', 9 * 60 + 15),
      reason: null,
    },
  ];
  if (accountCitizen) {
    const assist = (key: string, org: 'CA_HALONG' | 'DOAN_HALONG', date: string, service: ServiceCode, decision: DemoDecision): DemoAssistActivity => ({
      kind: 'ASSIST',
      id: demoUuid(`activity:story:citizen:${key}`),
      movementId: ids.movements.national,
      unitId: ids.orgs[org],
      date,
      service,
      priorityGroups: [...accountCitizen.priorityGroups],
      citizenId: accountCitizen.id,
      note: `Hỗ trợ ${SERVICE_LABELS_VI[service]}.`,
      recordedBy: ORG_STAFF[org].recordedBy,
      recordedAt: at(date, 17 * 60 + 40),
      decision,
      reviewedBy: decision === 'PENDING' ? null : ORG_STAFF[org].reviewedBy,
      reviewedAt: decision === 'PENDING' ? null : at(addDays(date, 1), 8 * 60 + 30),
      reason: null,
    });
    story.push(
      assist('vneid', 'CA_HALONG', '2026-10-12', 'VNEID_L2', 'APPROVE'),
      assist('dvc', 'DOAN_HALONG', '2026-10-27', 'PUBLIC_SERVICE_ONLINE', 'APPROVE'),
      assist('cashless', 'DOAN_HALONG', '2026-11-20', 'CASHLESS_PAYMENT', 'PENDING'),
    );
  }
  return story;
}
