import type { ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { ROLES, type Role } from '@thidua/domain';
import { GqlClient, dataOf, errorCodes, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';
import { TEST_REDIS_URL, spawnApiProcess, stopChild, tcpReachable } from '../support/spawn-api';

/*
 * Accounts (issue 13): who may create, reset, disable and enable whose account; setup codes that
 * expire and work once; passwords that are not common; imports with dry runs; sessions that end
 * at once, in every process; the audit log, scoped.
 */

let t: TestApp;
let quangNinh: string;
let haLong: string;
let phuTho: string;
let longCoc: string;
let provinceAdmin: GqlClient;
let provinceAdminId: string;

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { setupCode expiresAt activationUrl user { id username role activated unit { id } } } }`;
const ACTIVATE = `mutation($u: String!, $c: String!, $p: String!) { activateAccount(username: $u, setupCode: $c, password: $p) { id username role } }`;
const RESET = `mutation($id: ID!) { resetAccount(userId: $id) { setupCode expiresAt user { id activated } } }`;
const DISABLE = `mutation($id: ID!, $r: String!) { disableAccount(userId: $id, reason: $r) { id disabledAt disabledReason } }`;
const ENABLE = `mutation($id: ID!) { enableAccount(userId: $id) { id disabledAt } }`;
const GOOD_PASSWORD = 'hoa sen no som tren ho';

let sequence = 0;
const uniqueName = (prefix: string) => `${prefix}.${process.pid % 10000}.${++sequence}`;

async function unitIdByCode(code: string): Promise<string> {
  return dataOf(await t.gql(`query($c: String!) { unit(code: $c) { id } }`, { c: code })).unit.id;
}

async function countRows(table: 'users' | 'audit_log'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`));
  return row.n;
}

async function loggedIn(username: string, password: string): Promise<GqlClient> {
  const client = t.client();
  await client.login(username, password);
  return client;
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  [quangNinh, haLong, phuTho, longCoc] = await Promise.all(['22', '06688', '25', '08620'].map(unitIdByCode));
  const admin = await newUser(t.db, { role: 'ADMIN', unitId: Number(quangNinh) });
  provinceAdminId = admin.id;
  provinceAdmin = await loggedIn(admin.username, admin.password);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------- who may give which role where

type Actor = 'anonymous' | 'CITIZEN' | 'OFFICER' | 'ORGANIZER' | 'LEADER' | 'province ADMIN' | 'national ADMIN';
const ACTORS: Actor[] = ['anonymous', 'CITIZEN', 'OFFICER', 'ORGANIZER', 'LEADER', 'province ADMIN', 'national ADMIN'];
/* the demo accounts; the LEADER and the province ADMIN act for Quảng Ninh */
const STAFF_ROLES = ROLES.filter((r) => r !== 'CITIZEN');

async function clientOf(actor: Actor): Promise<GqlClient> {
  switch (actor) {
    case 'anonymous':
      return t.client();
    case 'CITIZEN':
      return t.as('citizen');
    case 'OFFICER':
      return t.as('officer');
    case 'ORGANIZER':
      return t.as('organizer');
    case 'LEADER':
      return t.as('leader');
    case 'province ADMIN':
      return provinceAdmin;
    case 'national ADMIN':
      return t.as('admin');
  }
}

/** What an actor should get when managing an account of `role` inside (Quảng Ninh) or outside (Phú Thọ) its subtree. */
function expected(actor: Actor, role: Role, inside: boolean): string {
  if (actor === 'anonymous') return 'UNAUTHENTICATED';
  const subtreeHolds = actor === 'national ADMIN' || inside;
  // written out, not asked of the domain: an ADMIN gives every staff role, a LEADER officers, nobody else anything
  const mayGive = actor === 'national ADMIN' || actor === 'province ADMIN' || (actor === 'LEADER' && role === 'OFFICER');
  return mayGive && subtreeHolds ? 'OK' : 'FORBIDDEN';
}

describe('the role-escalation matrix', () => {
  it('createAccount: each role × inside or outside its subtree × each role it tries to give', async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const actor of ACTORS) {
      const client = await clientOf(actor);
      for (const [inside, unitId] of [[true, haLong], [false, longCoc]] as const)
        for (const role of STAFF_ROLES) {
          const before = await countRows('users');
          const username = uniqueName('matrix');
          const result = await client.gql(CREATE, { input: { username, displayName: 'Người Thử Quyền', role, unitId } });
          const got = result.errors?.length ? errorCodes(result).join(',') : 'OK';
          const label = `${actor} gives ${role} ${inside ? 'inside' : 'outside'}`;
          seen.push(`${label}: ${got}`);
          wanted.push(`${label}: ${expected(actor, role, inside)}`);
          // a refusal writes nothing
          if (got !== 'OK') expect(await countRows('users'), label).toBe(before);
          else expect(result.data.createAccount.user).toMatchObject({ username, role, activated: false, unit: { id: unitId } });
        }
    }
    expect(seen).toEqual(wanted);
  });

  it('resetAccount, disableAccount and enableAccount: each role × inside or outside × the role of the account', async () => {
    // one account of each staff role inside (phường Hạ Long) and outside (xã Long Cốc), made by the national ADMIN
    const targets: { role: Role; inside: boolean; id: string }[] = [];
    const admin = await t.as('admin');
    for (const [inside, unitId] of [[true, haLong], [false, longCoc]] as const)
      for (const role of STAFF_ROLES) {
        const created = dataOf(await admin.gql(CREATE, { input: { username: uniqueName('target'), displayName: 'Người Bị Quản Lý', role, unitId } })).createAccount;
        targets.push({ role, inside, id: created.user.id });
      }
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const actor of ACTORS.filter((a) => a !== 'national ADMIN')) {
      const client = await clientOf(actor);
      for (const target of targets) {
        const label = `${actor} on ${target.role} ${target.inside ? 'inside' : 'outside'}`;
        const want = expected(actor, target.role, target.inside);
        const auditBefore = await countRows('audit_log');
        const reset = await client.gql(RESET, { id: target.id });
        const disable = await client.gql(DISABLE, { id: target.id, r: 'Chuyển công tác' });
        const enable = await client.gql(ENABLE, { id: target.id });
        for (const [name, result] of [['reset', reset], ['disable', disable], ['enable', enable]] as const) {
          seen.push(`${label} ${name}: ${result.errors?.length ? errorCodes(result).join(',') : 'OK'}`);
          wanted.push(`${label} ${name}: ${want}`);
        }
        if (want !== 'OK') expect(await countRows('audit_log'), label).toBe(auditBefore);
      }
    }
    expect(seen).toEqual(wanted);
  });

  it('updateAccount: a LEADER cannot raise an officer to LEADER nor move it out of its province; an ADMIN can, and the person\'s sessions end', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(userId: $id, input: $input) { id role displayName unit { id } } }`;
    const user = await newUser(t.db, { role: 'OFFICER', unitId: Number(haLong) });
    const phone = await loggedIn(user.username, user.password);
    const leader = await t.as('leader');
    const auditBefore = await countRows('audit_log');
    expect(errorCodes(await leader.gql(UPDATE, { id: user.id, input: { role: 'LEADER' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await leader.gql(UPDATE, { id: user.id, input: { unitId: longCoc } }))).toEqual(['FORBIDDEN']);
    expect(await countRows('audit_log')).toBe(auditBefore);
    // a rename keeps the person signed in
    expect(dataOf(await leader.gql(UPDATE, { id: user.id, input: { displayName: 'Tên Mới Của Cán Bộ' } })).updateAccount.displayName).toBe('Tên Mới Của Cán Bộ');
    expect(dataOf(await phone.gql('{ me { role } }')).me).toEqual({ role: 'OFFICER' });
    const promoted = dataOf(await (await t.as('admin')).gql(UPDATE, { id: user.id, input: { role: 'LEADER', unitId: quangNinh } })).updateAccount;
    expect(promoted).toMatchObject({ role: 'LEADER', unit: { id: quangNinh } });
    expect(dataOf(await phone.gql('{ me { role } }')).me).toBeNull();
    const [entry] = await queryRows<{ data: { before: { role: string }; after: { role: string } } }>(t.db, sql`select data from audit_log where entity_id = ${user.id} and action = 'account.role'`);
    expect(entry.data).toMatchObject({ before: { role: 'OFFICER' }, after: { role: 'LEADER' } });
  });

  it('refuses a citizen role from createAccount, and anyone managing their own account', async () => {
    const admin = await t.as('admin');
    const citizen = await admin.gql(CREATE, { input: { username: uniqueName('dan'), displayName: 'Người Dân', role: 'CITIZEN', unitId: haLong } });
    expect(errorCodes(citizen)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await provinceAdmin.gql(DISABLE, { id: provinceAdminId, r: 'tự khoá' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await provinceAdmin.gql(RESET, { id: provinceAdminId }))).toEqual(['FORBIDDEN']);
  });

  it('lets a province ADMIN list the accounts of its province only, and never citizens unless asked', async () => {
    const { accounts } = dataOf(await provinceAdmin.gql(`{ accounts(first: 100) { totalCount nodes { username role unit { id ancestors { id } } } } }`));
    expect(accounts.totalCount).toBeGreaterThan(0);
    for (const a of accounts.nodes) {
      expect(a.role).not.toBe('CITIZEN');
      expect([a.unit.id, ...a.unit.ancestors.map((u: { id: string }) => u.id)]).toContain(quangNinh);
    }
    expect(errorCodes(await provinceAdmin.gql(`query($u: ID) { accounts(unitId: $u) { totalCount } }`, { u: phuTho }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await (await t.as('officer')).gql(`{ accounts { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('refuses a username that is taken, whatever its case', async () => {
    const admin = await t.as('admin');
    const username = uniqueName('trung');
    dataOf(await admin.gql(CREATE, { input: { username, displayName: 'Người Thứ Nhất', role: 'OFFICER', unitId: haLong } }));
    const again = await admin.gql(CREATE, { input: { username: username.toUpperCase(), displayName: 'Người Thứ Hai', role: 'OFFICER', unitId: haLong } });
    expect(errorCodes(again)).toEqual(['account/username-taken']);
  });

  it('refuses bad usernames, names with control characters and over-long names, writing nothing', async () => {
    const admin = await t.as('admin');
    const before = await countRows('users');
    for (const input of [
      { username: 'a b', displayName: 'Tên Hợp Lệ' },
      { username: 'x', displayName: 'Tên Hợp Lệ' },
      { username: 'bad\u0000name', displayName: 'Tên Hợp Lệ' },
      { username: uniqueName('ok'), displayName: 'Tên\u0000Lạ' },
      { username: uniqueName('ok'), displayName: 'A'.repeat(121) },
    ])
      expect(errorCodes(await admin.gql(CREATE, { input: { ...input, role: 'OFFICER', unitId: haLong } }))).toEqual(['BAD_USER_INPUT']);
    expect(await countRows('users')).toBe(before);
  });
});

// ---------------------------------------------------------------- setup codes and passwords

describe('setup codes', () => {
  async function newAccount(role: Role = 'OFFICER') {
    const username = uniqueName('code');
    const setup = dataOf(await (await t.as('leader')).gql(CREATE, { input: { username, displayName: 'Cán Bộ Mới', role, unitId: haLong } })).createAccount;
    return { username, ...setup };
  }

  it('are short, readable, and expire 72 hours after they are issued', async () => {
    const setup = await newAccount();
    expect(setup.setupCode).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{5}-[34679ACDEFGHJKMNPQRTWXY]{5}$/);
    const hours = (Date.parse(setup.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(setup.activationUrl).toBe(`${t.config.publicUrl}/kich-hoat?ten=${setup.username}`);
  });

  it('activate the account once, sign the person in, and are refused the second time', async () => {
    const setup = await newAccount();
    const client = t.client();
    // typed in lower case without the dash: still the code
    const activated = await client.gql(ACTIVATE, { u: setup.username, c: setup.setupCode.replace('-', '').toLowerCase(), p: GOOD_PASSWORD });
    expect(dataOf(activated).activateAccount).toMatchObject({ username: setup.username, role: 'OFFICER' });
    expect(dataOf(await client.gql('{ me { username } }')).me).toEqual({ username: setup.username });
    const again = await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: 'mot cau khac hoan toan 2' });
    expect(errorCodes(again)).toEqual(['auth/setup-code-invalid']);
    await loggedIn(setup.username, GOOD_PASSWORD);
  });

  it('are refused once expired, and the account stays without a password', async () => {
    const setup = await newAccount();
    await t.db.execute(sql`update users set setup_code_expires_at = now() - interval '1 minute' where username = ${setup.username}`);
    expect(errorCodes(await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: GOOD_PASSWORD }))).toEqual(['auth/setup-code-expired']);
    expect(errorCodes(await t.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }`, { u: setup.username, p: GOOD_PASSWORD }))).toEqual(['auth/invalid-credentials']);
  });

  it('are refused when wrong, and a wrong code for one account is no code for another', async () => {
    const a = await newAccount();
    const b = await newAccount();
    expect(errorCodes(await t.gql(ACTIVATE, { u: a.username, c: b.setupCode, p: GOOD_PASSWORD }))).toEqual(['auth/setup-code-invalid']);
    expect(errorCodes(await t.gql(ACTIVATE, { u: 'khong.co.ai', c: a.setupCode, p: GOOD_PASSWORD }))).toEqual(['auth/setup-code-invalid']);
  });

  it('are replaced by a reset: the old code and the old password stop working, and so do open sessions', async () => {
    const setup = await newAccount();
    const phone = t.client();
    dataOf(await phone.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: GOOD_PASSWORD }));
    const reset = dataOf(await (await t.as('leader')).gql(RESET, { id: setup.user.id })).resetAccount;
    expect(reset.user.activated).toBe(false);
    expect(dataOf(await phone.gql('{ me { id } }')).me).toBeNull();
    expect(errorCodes(await t.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }`, { u: setup.username, p: GOOD_PASSWORD }))).toEqual([
      'auth/invalid-credentials',
    ]);
    expect(errorCodes(await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: 'mot mat khau moi hon' }))).toEqual(['auth/setup-code-invalid']);
    dataOf(await t.gql(ACTIVATE, { u: setup.username, c: reset.setupCode, p: 'mot mat khau moi hon' }));
  });

  it('do not activate a disabled account', async () => {
    const setup = await newAccount();
    dataOf(await (await t.as('leader')).gql(DISABLE, { id: setup.user.id, r: 'Nghỉ việc' }));
    expect(errorCodes(await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: GOOD_PASSWORD }))).toEqual(['auth/account-disabled']);
  });

  it.each([
    ['too short', 'ngan 123', 'too-short'],
    ['a common password', 'password1234', 'too-common'],
    ['a keyboard walk', 'qwertyuiop12', 'too-common'],
    ['built from the username', null, 'contains-username'],
  ])('refuse %s as a password, and leave the code usable', async (_what, password, reason) => {
    const setup = await newAccount();
    const result = await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: password ?? `${setup.username}-2025!` });
    expect(errorCodes(result)).toEqual(['auth/weak-password']);
    expect(result.errors![0].extensions).toMatchObject({ reason, fields: [{ field: 'password' }] });
    dataOf(await t.gql(ACTIVATE, { u: setup.username, c: setup.setupCode, p: GOOD_PASSWORD }));
  });

  it('slow down repeated wrong guesses for one account', async () => {
    const setup = await newAccount();
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(errorCodes(await t.gql(ACTIVATE, { u: setup.username, c: 'AAAAA-AAAAA', p: GOOD_PASSWORD }))[0]);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('auth/setup-code-invalid'));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});

describe('changing one\'s password', () => {
  it('needs the current password and a strong new one, and ends the other sessions only', async () => {
    const user = await newUser(t.db, { role: 'OFFICER', unitId: Number(haLong) });
    const laptop = await loggedIn(user.username, user.password);
    const phone = await loggedIn(user.username, user.password);
    const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
    expect(errorCodes(await laptop.gql(change, { c: 'sai mat khau roi', n: GOOD_PASSWORD }))).toEqual(['auth/invalid-credentials']);
    expect(errorCodes(await laptop.gql(change, { c: user.password, n: '1234567890' }))).toEqual(['auth/weak-password']);
    expect(dataOf(await laptop.gql(change, { c: user.password, n: GOOD_PASSWORD })).changePassword).toBe(true);
    expect(dataOf(await laptop.gql('{ me { username } }')).me).toEqual({ username: user.username });
    expect(dataOf(await phone.gql('{ me { username } }')).me).toBeNull();
    await loggedIn(user.username, GOOD_PASSWORD);
    expect(errorCodes(await t.gql(change, { c: 'x', n: GOOD_PASSWORD }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('disabling an account', () => {
  it('ends its sessions at once, refuses its sign-in, records who and why, and enabling lets it back', async () => {
    const user = await newUser(t.db, { role: 'OFFICER', unitId: Number(haLong) });
    const phone = await loggedIn(user.username, user.password);
    const disabled = dataOf(await (await t.as('leader')).gql(DISABLE, { id: user.id, r: 'Chuyển công tác sang tỉnh khác' })).disableAccount;
    expect(disabled.disabledReason).toBe('Chuyển công tác sang tỉnh khác');
    expect(dataOf(await phone.gql('{ me { id } }')).me).toBeNull();
    expect(errorCodes(await t.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }`, { u: user.username, p: user.password }))).toEqual([
      'auth/account-disabled',
    ]);
    const [entry] = await queryRows<{ action: string; reason: string; actor: string }>(
      t.db,
      sql`select l.action, l.reason, u.username as actor from audit_log l join users u on u.id = l.actor_user_id where l.entity_id = ${user.id} and l.action = 'account.disable'`,
    );
    expect(entry).toEqual({ action: 'account.disable', reason: 'Chuyển công tác sang tỉnh khác', actor: 'leader' });
    expect(errorCodes(await (await t.as('leader')).gql(DISABLE, { id: user.id, r: '' }))).toEqual(['BAD_USER_INPUT']);
    dataOf(await (await t.as('leader')).gql(ENABLE, { id: user.id }));
    await loggedIn(user.username, user.password);
  });
});

// ---------------------------------------------------------------- imports

const CSV_HEADER = 'Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Đơn vị';
const IMPORT = `mutation($content: String!, $format: ImportFormat!, $dryRun: Boolean!) {
  importAccounts(contentBase64: $content, format: $format, dryRun: $dryRun) {
    dryRun totalRows validRows importedAccounts existingAccounts problems { row field message } setups { setupCode user { username role unit { name } } }
  }
}`;

async function xlsx(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tài khoản');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('importing accounts', () => {
  it('lists every bad row in a CSV dry run and writes nothing', async () => {
    const taken = uniqueName('co.roi');
    dataOf(await (await t.as('leader')).gql(CREATE, { input: { username: taken, displayName: 'Đã Có', role: 'OFFICER', unitId: haLong } }));
    const ok = uniqueName('nhap');
    const csv = [
      CSV_HEADER,
      `${ok},Nguyễn Văn Nhập,Cán bộ,06688,`,
      `x,Tên Ngắn,Cán bộ,06688,`,
      `${uniqueName('lanh')},Lãnh Đạo Mới,Lãnh đạo,06688,`,
      `${uniqueName('ngoai')},Ngoài Tỉnh,Cán bộ,08620,`,
      `${uniqueName('khong')},Không Rõ,Bảo vệ,06688,`,
      `${ok},Trùng Dòng Hai,Cán bộ,06688,`,
      `${uniqueName('mat')},Mất Đơn Vị,Cán bộ,,Không Có Nơi Này`,
      `${taken},Người Khác,Cán bộ,08620,`,
    ].join('\n');
    const before = await countRows('users');
    const report = dataOf(await (await t.as('leader')).gql(IMPORT, { content: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: true })).importAccounts;
    expect(report).toMatchObject({ dryRun: true, totalRows: 8, validRows: 1, importedAccounts: 0, setups: [] });
    expect(report.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`)).toEqual([
      '3:Tên đăng nhập',
      '4:Vai trò',
      '5:Đơn vị',
      '6:Vai trò',
      '7:Tên đăng nhập',
      '8:Đơn vị',
      '9:Đơn vị',
    ]);
    expect(await countRows('users')).toBe(before);
    // a real import of a file with bad rows writes nothing either
    const real = dataOf(await (await t.as('leader')).gql(IMPORT, { content: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false })).importAccounts;
    expect(real.importedAccounts).toBe(0);
    expect(await countRows('users')).toBe(before);
  });

  it('imports a clean XLSX by unit code and by name path, gives each account a code, and the same file again creates nothing', async () => {
    const a = uniqueName('xlsx.a');
    const b = uniqueName('xlsx.b');
    const content = await xlsx([
      ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Mã đơn vị', 'Đơn vị'],
      [a, 'Phạm Thị Xuân', 'Cán bộ', '06688', ''],
      [b, 'Đỗ Văn Hạ', 'OFFICER', '', 'Hạ Long'],
    ]);
    const leader = await t.as('leader');
    const dry = dataOf(await leader.gql(IMPORT, { content, format: 'XLSX', dryRun: true })).importAccounts;
    expect(dry).toMatchObject({ totalRows: 2, validRows: 2, importedAccounts: 0, problems: [] });
    const real = dataOf(await leader.gql(IMPORT, { content, format: 'XLSX', dryRun: false })).importAccounts;
    expect(real).toMatchObject({ importedAccounts: 2, existingAccounts: 0, problems: [] });
    expect(real.setups.map((s: { user: { username: string; unit: { name: string } } }) => [s.user.username, s.user.unit.name])).toEqual([
      [a, 'Hạ Long'],
      [b, 'Hạ Long'],
    ]);
    dataOf(await t.gql(ACTIVATE, { u: a, c: real.setups[0].setupCode, p: GOOD_PASSWORD }));
    const again = dataOf(await leader.gql(IMPORT, { content, format: 'XLSX', dryRun: false })).importAccounts;
    expect(again).toMatchObject({ importedAccounts: 0, existingAccounts: 2, problems: [], setups: [] });
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'account.import' and entity_type = 'user' and data->>'username' in (${a}, ${b})`);
    expect(n).toBe(2);
  });

  it('refuses what is not a spreadsheet, and anonymous callers before reading the file', async () => {
    const leader = await t.as('leader');
    expect(errorCodes(await leader.gql(IMPORT, { content: Buffer.from('not a zip').toString('base64'), format: 'XLSX', dryRun: true }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await leader.gql(IMPORT, { content: '', format: 'CSV', dryRun: true }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(IMPORT, { content: 'garbage', format: 'CSV', dryRun: true }))).toEqual(['UNAUTHENTICATED']);
  });
});

// ---------------------------------------------------------------- the audit log

describe('the audit log', () => {
  const AUDIT = `query($action: String, $unitId: ID, $actorId: ID, $first: Int, $after: String) {
    auditLog(action: $action, unitId: $unitId, actorId: $actorId, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id action subjectType subjectId reason actor { username } unit { id } }
    }
  }`;

  it('shows a LEADER the changes of its province and none of another', async () => {
    const ptOfficer = uniqueName('pt');
    dataOf(await (await t.as('admin')).gql(CREATE, { input: { username: ptOfficer, displayName: 'Cán Bộ Phú Thọ', role: 'OFFICER', unitId: longCoc } }));
    const { auditLog } = dataOf(await (await t.as('leader')).gql(AUDIT, { action: 'account.', first: 100 }));
    expect(auditLog.nodes.length).toBeGreaterThan(0);
    const units = new Set<string>(auditLog.nodes.map((n: { unit: { id: string } }) => n.unit.id));
    const [{ inside }] = await queryRows<{ inside: boolean }>(
      t.db,
      sql`select bool_and(path @> array[${Number(quangNinh)}::int]) as inside from units where id = any(${`{${[...units].join(',')}}`}::int[])`,
    );
    expect(inside).toBe(true);
    const everything = dataOf(await (await t.as('admin')).gql(AUDIT, { action: 'account.create', first: 100 })).auditLog;
    expect(everything.nodes.some((n: { unit: { id: string } }) => n.unit.id === longCoc)).toBe(true);
    expect(auditLog.nodes.some((n: { unit: { id: string } }) => n.unit.id === longCoc)).toBe(false);
  });

  it('names what each entry is about: an account, a movement, an activity, a badge award; never a citizen', async () => {
    const NAMED = `query($action: String) { auditLog(action: $action, first: 100) { nodes { action subjectType subjectId subjectName } } }`;
    const admin = await t.as('admin');
    const log = async (action: string) => dataOf(await admin.gql(NAMED, { action })).auditLog.nodes as { action: string; subjectType: string; subjectId: string; subjectName: string | null }[];
    const username = uniqueName('named');
    const created = dataOf(await admin.gql(CREATE, { input: { username, displayName: 'Cán Bộ Có Tên', role: 'OFFICER', unitId: longCoc } })).createAccount;
    expect(created).toBeTruthy();
    expect((await log('account.create')).find((n) => n.subjectName?.includes(username))?.subjectName).toBe(`Cán Bộ Có Tên (${username})`);
    for (const n of (await log('movement.')).filter((e) => e.subjectType === 'movement')) {
      const [{ title }] = await queryRows<{ title: string }>(t.db, sql`select title from movements where id = ${n.subjectId}`);
      expect(n.subjectName).toBe(title);
    }
    const activities = (await log('activity.')).filter((e) => e.subjectType === 'activity');
    expect(activities.length).toBeGreaterThan(0);
    for (const n of activities) expect(n.subjectName).toMatch(/^.+ — .+ — \d{2}\/\d{2}\/\d{4}$/);
    const awards = (await log('badge.')).filter((e) => e.subjectType === 'badge_award');
    for (const n of awards) expect(n.subjectName).toMatch(/ — /);
    for (const n of (await log('citizen.')).filter((e) => e.subjectType === 'citizen')) expect(n.subjectName).toBeNull();
  });

  it('includes the existing activity, badge and movement entries, and pages newest first without repeats', async () => {
    const admin = await t.as('admin');
    const actions = new Set<string>();
    const ids: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const { auditLog }: { auditLog: { nodes: { id: string; action: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = dataOf(
        await admin.gql(AUDIT, { first: 40, after }),
      );
      for (const n of auditLog.nodes) {
        actions.add(n.action.split('.')[0]);
        ids.push(Number(n.id));
      }
      if (!auditLog.pageInfo.hasNextPage) break;
      after = auditLog.pageInfo.endCursor;
    }
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const movementEntries = dataOf(await admin.gql(AUDIT, { action: 'movement.', first: 5 })).auditLog;
    expect(movementEntries.nodes.length).toBeGreaterThan(0);
    const activityEntries = dataOf(await admin.gql(AUDIT, { action: 'activity.', first: 5 })).auditLog;
    expect(activityEntries.nodes.every((n: { unit: { id: string } | null }) => n.unit)).toBe(true);
    expect(actions.size).toBeGreaterThan(0);
  });

  it('shows an ORGANIZER the entries of its movements only, filters by person, and refuses officers', async () => {
    const organizer = await t.as('organizer');
    const { auditLog } = dataOf(await organizer.gql(AUDIT, { first: 100 }));
    expect(auditLog.nodes.length).toBeGreaterThan(0);
    expect(auditLog.nodes.every((n: { action: string }) => !n.action.startsWith('account.'))).toBe(true);
    const [{ id: leaderId }] = await queryRows<{ id: string }>(t.db, sql`select id from users where username = 'leader'`);
    const byLeader = dataOf(await (await t.as('admin')).gql(AUDIT, { actorId: leaderId, first: 100 })).auditLog;
    expect(byLeader.nodes.length).toBeGreaterThan(0);
    expect(byLeader.nodes.every((n: { actor: { username: string } }) => n.actor.username === 'leader')).toBe(true);
    expect(errorCodes(await (await t.as('officer')).gql(AUDIT, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(AUDIT, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await (await t.as('leader')).gql(AUDIT, { unitId: phuTho }))).toEqual(['FORBIDDEN']);
  });
});

// ---------------------------------------------------------------- sessions end in every process

const redisUp = await tcpReachable(TEST_REDIS_URL);
const crossProcess = !!process.env.DATABASE_URL?.trim() && redisUp;
if (!crossProcess)
  console.warn(
    `[accounts.test] the second-process session tests are SKIPPED: they need DATABASE_URL (PostgreSQL) and Redis at ${TEST_REDIS_URL}${redisUp ? '' : ' (unreachable)'}.`,
  );

describe.runIf(crossProcess)('sessions end in a second API process (PostgreSQL + Redis)', () => {
  let child: ChildProcess;
  let secondUrl: string;

  beforeAll(async () => {
    // this process's app must publish its events to the same Redis
    await t.close();
    t = await startTestApp({ demo: true, env: { REDIS_URL: TEST_REDIS_URL } });
    const started = await spawnApiProcess(t.config.databaseUrl!, TEST_REDIS_URL);
    child = started.child;
    secondUrl = started.url;
  }, 120_000);
  afterAll(async () => {
    if (child) await stopChild(child);
  });

  /** the session's end travels through Redis: asks again for up to 1 s (it takes milliseconds) */
  async function signedOutOnSecond(client: GqlClient): Promise<boolean> {
    const deadline = Date.now() + 1_000;
    for (;;) {
      if (dataOf(await client.gql('{ me { username } }')).me === null) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function sessionOnSecond() {
    const user = await newUser(t.db, { role: 'OFFICER', unitId: Number(haLong) });
    const client = new GqlClient(secondUrl);
    await client.login(user.username, user.password);
    // the second process has the session cached now
    expect(dataOf(await client.gql('{ me { username } }')).me).toEqual({ username: user.username });
    return { user, client };
  }

  it('disableAccount in one process ends the session in the other', async () => {
    const { user, client } = await sessionOnSecond();
    dataOf(await (await t.as('leader')).gql(DISABLE, { id: user.id, r: 'Thôi việc' }));
    expect(await signedOutOnSecond(client)).toBe(true);
  });

  it('resetAccount in one process ends the session in the other', async () => {
    const { user, client } = await sessionOnSecond();
    dataOf(await (await t.as('leader')).gql(RESET, { id: user.id }));
    expect(await signedOutOnSecond(client)).toBe(true);
  });

  it('changePassword in one process ends the person\'s other session in the other', async () => {
    const { user, client } = await sessionOnSecond();
    const here = await loggedIn(user.username, user.password);
    dataOf(await here.gql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`, { c: user.password, n: GOOD_PASSWORD }));
    expect(await signedOutOnSecond(client)).toBe(true);
    expect(dataOf(await here.gql('{ me { username } }')).me).toEqual({ username: user.username });
  });
});
