import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_CORE_QUIZ_ID, DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { loadBadgeDefinitions } from '@thidua/api/src/modules/badges/badges.queries';
import { BadgeService } from '@thidua/api/src/modules/badges/badges.service';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';

/**
 * Badges (issue 5): automatic awards from facts (approved assists, the core quiz), once; the
 * household cascade (Gia đình số follows its members' Công dân số) both ways; manual awards by
 * leaders with a reason; public verification by id with initials only; and the Open Badges 3.0
 * credential (VC-JWT, Ed25519) checked with `jose`, a library that did not sign it.
 */

const HA_LONG = '06688';

const REGISTER_HOUSEHOLD = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
const REGISTER_CITIZEN = `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { id householdId } }`;
const ISSUE_ACCOUNT = `mutation($citizenId: ID!) { issueCitizenAccount(citizenId: $citizenId) { username setupCode } }`;
const RECORD_ASSIST = `mutation($input: RecordAssistInput!) { recordAssist(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status } }`;
const REVOKE_ACTIVITY = `mutation($id: ID!, $reason: String!) { revokeActivity(id: $id, reason: $reason) { id status } }`;
const LINK = `mutation($activityId: ID!, $citizenIds: [ID!]!) { linkActivityParticipants(activityId: $activityId, citizenIds: $citizenIds) }`;
const AWARD = `mutation($input: AwardBadgeInput!) { awardBadge(input: $input) { id status automatic holderName badge { code } } }`;
const REVOKE_AWARD = `mutation($id: ID!, $reason: String!) { revokeBadgeAward(id: $id, reason: $reason) { id status revokedAt } }`;
const BADGE_AWARD = `query($id: ID!) {
  badgeAward(id: $id) { id holderName issuedAt status revokedAt automatic verifyUrl badge { code name } issuer { name } credential }
}`;

let t: TestApp;
let leader: GqlClient; // demo: tỉnh Quảng Ninh
let officer: GqlClient; // demo: Đoàn phường Hạ Long
let officerUnitId: string;
let group1: string; // Tổ dân phố số 1, phường Hạ Long
let lan: { citizenId: string; userId: string; householdId: string }; // the demo `citizen`
/** badge codes the demo citizen held right after the demo was seeded */
let seededBadgesOfLan: string[];

type AwardRow = {
  id: string;
  badge_code: string;
  status: 'VALID' | 'REVOKED';
  automatic: boolean;
  reason: string | null;
  revoked_reason: string | null;
};

async function awardsOf(holderKey: string): Promise<AwardRow[]> {
  return queryRows<AwardRow>(t.db, sql`select id, badge_code, status, automatic, reason, revoked_reason from badge_awards where holder_key = ${holderKey} order by issued_at, id`);
}
const citizenAwards = (id: string) => awardsOf(`citizen:${id}`);
const householdAwards = (id: string) => awardsOf(`household:${id}`);
const valid = (rows: AwardRow[], code: string) => rows.filter((r) => r.badge_code === code && r.status === 'VALID');
const ofBadge = (rows: AwardRow[], code: string) => rows.filter((r) => r.badge_code === code);

async function newHousehold(headName: string): Promise<string> {
  return dataOf(await leader.gql(REGISTER_HOUSEHOLD, { input: { unitId: group1, headName, code: `BADGE-${randomUUID().slice(0, 8)}` } })).registerHousehold.id;
}

async function newCitizen(fullName: string, householdId: string | null, extra: Record<string, unknown> = {}): Promise<string> {
  return dataOf(await leader.gql(REGISTER_CITIZEN, { input: { unitId: group1, fullName, birthYear: 1975, householdId, ...extra } })).registerCitizen.id;
}

/** An assist recorded by the officer (for a citizen, by id or by national ID, or anonymous); approved by the leader unless told not to. */
async function assist(service: string, who: { citizenId?: string; nationalId?: string }, approve = true): Promise<string> {
  const id = randomUUID();
  dataOf(await officer.gql(RECORD_ASSIST, { input: { id, movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId: officerUnitId, helpedOn: '2026-11-20', service, ...who } }));
  if (approve) expect(dataOf(await leader.gql(REVIEW, { id })).reviewActivity.status).toBe('APPROVED');
  return id;
}

/**
 * The core quiz passed, written straight to quiz_attempts (the quiz module is not part of this
 * file): a submitted, passed attempt of the citizen's own account on the demo core quiz.
 */
async function passCoreQuiz(citizenId: string): Promise<void> {
  let [user] = await queryRows<{ id: string }>(t.db, sql`select id from users where citizen_id = ${citizenId}`);
  if (!user) {
    dataOf(await leader.gql(ISSUE_ACCOUNT, { citizenId }));
    [user] = await queryRows<{ id: string }>(t.db, sql`select id from users where citizen_id = ${citizenId}`);
  }
  const [c] = await queryRows<{ unit_id: number }>(t.db, sql`select unit_id from citizens where id = ${citizenId}`);
  await t.db.execute(sql`insert into quiz_attempts (quiz_id, user_id, citizen_id, unit_id, drawn, answers, score, passed, submitted_at)
    values (${DEMO_CORE_QUIZ_ID}::uuid, ${user.id}::uuid, ${citizenId}::uuid, ${c.unit_id}, '[]'::jsonb, '[]'::jsonb, 90, true, now())`);
}

/** A citizen who becomes Công dân số through the API: both services approved, then the quiz, then one more approval re-checks. */
async function digitalCitizen(fullName: string, householdId: string): Promise<string> {
  const citizenId = await newCitizen(fullName, householdId);
  await assist('VNEID_L2', { citizenId });
  await assist('PUBLIC_SERVICE_ONLINE', { citizenId });
  await passCoreQuiz(citizenId);
  await assist('SCAM_AWARENESS', { citizenId });
  return citizenId;
}

function cccdBornIn(year: number): string {
  return `022${year >= 2000 ? 2 : 0}${String(year % 100).padStart(2, '0')}${String(600_000 + Math.floor(Math.random() * 399_999)).padStart(6, '0')}`;
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  [lan] = await queryRows<{ citizenId: string; userId: string; householdId: string }>(
    t.db,
    sql`select c.id as "citizenId", u.id as "userId", c.household_id as "householdId" from users u join citizens c on c.id = u.citizen_id where u.username = 'citizen'`,
  );
  seededBadgesOfLan = (await citizenAwards(lan.citizenId)).filter((a) => a.status === 'VALID').map((a) => a.badge_code);
  // what api/src/bootstrap.ts does on every start (the test template only migrates and loads the units)
  await loadBadgeDefinitions(t.db);
  leader = await t.as('leader');
  officer = await t.as('officer');
  officerUnitId = dataOf(await officer.gql(`{ me { unit { id } } }`)).me.unit.id;
  const [g] = await queryRows<{ id: number }>(
    t.db,
    sql`select g.id from units g join units c on c.id = g.parent_id where c.code = ${HA_LONG} and g.kind = 'RESIDENTIAL_GROUP' and g.name = 'Tổ dân phố số 1'`,
  );
  group1 = String(g.id);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('automatic awards', { timeout: 180_000 }, () => {
  it('the seeded demo citizen already holds Một danh tính số from her approved VNeID level-2 assist', async () => {
    expect(seededBadgesOfLan).toContain('MOT_DANH_TINH_SO');
  });

  it('awards Một danh tính số when a VNeID level-2 assist for the citizen is approved, not when it is only recorded', async () => {
    const citizenId = await newCitizen('Kha Văn Định Danh', await newHousehold('Kha Văn Định Danh'));
    const activityId = await assist('VNEID_L2', { citizenId }, false);
    expect(await citizenAwards(citizenId)).toEqual([]);
    dataOf(await leader.gql(REVIEW, { id: activityId }));
    const awards = await citizenAwards(citizenId);
    expect(awards.map((a) => [a.badge_code, a.status, a.automatic])).toEqual([['MOT_DANH_TINH_SO', 'VALID', true]]);
    const [logged] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'badge.award' and entity_id = ${awards[0].id}`);
    expect(logged.n).toBe(1);
  });

  it('awards Một danh tính số once: a second approved VNeID level-2 assist does not award it again', async () => {
    const citizenId = await newCitizen('Kha Thị Hai Lần', await newHousehold('Kha Thị Hai Lần'));
    await assist('VNEID_L2', { citizenId });
    await assist('VNEID_L2', { citizenId });
    expect(ofBadge(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });

  it('awards Một danh tính số once when two VNeID level-2 assists are approved at the same moment', async () => {
    const citizenId = await newCitizen('Kha Văn Cùng Lúc', await newHousehold('Kha Văn Cùng Lúc'));
    const ids = [await assist('VNEID_L2', { citizenId }, false), await assist('VNEID_L2', { citizenId }, false)];
    const results = await Promise.all(ids.map((id) => leader.gql(REVIEW, { id })));
    for (const r of results) expect(dataOf(r).reviewActivity.status).toBe('APPROVED');
    expect(ofBadge(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });

  it('awards Một danh tính số when the approved VNeID assist names the citizen by national ID only', async () => {
    const nationalId = cccdBornIn(1975);
    const citizenId = await newCitizen('Kha Văn Căn Cước', await newHousehold('Kha Văn Căn Cước'), { nationalId });
    await assist('VNEID_L2', { nationalId });
    expect(valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });

  it('awards Một danh tính số when the citizen is linked to an approved VNeID assist', async () => {
    const citizenId = await newCitizen('Kha Thị Liên Kết', await newHousehold('Kha Thị Liên Kết'));
    const activityId = await assist('VNEID_L2', {});
    expect(dataOf(await leader.gql(LINK, { activityId, citizenIds: [citizenId] })).linkActivityParticipants).toBe(1);
    expect(valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });

  it('revokes an automatic Một danh tính số, with a reason, when the assist behind it is revoked', async () => {
    const citizenId = await newCitizen('Kha Văn Gian Lận', await newHousehold('Kha Văn Gian Lận'));
    const activityId = await assist('VNEID_L2', { citizenId });
    expect(valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
    dataOf(await leader.gql(REVOKE_ACTIVITY, { id: activityId, reason: 'Kiểm tra lại: chưa kích hoạt thật' }));
    const [award] = ofBadge(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO');
    expect(award.status).toBe('REVOKED');
    expect(award.revoked_reason).toBeTruthy();
  });

  it('does not award Công dân số without the core quiz, even with both services', async () => {
    const householdId = await newHousehold('Kha Văn Chưa Thi');
    const citizenId = await newCitizen('Kha Văn Chưa Thi', householdId);
    await assist('VNEID_L2', { citizenId });
    await assist('PUBLIC_SERVICE_ONLINE', { citizenId });
    expect((await citizenAwards(citizenId)).map((a) => a.badge_code)).toEqual(['MOT_DANH_TINH_SO']);
    expect(await householdAwards(householdId)).toEqual([]);
  });

  it('awards the demo citizen Công dân số, then her household Gia đình số, once she passes the core quiz', async () => {
    const citizen = await t.as('citizen');
    const HOME = `{ myHousehold { members congDanSo giaDinhSo } myBadgeProgress { badge { code } earned missing } }`;
    const before = dataOf(await citizen.gql(HOME));
    expect(before.myHousehold).toMatchObject({ congDanSo: 0, giaDinhSo: false });
    expect(before.myBadgeProgress.find((p: { badge: { code: string } }) => p.badge.code === 'CONG_DAN_SO')).toMatchObject({ earned: false, missing: ['Đạt bài kiểm tra kỹ năng số cơ bản'] });

    await passCoreQuiz(lan.citizenId);
    await assist('CASHLESS_PAYMENT', { citizenId: lan.citizenId }); // any approval re-checks her badges

    const after = dataOf(await citizen.gql(`{ myHousehold { members congDanSo giaDinhSo } myBadges { badge { code } status automatic } }`));
    expect(after.myHousehold).toMatchObject({ members: 4, congDanSo: 1, giaDinhSo: true });
    const mine = after.myBadges.filter((b: { status: string }) => b.status === 'VALID').map((b: { badge: { code: string } }) => b.badge.code);
    expect(mine).toEqual(expect.arrayContaining(['CONG_DAN_SO', 'GIA_DINH_SO']));
    expect(valid(await householdAwards(lan.householdId), 'GIA_DINH_SO')).toHaveLength(1);
  });
});

describe('revocation and the household cascade', { timeout: 240_000 }, () => {
  it("revoking a member's Công dân số revokes the household's Gia đình số, both in the audit log", async () => {
    const householdId = await newHousehold('Giáp Văn Thu Hồi');
    const citizenId = await digitalCitizen('Giáp Văn Thu Hồi', householdId);
    const [cds] = valid(await citizenAwards(citizenId), 'CONG_DAN_SO');
    const [gds] = valid(await householdAwards(householdId), 'GIA_DINH_SO');
    expect(cds && gds).toBeTruthy();

    const revoked = dataOf(await leader.gql(REVOKE_AWARD, { id: cds.id, reason: 'Phát hiện nhờ người khác làm bài kiểm tra' })).revokeBadgeAward;
    expect(revoked).toMatchObject({ id: cds.id, status: 'REVOKED' });
    expect(revoked.revokedAt).toBeTruthy();
    const [household] = ofBadge(await householdAwards(householdId), 'GIA_DINH_SO');
    expect(household).toMatchObject({ id: gds.id, status: 'REVOKED' });
    const audit = await queryRows<{ entity_id: string; reason: string | null }>(t.db, sql`select entity_id, reason from audit_log where action = 'badge.revoke' and entity_id in (${cds.id}, ${gds.id})`);
    expect(audit.find((a) => a.entity_id === cds.id)?.reason).toBe('Phát hiện nhờ người khác làm bài kiểm tra');
    expect(audit.find((a) => a.entity_id === gds.id)?.reason).toBeTruthy();
  });

  it('keeps Gia đình số while another member still holds Công dân số', async () => {
    const householdId = await newHousehold('Giáp Văn Còn Lại');
    const first = await digitalCitizen('Giáp Văn Còn Lại', householdId);
    await digitalCitizen('Giáp Thị Vẫn Giữ', householdId);
    const [cds] = valid(await citizenAwards(first), 'CONG_DAN_SO');
    dataOf(await leader.gql(REVOKE_AWARD, { id: cds.id, reason: 'Thu hồi để kiểm tra lại' }));
    const awards = ofBadge(await householdAwards(householdId), 'GIA_DINH_SO');
    expect(awards.map((a) => a.status)).toEqual(['VALID']);
  });

  it('gives the household Gia đình số again when another member becomes Công dân số after the first one lost it', async () => {
    const householdId = await newHousehold('Giáp Văn Mất Trước');
    const first = await digitalCitizen('Giáp Văn Mất Trước', householdId);
    const [cds] = valid(await citizenAwards(first), 'CONG_DAN_SO');
    dataOf(await leader.gql(REVOKE_AWARD, { id: cds.id, reason: 'Thu hồi: bài kiểm tra không hợp lệ' }));
    expect(valid(await householdAwards(householdId), 'GIA_DINH_SO')).toHaveLength(0);
    const second = await digitalCitizen('Giáp Thị Đạt Sau', householdId);
    expect(valid(await citizenAwards(second), 'CONG_DAN_SO')).toHaveLength(1);
    // the household meets the criterion again: one member is Công dân số
    expect(valid(await householdAwards(householdId), 'GIA_DINH_SO')).toHaveLength(1);
  });

  it('does not give back automatically a Công dân số a leader revoked', async () => {
    const citizenId = await digitalCitizen('Giáp Văn Bị Thu', await newHousehold('Giáp Văn Bị Thu'));
    const [cds] = valid(await citizenAwards(citizenId), 'CONG_DAN_SO');
    dataOf(await leader.gql(REVOKE_AWARD, { id: cds.id, reason: 'Thu hồi theo kết luận kiểm tra' }));
    await assist('E_HEALTH', { citizenId });
    expect(ofBadge(await citizenAwards(citizenId), 'CONG_DAN_SO').map((a) => a.status)).toEqual(['REVOKED']);
  });

  it('refuses to revoke a badge twice (badge/already-revoked)', async () => {
    const citizenId = await newCitizen('Giáp Văn Hai Lần Thu', await newHousehold('Giáp Văn Hai Lần Thu'));
    await assist('VNEID_L2', { citizenId });
    const [award] = valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO');
    dataOf(await leader.gql(REVOKE_AWARD, { id: award.id, reason: 'Thu hồi lần một' }));
    expect(errorCodes(await leader.gql(REVOKE_AWARD, { id: award.id, reason: 'Thu hồi lần hai' }))).toEqual(['badge/already-revoked']);
  });

  it('refuses a revocation without a reason and leaves the badge valid', async () => {
    const citizenId = await newCitizen('Giáp Thị Không Lý Do', await newHousehold('Giáp Thị Không Lý Do'));
    await assist('VNEID_L2', { citizenId });
    const [award] = valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO');
    expect(errorCodes(await leader.gql(REVOKE_AWARD, { id: award.id, reason: '   ' }))).toEqual(['BAD_USER_INPUT']);
    expect(valid(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });
});

describe('manual awards', { timeout: 180_000 }, () => {
  it('lets a leader award Công dân số by hand with a reason, recorded in the audit log', async () => {
    const citizenId = await newCitizen('Lạc Văn Trao Tay', await newHousehold('Lạc Văn Trao Tay'));
    const reason = 'Đã kiểm tra trực tiếp kỹ năng tại điểm hỗ trợ';
    const award = dataOf(await leader.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason } })).awardBadge;
    expect(award).toMatchObject({ status: 'VALID', automatic: false, holderName: 'L.V.T.T.', badge: { code: 'CONG_DAN_SO' } });
    const [row] = await citizenAwards(citizenId);
    expect(row).toMatchObject({ id: award.id, automatic: false, reason });
    const [leaderRow] = await queryRows<{ id: string }>(t.db, sql`select id from users where username = 'leader'`);
    const audit = await queryRows<{ actor_user_id: string; reason: string }>(t.db, sql`select actor_user_id, reason from audit_log where action = 'badge.award' and entity_id = ${award.id}`);
    expect(audit).toEqual([{ actor_user_id: leaderRow.id, reason }]);
  });

  it("a hand-awarded Công dân số earns the member's household Gia đình số", async () => {
    const householdId = await newHousehold('Lạc Thị Hộ Trao');
    const citizenId = await newCitizen('Lạc Thị Hộ Trao', householdId);
    dataOf(await leader.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Đã kiểm tra trực tiếp' } }));
    expect(valid(await householdAwards(householdId), 'GIA_DINH_SO')).toHaveLength(1);
  });

  it('refuses to award Gia đình số by hand (badge/manual-not-allowed) and writes nothing', async () => {
    const householdId = await newHousehold('Lạc Văn Không Trao');
    const result = await leader.gql(AWARD, { input: { badgeCode: 'GIA_DINH_SO', householdId, reason: 'Hộ gương mẫu' } });
    expect(errorCodes(result)).toEqual(['badge/manual-not-allowed']);
    expect(await householdAwards(householdId)).toEqual([]);
  });

  it('refuses to award by hand a badge the citizen already holds (badge/already-awarded)', async () => {
    const citizenId = await newCitizen('Lạc Văn Đã Có', await newHousehold('Lạc Văn Đã Có'));
    await assist('VNEID_L2', { citizenId });
    const result = await leader.gql(AWARD, { input: { badgeCode: 'MOT_DANH_TINH_SO', citizenId, reason: 'Trao thêm lần nữa' } });
    expect(errorCodes(result)).toEqual(['badge/already-awarded']);
    expect(ofBadge(await citizenAwards(citizenId), 'MOT_DANH_TINH_SO')).toHaveLength(1);
  });

  it('refuses a manual award without a reason and writes nothing', async () => {
    const citizenId = await newCitizen('Lạc Thị Thiếu Lý Do', await newHousehold('Lạc Thị Thiếu Lý Do'));
    for (const reason of ['', '   ']) {
      const result = await leader.gql(AWARD, { input: { badgeCode: 'MOT_DANH_TINH_SO', citizenId, reason } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await citizenAwards(citizenId)).toEqual([]);
  });

  it('refuses a manual award by an officer (FORBIDDEN)', async () => {
    const citizenId = await newCitizen('Lạc Văn Cán Bộ Trao', await newHousehold('Lạc Văn Cán Bộ Trao'));
    expect(errorCodes(await officer.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Tự trao' } }))).toEqual(['FORBIDDEN']);
    expect(await citizenAwards(citizenId)).toEqual([]);
  });

  it('refuses a manual award by a leader of another province (FORBIDDEN)', async () => {
    const citizenId = await newCitizen('Lạc Thị Tỉnh Khác', await newHousehold('Lạc Thị Tỉnh Khác'));
    const leader2 = await t.as('leader2');
    expect(errorCodes(await leader2.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Trao nhầm tỉnh' } }))).toEqual(['FORBIDDEN']);
    expect(await citizenAwards(citizenId)).toEqual([]);
  });
});

describe("staff view of a citizen's badges", { timeout: 180_000 }, () => {
  const LIST = `query($id: ID!) { citizenBadgeAwards(citizenId: $id) { id status automatic badge { code audience } } }`;

  it("lists the citizen's and the household's awards, valid ones first, to staff in scope only", async () => {
    const householdId = await newHousehold('Lạc Văn Xem Huy Hiệu');
    const citizenId = await newCitizen('Lạc Văn Xem Huy Hiệu', householdId);
    const cds = dataOf(await leader.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Đã kiểm tra trực tiếp' } })).awardBadge;
    const list = dataOf(await leader.gql(LIST, { id: citizenId })).citizenBadgeAwards as { id: string; status: string; badge: { code: string } }[];
    // Công dân số (hand-awarded) and the household's Gia đình số it earned
    expect(list.map((a) => [a.badge.code, a.status]).sort()).toEqual([['CONG_DAN_SO', 'VALID'], ['GIA_DINH_SO', 'VALID']]);
    expect(list.find((a) => a.badge.code === 'CONG_DAN_SO')!.id).toBe(cds.id);
    // an officer in scope may look; revoked awards come after the valid ones
    dataOf(await leader.gql(REVOKE_AWARD, { id: cds.id, reason: 'Kiểm tra lại chưa đạt' }));
    const after = dataOf(await officer.gql(LIST, { id: citizenId })).citizenBadgeAwards as { id: string; status: string }[];
    expect(after.map((a) => a.status)).toEqual([...after.map((a) => a.status)].sort((a, b) => Number(a !== 'VALID') - Number(b !== 'VALID')));
    expect(after.find((a) => a.id === cds.id)?.status).toBe('REVOKED');
    // outside the caller's province, or without a session: refused
    expect(errorCodes(await (await t.as('leader2')).gql(LIST, { id: citizenId }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(LIST, { id: citizenId }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await leader.gql(LIST, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
  });
});

describe('public verification and the signed credential', { timeout: 180_000 }, () => {
  const FULL_NAME = 'Phùng Văn Xác Minh';
  const NATIONAL_ID = cccdBornIn(1975);
  let awardId: string;
  let jwt: string;

  beforeAll(async () => {
    const citizenId = await newCitizen(FULL_NAME, await newHousehold(FULL_NAME), { nationalId: NATIONAL_ID });
    awardId = dataOf(await leader.gql(AWARD, { input: { badgeCode: 'CONG_DAN_SO', citizenId, reason: 'Đã kiểm tra trực tiếp' } })).awardBadge.id;
    jwt = dataOf(await t.gql(BADGE_AWARD, { id: awardId })).badgeAward.credential;
  }, 120_000);

  it("shows anyone the badge, the holder's initials only (no name, no national ID), the issuer, the date and VALID", async () => {
    const result = await t.gql(BADGE_AWARD, { id: awardId });
    const award = dataOf(result).badgeAward;
    expect(award).toMatchObject({ id: awardId, holderName: 'P.V.X.M.', status: 'VALID', revokedAt: null, badge: { code: 'CONG_DAN_SO', name: 'Công dân số' } });
    expect(award.issuer.name).toMatch(/Hạ Long|Quảng Ninh/);
    expect(Number.isNaN(Date.parse(award.issuedAt))).toBe(false);
    expect(award.verifyUrl).toMatch(new RegExp(`/xac-minh/${awardId}$`));
    const everything = JSON.stringify(result) + JSON.stringify(decodeJwt(award.credential));
    for (const part of [FULL_NAME, 'Phùng Văn', 'Xác Minh', NATIONAL_ID]) expect(everything).not.toContain(part);
  });

  it("names no citizen in any of the demo's public badge verifications", async () => {
    const rows = await queryRows<{ id: string }>(t.db, sql`select id from badge_awards where citizen_id is not null or household_id is not null`);
    expect(rows.length).toBeGreaterThan(3);
    const raw = (await Promise.all(rows.map(async (r) => JSON.stringify(await t.gql(BADGE_AWARD, { id: r.id }))))).join('\n');
    const people = await queryRows<{ name: string }>(t.db, sql`select full_name as name from citizens union select head_name from households`);
    expect(people.map((p) => p.name).filter((name) => raw.includes(name))).toEqual([]);
  });

  it('answers null for an unknown verification id', async () => {
    expect(dataOf(await t.gql(BADGE_AWARD, { id: randomUUID() })).badgeAward).toBeNull();
    expect(dataOf(await t.gql(BADGE_AWARD, { id: 'khong-phai-ma' })).badgeAward).toBeNull();
  });

  it('publishes only the public Ed25519 key at /.well-known/jwks.json', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', t.url));
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('the credential verifies with jose against the published JWKS, as an OpenBadgeCredential naming the achievement', async () => {
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', t.url));
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ['EdDSA'] });
    expect(protectedHeader.alg).toBe('EdDSA');
    const vc = payload.vc as { type: string[]; id: string; issuer: { name: string }; credentialSubject: { achievement: { name: string; type: string[] } } };
    expect(vc.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']));
    expect(vc.credentialSubject.achievement.name).toBe('Công dân số');
    expect(vc.credentialSubject.achievement.type).toContain('Achievement');
    expect(vc.id).toBe(`urn:uuid:${awardId}`);
    expect(payload.jti).toBe(`urn:uuid:${awardId}`);
  });

  it('a tampered credential fails verification', async () => {
    const [header, body, signature] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    payload.vc.credentialSubject.achievement.name = 'Đại sứ số';
    const forged = [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', t.url));
    await expect(jwtVerify(forged, jwks, { algorithms: ['EdDSA'] })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    // and the genuine one still verifies
    await expect(jwtVerify(jwt, jwks, { algorithms: ['EdDSA'] })).resolves.toBeTruthy();
  });

  it('shows REVOKED, with the revocation date, once the badge is revoked', async () => {
    dataOf(await leader.gql(REVOKE_AWARD, { id: awardId, reason: 'Cấp nhầm người' }));
    const award = dataOf(await t.gql(BADGE_AWARD, { id: awardId })).badgeAward;
    expect(award.status).toBe('REVOKED');
    expect(Number.isNaN(Date.parse(award.revokedAt))).toBe(false);
    expect(award.holderName).toBe('P.V.X.M.');
  });
});
