import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { dataOf, errorCodes, type GqlClient, type GqlResult, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

/*
 * The unit tree's administration (issue 13), through the public API: ADMIN only, inside its own
 * subtree; reference units (country, provinces, communes) stay as published; deactivation keeps
 * history and refuses new activities; imports are all or nothing and safe to repeat; a change is
 * on the next leaderboard read.
 */

const HA_LONG = '06688';
const LONG_COC = '08620';

const UNIT_FIELDS = 'id name fullName code kind subtype population adultPopulation households denominatorsSource active deactivatedAt deactivatedReason parent { id }';
const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { ${UNIT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { ${UNIT_FIELDS} } }`;
const DEACTIVATE = `mutation($id: ID!, $reason: String!) { deactivateUnit(id: $id, reason: $reason) { ${UNIT_FIELDS} } }`;
const IMPORT = `mutation($parentId: ID!, $content: String!, $format: ImportFormat!, $dryRun: Boolean!) {
  importUnits(parentId: $parentId, contentBase64: $content, format: $format, dryRun: $dryRun) {
    dryRun totalRows validRows existingRows newRows importedUnits problems { row field message }
  }
}`;
const RECORD_CLASS = `mutation($input: RecordClassInput!) { recordClass(input: $input) { id status } }`;
const SYNC = `mutation($input: [ActivityInput!]!) { syncActivities(input: $input) { id outcome errorCode } }`;
const REVIEW = `mutation($id: ID!) { reviewActivity(id: $id, approve: true) { id status points } }`;
const BOARD = `query($movementId: ID!, $metric: LeaderboardMetric, $withinUnitId: ID) {
  leaderboard(movementId: $movementId, scope: UNIT, metric: $metric, withinUnitId: $withinUnitId, unitKind: ORGANIZATION, first: 100) {
    entries { points value unit { id name fullName population active } }
  }
}`;

let t: TestApp;
let admin: GqlClient;
let qnAdmin: GqlClient; // ADMIN of tỉnh Quảng Ninh
let ptAdmin: GqlClient; // ADMIN of tỉnh Phú Thọ
let quangNinh: number;
let phuTho: number;
let haLong: number;
let longCoc: number;
let movementId: string;

async function idOf(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return row.id;
}
async function counts() {
  const [row] = await queryRows<{ units: number; audit: number }>(t.db, sql`select (select count(*)::int from units) as units, (select count(*)::int from audit_log) as audit`);
  return row;
}
async function auditOf(unitId: number | string, action: string) {
  return queryRows<{ reason: string | null; data: any; actor_user_id: string }>(
    t.db,
    sql`select reason, data, actor_user_id from audit_log where entity_type = 'unit' and entity_id = ${String(unitId)} and action = ${action} order by id`,
  );
}
const fieldsOf = (r: GqlResult) => ((r.errors?.[0]?.extensions?.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
let seq = 0;
const uniq = (s: string) => `${s} ${++seq}`;
const org = (parentId: number, name = uniq('Tổ chức thử')) => insertUnit(t.db, { parentId, kind: 'ORGANIZATION', name, subtype: 'chi đoàn' });

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  [quangNinh, phuTho, haLong, longCoc] = await Promise.all(['22', '25', HA_LONG, LONG_COC].map(idOf));
  const a = await newUser(t.db, { role: 'ADMIN', unitId: quangNinh });
  const b = await newUser(t.db, { role: 'ADMIN', unitId: phuTho });
  admin = await t.as('admin');
  qnAdmin = await t.as(a.username, a.password);
  ptAdmin = await t.as(b.username, b.password);
  const created = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: { title: 'Thi đua quản trị đơn vị', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['COMMUNE', 'ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
    }),
  );
  movementId = created.createMovement.id;
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
});

afterAll(async () => {
  await t?.close();
});

describe('who may change the unit tree', () => {
  type Actor = 'anonymous' | 'citizen' | 'officer' | 'leader' | 'organizer' | 'ptAdmin' | 'qnAdmin' | 'admin';
  const clientOf = async (actor: Actor): Promise<GqlClient | null> =>
    actor === 'anonymous' ? null : actor === 'qnAdmin' ? qnAdmin : actor === 'ptAdmin' ? ptAdmin : actor === 'admin' ? admin : t.as(actor);
  const send = async (actor: Actor, query: string, variables: Record<string, unknown>) => {
    const c = await clientOf(actor);
    return c ? c.gql(query, variables) : t.gql(query, variables);
  };
  /** each operation on a target in Quảng Ninh (inside) or Phú Thọ (outside the province admin's subtree) */
  const operations = {
    createUnit: async (actor: Actor, where: number) => send(actor, CREATE, { input: { parentId: String(where), kind: 'ORGANIZATION', name: uniq('Chi đoàn mới') } }),
    updateUnit: async (actor: Actor, where: number) => send(actor, UPDATE, { id: String((await org(where)).id), input: { name: uniq('Tên mới') } }),
    deactivateUnit: async (actor: Actor, where: number) => send(actor, DEACTIVATE, { id: String((await org(where)).id), reason: 'Giải thể' }),
    importUnits: async (actor: Actor, where: number) =>
      send(actor, IMPORT, { parentId: String(where), content: b64(`Tên,Loại\n${uniq('Tổ dân phố nhập')},tổ dân phố\n`), format: 'CSV', dryRun: false }),
  };
  const expected: [Actor, 'inside' | 'outside', string | null][] = [
    ['anonymous', 'inside', 'UNAUTHENTICATED'],
    ['citizen', 'inside', 'FORBIDDEN'],
    ['officer', 'inside', 'FORBIDDEN'],
    ['leader', 'inside', 'FORBIDDEN'],
    ['organizer', 'inside', 'FORBIDDEN'],
    ['ptAdmin', 'inside', 'FORBIDDEN'],
    ['ptAdmin', 'outside', null],
    ['qnAdmin', 'inside', null],
    ['qnAdmin', 'outside', 'FORBIDDEN'],
    ['admin', 'inside', null],
    ['admin', 'outside', null],
  ];
  for (const [operation, run] of Object.entries(operations)) {
    it.each(expected)(`${operation}: %s %s its subtree → %s`, async (actor, side, code) => {
      // "inside" = Quảng Ninh's phường Hạ Long; "outside" = Phú Thọ's xã Long Cốc
      const where = side === 'inside' ? haLong : longCoc;
      const result = await (async () => {
        if (!code) return run(actor, where);
        const before = await counts();
        const refused = await run(actor, where);
        const after = await counts();
        // the arranged unit (update/deactivate) is the only row added; no audit entry
        expect(after.audit).toBe(before.audit);
        expect(after.units - before.units).toBe(operation === 'updateUnit' || operation === 'deactivateUnit' ? 1 : 0);
        return refused;
      })();
      if (code) expect(errorCodes(result)).toEqual([code]);
      else expect(result.errors).toBeUndefined();
    });
  }

  it('judges the caller before the input: anonymous with a bad input is UNAUTHENTICATED, an officer FORBIDDEN', async () => {
    const input = { parentId: 'x', kind: 'COMMUNE', name: '' };
    expect(errorCodes(await t.gql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await (await t.as('officer')).gql(CREATE, { input }))).toEqual(['FORBIDDEN']);
  });
});

describe('creating and correcting units', () => {
  it('creates a residential group with its denominators, and writes the audit log', async () => {
    const input = { parentId: String(haLong), kind: 'RESIDENTIAL_GROUP', name: '  Tổ dân phố   số 21 ', subtype: 'tổ dân phố', code: 'HL-TDP21', population: 1200, adultPopulation: 900, households: 350, denominatorsSource: 'Sổ hộ khẩu phường 2025' };
    const unit = dataOf(await qnAdmin.gql(CREATE, { input })).createUnit;
    expect(unit).toMatchObject({ name: 'Tổ dân phố số 21', fullName: 'Tổ dân phố số 21', kind: 'RESIDENTIAL_GROUP', code: 'HL-TDP21', population: 1200, active: true, deactivatedAt: null, parent: { id: String(haLong) } });
    const [entry] = await auditOf(unit.id, 'unit.create');
    expect(entry.data).toMatchObject({ name: 'Tổ dân phố số 21', kind: 'RESIDENTIAL_GROUP', parentId: haLong, population: 1200 });
    const listed = dataOf(await t.gql(`query($p: ID!) { units(parentId: $p, first: 100) { nodes { id } } }`, { p: String(haLong) })).units.nodes;
    expect(listed.map((n: { id: string }) => n.id)).toContain(unit.id);
  });

  it('requires the source of denominators, on creation and on change', async () => {
    const created = await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: uniq('Trường'), population: 500 } });
    expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(created)).toEqual(['denominatorsSource']);
    const unit = await org(haLong);
    const changed = await qnAdmin.gql(UPDATE, { id: String(unit.id), input: { households: 40 } });
    expect(fieldsOf(changed)).toEqual(['denominatorsSource']);
    const ok = dataOf(await qnAdmin.gql(UPDATE, { id: String(unit.id), input: { population: 120, households: 40, denominatorsSource: 'Danh sách đoàn viên 11/2026' } })).updateUnit;
    expect(ok).toMatchObject({ population: 120, households: 40, denominatorsSource: 'Danh sách đoàn viên 11/2026' });
  });

  it('refuses adults or households above the population', async () => {
    const r = await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: uniq('Hội'), population: 10, adultPopulation: 11, households: 12, denominatorsSource: 'x' } });
    expect(fieldsOf(r).sort()).toEqual(['adultPopulation', 'households']);
  });

  it('renames a unit and logs the change before and after', async () => {
    const unit = await org(haLong, 'Chi đoàn cũ');
    const renamed = dataOf(await qnAdmin.gql(UPDATE, { id: String(unit.id), input: { name: 'Chi đoàn Công an phường Hạ Long' } })).updateUnit;
    expect(renamed).toMatchObject({ name: 'Chi đoàn Công an phường Hạ Long', fullName: 'Chi đoàn Công an phường Hạ Long' });
    const [entry] = await auditOf(unit.id, 'unit.update');
    expect(entry.data.changes).toEqual({ name: { before: 'Chi đoàn cũ', after: 'Chi đoàn Công an phường Hạ Long' } });
    const found = dataOf(await t.gql(`{ units(search: "chi doan cong an phuong ha long") { nodes { id } } }`)).units.nodes;
    expect(found.map((n: { id: string }) => n.id)).toContain(String(unit.id));
  });

  it('refuses a duplicate code, naming the field', async () => {
    const first = dataOf(await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: uniq('Đội'), code: 'HL-DOI-1' } })).createUnit;
    const again = await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: uniq('Đội'), code: 'HL-DOI-1' } });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(again)).toEqual(['code']);
    const official = await qnAdmin.gql(UPDATE, { id: first.id, input: { code: HA_LONG } });
    expect(fieldsOf(official)).toEqual(['code']);
  });

  it('never creates, renames or deactivates a country, province or commune, but corrects a commune’s denominators with a source', async () => {
    expect(fieldsOf(await admin.gql(CREATE, { input: { parentId: String(quangNinh), kind: 'COMMUNE', name: 'Phường Mới' } }))).toEqual(['kind']);
    expect(fieldsOf(await admin.gql(CREATE, { input: { parentId: String(quangNinh), kind: 'RESIDENTIAL_GROUP', name: 'Tổ 1' } }))).toEqual(['parentId']);
    expect(fieldsOf(await qnAdmin.gql(UPDATE, { id: String(haLong), input: { name: 'Hạ Long Mới' } }))).toEqual(['name']);
    expect(errorCodes(await qnAdmin.gql(DEACTIVATE, { id: String(haLong), reason: 'Sáp nhập' }))).toEqual(['BAD_USER_INPUT']);
    const corrected = dataOf(await qnAdmin.gql(UPDATE, { id: String(haLong), input: { households: 9000, denominatorsSource: 'Thống kê phường 2026' } })).updateUnit;
    expect(corrected).toMatchObject({ households: 9000, denominatorsSource: 'Thống kê phường 2026', kind: 'COMMUNE' });
  });

  it.each([
    ['a control character in the name', { name: 'Tổ\u0007 1' }, 'name'],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a source of 501 characters', { name: 'Tổ 2', population: 5, denominatorsSource: 'y'.repeat(501) }, 'denominatorsSource'],
    ['a negative population', { name: 'Tổ 3', population: -5, denominatorsSource: 'x' }, 'population'],
    ['a code with spaces', { name: 'Tổ 4', code: 'A B' }, 'code'],
    ['a bidi override in the subtype', { name: 'Tổ 5', subtype: 'tổ\u202e dân phố' }, 'subtype'],
  ])('refuses %s with BAD_USER_INPUT', async (_, fields, field) => {
    const before = await counts();
    const r = await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'RESIDENTIAL_GROUP', ...fields } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(r)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a deactivation reason that is empty, too long or holds control characters', async () => {
    const unit = await org(haLong);
    for (const reason of ['  ', 'r'.repeat(2001), 'giải\u0000thể']) expect(errorCodes(await qnAdmin.gql(DEACTIVATE, { id: String(unit.id), reason }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('deactivating a unit', () => {
  let station: number; // an organization with its own youth branch, points on the board, then deactivated
  let branch: number;
  let officer: GqlClient;
  const classInput = (unitId: number) => ({ id: randomUUID(), movementId, unitId: String(unitId), heldOn: '2026-11-20', attendeeCount: 25, topics: ['VNEID'] });

  beforeAll(async () => {
    station = dataOf(await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: 'Công an phường Hạ Long (thử)', subtype: 'công an phường' } })).createUnit.id;
    branch = dataOf(await qnAdmin.gql(CREATE, { input: { parentId: String(station), kind: 'ORGANIZATION', name: 'Chi đoàn Công an phường', subtype: 'chi đoàn' } })).createUnit.id;
    const o = await newUser(t.db, { role: 'OFFICER', unitId: Number(station) });
    officer = await t.as(o.username, o.password);
    const recorded = dataOf(await officer.gql(RECORD_CLASS, { input: classInput(station) })).recordClass;
    expect(dataOf(await (await t.as('leader')).gql(REVIEW, { id: recorded.id })).reviewActivity.points).toBeGreaterThan(0);
  });

  it('deactivates the whole subtree and logs the reason', async () => {
    const unit = dataOf(await qnAdmin.gql(DEACTIVATE, { id: String(station), reason: '  Sáp nhập vào Công an tỉnh ' })).deactivateUnit;
    expect(unit).toMatchObject({ active: false, deactivatedReason: 'Sáp nhập vào Công an tỉnh' });
    expect(unit.deactivatedAt).toBeTruthy();
    const child = dataOf(await t.gql(`query($id: ID!) { unit(id: $id) { active deactivatedAt } }`, { id: String(branch) })).unit;
    expect(child.active).toBe(false);
    const entries = await auditOf(station, 'unit.deactivate');
    expect(entries).toHaveLength(1);
    expect(entries[0].reason).toBe('Sáp nhập vào Công an tỉnh');
    expect(entries[0].data.subtreeUnits).toBe(2);
  });

  it('changes nothing when deactivated again', async () => {
    const again = dataOf(await qnAdmin.gql(DEACTIVATE, { id: String(station), reason: 'Lần hai' })).deactivateUnit;
    expect(again.deactivatedReason).toBe('Sáp nhập vào Công an tỉnh');
    expect(await auditOf(station, 'unit.deactivate')).toHaveLength(1);
  });

  it('takes no new activity: recordClass and a syncActivities item answer unit/deactivated', async () => {
    expect(errorCodes(await officer.gql(RECORD_CLASS, { input: classInput(station) }))).toEqual(['unit/deactivated']);
    const synced = dataOf(await officer.gql(SYNC, { input: [{ class: classInput(branch) }, { class: classInput(station) }] })).syncActivities;
    expect(synced.map((s: { outcome: string; errorCode: string }) => [s.outcome, s.errorCode])).toEqual([
      ['REJECTED', 'unit/deactivated'],
      ['REJECTED', 'unit/deactivated'],
    ]);
  });

  it('is no longer offered by units(), unless includeDeactivated; unit(id) still finds it', async () => {
    const list = async (include?: boolean) =>
      dataOf(await t.gql(`query($p: ID!, $i: Boolean) { units(parentId: $p, includeDeactivated: $i, first: 100) { nodes { id } } }`, { p: String(haLong), i: include })).units.nodes.map((n: { id: string }) => n.id);
    expect(await list()).not.toContain(String(station));
    expect(await list(true)).toContain(String(station));
    expect(dataOf(await t.gql(`query($id: ID!) { unit(id: $id) { id } }`, { id: String(station) })).unit.id).toBe(String(station));
  });

  it('keeps its past points on the leaderboard', async () => {
    const board = dataOf(await t.gql(BOARD, { movementId, withinUnitId: String(haLong) })).leaderboard;
    const entry = board.entries.find((e: { unit: { id: string } }) => e.unit.id === String(station));
    expect(entry.points).toBeGreaterThan(0);
    expect(entry.unit.active).toBe(false);
  });

  it('accepts no unit under it and no change to it', async () => {
    expect(errorCodes(await qnAdmin.gql(CREATE, { input: { parentId: String(station), kind: 'ORGANIZATION', name: 'Chi đoàn 2' } }))).toEqual(['unit/deactivated']);
    expect(errorCodes(await qnAdmin.gql(UPDATE, { id: String(station), input: { name: 'Tên khác' } }))).toEqual(['unit/deactivated']);
  });
});

describe('importing a ward’s sheet', () => {
  const HEADER = 'Tên,Loại,Mã,Đơn vị cha,Dân số,Số người trưởng thành,Số hộ,Nguồn số liệu';
  const clean = [
    HEADER,
    'Tổ dân phố 31,Tổ dân phố,HL-TDP31,,"1.250",980,410,Danh sách hộ 2025',
    `Công an phường (nhập),công an,,${HA_LONG},,,,`,
    'Tổ công nghệ số tổ 31,tổ công nghệ số,,Hạ Long/Tổ dân phố 31,,,,',
    'Chi đoàn tổ 31,chi đoàn,,HL-TDP31,,,,',
  ].join('\n');

  it('lists every bad row in a dry run and writes nothing', async () => {
    const sheet = [
      'ten , LOAI,ma,don vi cha,dan so,so nguoi truong thanh,so ho,nguon so lieu',
      'Tổ dân phố 41,tổ dân phố,,,,,,', // row 2: fine
      ',thôn,,,,,,', // row 3: no name
      'Tổ 42,hành tinh,,,,,,', // row 4: unknown kind
      'Tổ 43,tổ dân phố,,Không Có/Tổ 9,,,,', // row 5: parent not found
      'Tổ 44,tổ dân phố,,,1000,,,', // row 6: no source
      'Tổ 45,tổ dân phố,,,mười,,,x', // row 7: not a number
      `Tổ 46,tổ dân phố,,${LONG_COC},,,,`, // row 8: outside the import's unit
      'Tổ dân phố 41,tổ dân phố,,,,,,', // row 9: same as row 2
      'Tổ\u000b47,tổ dân phố,,,,,,', // row 10: control character
    ].join('\n');
    const before = await counts();
    const report = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content: b64(sheet), format: 'CSV', dryRun: true })).importUnits;
    expect(await counts()).toEqual(before);
    expect(report).toMatchObject({ dryRun: true, totalRows: 9, validRows: 1, newRows: 1, importedUnits: 0 });
    expect(report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([
      [3, 'Tên'],
      [4, 'Loại'],
      [5, 'Đơn vị cha'],
      [6, 'Nguồn số liệu'],
      [7, 'Dân số'],
      [8, 'Đơn vị cha'],
      [9, 'Tên'],
      [10, 'Tên'],
    ]);
    for (const p of report.problems) expect(p.message.length).toBeGreaterThan(5);
  });

  it('reads an XLSX sheet the same way', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Đơn vị');
    ws.addRow(['Tên', 'Loại', 'Mã', 'Đơn vị cha', 'Dân số', 'Số người trưởng thành', 'Số hộ', 'Nguồn số liệu']);
    ws.addRow(['Thôn Đông', 'thôn', null, null, 800, 600, 200, 'Danh sách thôn 2025']);
    ws.addRow(['Thôn Tây', 'thôn', null, null, 100, 200, null, 'Danh sách thôn 2025']);
    const content = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const before = await counts();
    const report = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content, format: 'XLSX', dryRun: true })).importUnits;
    expect(await counts()).toEqual(before);
    expect(report).toMatchObject({ totalRows: 2, validRows: 1, newRows: 1, importedUnits: 0 });
    expect(report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([[3, 'Số người trưởng thành']]);
  });

  it('imports a clean sheet with code, name-path and earlier-row parents, and a second import changes nothing', async () => {
    const before = await counts();
    const report = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content: b64(clean), format: 'CSV', dryRun: false })).importUnits;
    expect(report).toMatchObject({ dryRun: false, totalRows: 4, validRows: 4, existingRows: 0, newRows: 4, importedUnits: 4, problems: [] });
    const after = await counts();
    expect(after.units - before.units).toBe(4);
    expect(after.audit - before.audit).toBe(1);
    const group = dataOf(await t.gql(`{ unit(code: "HL-TDP31") { id kind subtype population adultPopulation households denominatorsSource parent { id } } }`)).unit;
    expect(group).toMatchObject({ kind: 'RESIDENTIAL_GROUP', subtype: 'tổ dân phố', population: 1250, adultPopulation: 980, households: 410, parent: { id: String(haLong) } });
    const below = dataOf(await t.gql(`query($p: ID!) { units(parentId: $p) { nodes { name kind subtype } } }`, { p: group.id })).units.nodes;
    expect(below.map((u: { name: string }) => u.name).sort()).toEqual(['Chi đoàn tổ 31', 'Tổ công nghệ số tổ 31']);
    const entry = (await auditOf(haLong, 'unit.import')).at(-1)!;
    expect(entry.data).toMatchObject({ createdUnits: 4, existingRows: 0, totalRows: 4 });

    const again = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content: b64(clean), format: 'CSV', dryRun: false })).importUnits;
    expect(again).toMatchObject({ totalRows: 4, validRows: 4, existingRows: 4, newRows: 0, importedUnits: 0, problems: [] });
    expect(await counts()).toEqual(after);
  });

  it('resolves a name path from the import’s own unit (the national admin importing for Việt Nam)', async () => {
    const sheet = [HEADER, 'Tổ dân phố 51,tổ dân phố,,Quảng Ninh / Hạ Long,,,,', 'Đội thanh niên tình nguyện,tổ chức,,Việt Nam/Quảng Ninh,,,,'].join('\n');
    const report = dataOf(await admin.gql(IMPORT, { parentId: '1', content: b64(sheet), format: 'CSV', dryRun: false })).importUnits;
    expect(report).toMatchObject({ importedUnits: 2, problems: [] });
    const kids = dataOf(await t.gql(`query($p: ID!) { units(parentId: $p, kind: ORGANIZATION, first: 100) { nodes { name subtype } } }`, { p: String(quangNinh) })).units.nodes;
    expect(kids).toContainEqual({ name: 'Đội thanh niên tình nguyện', subtype: null });
  });

  it('writes nothing when one row is bad', async () => {
    const sheet = [HEADER, 'Tổ dân phố 61,tổ dân phố,,,,,,', 'Tổ dân phố 62,tổ dân phố,HL-DOI-1,,,,,'].join('\n');
    const before = await counts();
    const report = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content: b64(sheet), format: 'CSV', dryRun: false })).importUnits;
    expect(report).toMatchObject({ dryRun: false, importedUnits: 0, validRows: 1 });
    expect(report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([[3, 'Mã']]);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unreadable, empty or oversized file with BAD_USER_INPUT', async () => {
    const send = (content: string, format = 'XLSX') => qnAdmin.gql(IMPORT, { parentId: String(haLong), content, format, dryRun: true });
    expect(errorCodes(await send(b64('not a zip')))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await send('', 'CSV'))).toEqual(['BAD_USER_INPUT']);
    // 2.1 MB once decoded (the request itself stays under the 3 MB body limit)
    expect(errorCodes(await send('A'.repeat(2_850_000), 'CSV'))).toEqual(['BAD_USER_INPUT']);
    const tooMany = [HEADER, ...Array.from({ length: 5001 }, (_, i) => `Tổ ${i},tổ dân phố,,,,,,`)].join('\n');
    expect(errorCodes(await send(b64(tooMany), 'CSV'))).toEqual(['BAD_USER_INPUT']);
  });

  it('serves the template, whose sheet imports cleanly', async () => {
    const response = await fetch(`${t.url}/api/units/import-template.csv`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('Tên,Loại,Mã,Đơn vị cha');
    const report = dataOf(await qnAdmin.gql(IMPORT, { parentId: String(haLong), content: b64(text), format: 'CSV', dryRun: true })).importUnits;
    expect(report.problems).toEqual([]);
  });
});

describe('caches', () => {
  it('shows a new population and a new name on the next leaderboard read', async () => {
    const unit = dataOf(
      await qnAdmin.gql(CREATE, { input: { parentId: String(haLong), kind: 'ORGANIZATION', name: 'Đoàn trường THPT (thử)', population: 1000, denominatorsSource: 'Danh sách 2026' } }),
    ).createUnit;
    const o = await newUser(t.db, { role: 'OFFICER', unitId: Number(unit.id) });
    const officer = await t.as(o.username, o.password);
    const recorded = dataOf(await officer.gql(RECORD_CLASS, { input: { id: randomUUID(), movementId, unitId: unit.id, heldOn: '2026-11-21', attendeeCount: 30, topics: ['VNEID'] } })).recordClass;
    const { points } = dataOf(await (await t.as('leader')).gql(REVIEW, { id: recorded.id })).reviewActivity;
    const entryOf = async () =>
      dataOf(await t.gql(BOARD, { movementId, metric: 'POINTS_PER_1000', withinUnitId: String(haLong) })).leaderboard.entries.find((e: { unit: { id: string } }) => e.unit.id === unit.id);
    expect((await entryOf()).value).toBeCloseTo(points, 6); // per 1,000 with a population of 1,000
    await entryOf(); // now cached (board and public answer)
    dataOf(await qnAdmin.gql(UPDATE, { id: unit.id, input: { population: 500, denominatorsSource: 'Danh sách 12/2026' } }));
    expect((await entryOf()).value).toBeCloseTo(points * 2, 6);
    dataOf(await qnAdmin.gql(UPDATE, { id: unit.id, input: { name: 'Đoàn trường THPT Hạ Long' } }));
    expect((await entryOf()).unit.name).toBe('Đoàn trường THPT Hạ Long');
  });
});
