import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@thidua/db';
import { GqlClient, dataOf, errorCodes, gql } from '../support/harness';
import { quoteDatabaseName } from '../support/template';

/*
 * Going live (issue 13), as a province's IT team does it: the real server started in production
 * mode on an EMPTY PostgreSQL database with no demo data, the first ADMIN from the command line,
 * and everyone else through the API. Needs PostgreSQL (DATABASE_URL): skipped on PGlite, saying so.
 */

const BASE_URL = process.env.DATABASE_URL?.trim();
if (!BASE_URL) console.warn('[go-live.test] SKIPPED: the go-live scenario needs PostgreSQL (set DATABASE_URL).');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx/cli', { paths: [ROOT] });
const PASSWORD = 'mot buoi sang dep troi o ha long';

function productionEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    NATIONAL_ID_HASH_KEY: randomUUID(),
    BADGE_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PUBLIC_URL: 'https://thidua.example.test',
  };
}

/** Runs a TypeScript entry point of the API the way its package script does, collecting its output. */
function runApi(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [TSX, '--conditions=source', '--tsconfig', `${ROOT}/api/tsconfig.json`, `${ROOT}/api/src/${script}`, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess, until: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${until} within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = text.match(until);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const match = text.match(until);
      if (match) resolve(match);
      else reject(new Error(`exited with ${code} before ${until}:\n${text}`));
    });
  });
}

describe.runIf(!!BASE_URL)('a province goes live on an empty PostgreSQL database in production mode', () => {
  const databaseName = `thidua_golive_${process.pid}_${Date.now()}`;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess;
  let url: string;

  const admin = () => new GqlClient(url);
  let root: GqlClient;
  const accounts: Record<string, { username: string; code: string }> = {};

  beforeAll(async () => {
    const maintenance = await openDatabase({ url: BASE_URL!, max: 1 });
    await maintenance.db.execute(`CREATE DATABASE ${quoteDatabaseName(databaseName)}`);
    await maintenance.close();
    const u = new URL(BASE_URL!);
    u.pathname = `/${databaseName}`;
    databaseUrl = u.toString();
    env = productionEnv(databaseUrl);
    server = runApi('main.ts', [], env);
    url = (await output(server, /đang chạy: (http:\/\/localhost:\d+)/))[1];
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    const maintenance = await openDatabase({ url: BASE_URL!, max: 1 });
    await maintenance.db.execute(`DROP DATABASE IF EXISTS ${quoteDatabaseName(databaseName)} WITH (FORCE)`);
    await maintenance.close();
  });

  it('starts with the country tree and no account at all (no demo data)', async () => {
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { engine: 'postgres', reachable: true } });
    const { units } = dataOf(await gql(url, `{ units(kind: COMMUNE, first: 1) { totalCount } }`));
    expect(units.totalCount).toBe(3321);
    expect(errorCodes(await gql(url, `mutation { login(username: "admin", password: "thidua2025") { id } }`))).toEqual(['auth/invalid-credentials']);
  });

  it('1. pnpm admin:create gives the first ADMIN a setup code, which activates and signs in', async () => {
    const cli = runApi('cli/admin-create.ts', ['quantri'], env);
    const code = (await output(cli, /setup code: ([A-Z0-9]{5}-[A-Z0-9]{5})/))[1];
    root = admin();
    const me = dataOf(await root.gql(`mutation($c: String!, $p: String!) { activateAccount(username: "quantri", setupCode: $c, password: $p) { username role unit { name } } }`, { c: code, p: PASSWORD }));
    expect(me.activateAccount).toEqual({ username: 'quantri', role: 'ADMIN', unit: { name: 'Việt Nam' } });
  });

  it('2. the ADMIN creates a province leader and an organizer', async () => {
    const quangNinh = dataOf(await root.gql(`{ unit(code: "22") { id } }`)).unit.id;
    for (const [username, role, displayName] of [
      ['qn.lanhdao', 'LEADER', 'Trần Văn Lãnh Đạo'],
      ['qn.tochuc', 'ORGANIZER', 'Lê Thị Tổ Chức'],
    ]) {
      const setup = dataOf(
        await root.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { setupCode user { username role } } }`, {
          input: { username, displayName, role, unitId: quangNinh },
        }),
      ).createAccount;
      expect(setup.user).toEqual({ username, role });
      accounts[username] = { username, code: setup.setupCode };
    }
  });

  it('3. the ADMIN imports a ward\'s organizations and their officers', async () => {
    const haLong = dataOf(await root.gql(`{ unit(code: "06688") { id } }`)).unit.id;
    const unitsCsv = ['Tên,Loại,Mã,Đơn vị cha', 'Công an phường Hạ Long,Công an,,', 'Chi đoàn phường Hạ Long,Chi đoàn,,'].join('\n');
    const unitReport = dataOf(
      await root.gql(
        `mutation($p: ID!, $c: String!) { importUnits(parentId: $p, contentBase64: $c, format: CSV, dryRun: false) { importedUnits problems { row message } } }`,
        { p: haLong, c: Buffer.from(unitsCsv).toString('base64') },
      ),
    ).importUnits;
    expect(unitReport).toEqual({ importedUnits: 2, problems: [] });
    const accountsCsv = ['Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị,Đơn vị', 'ca.halong.an,Nguyễn Văn An,Cán bộ,,Hạ Long / Công an phường Hạ Long'].join('\n');
    const accountReport = dataOf(
      await root.gql(`mutation($c: String!) { importAccounts(contentBase64: $c, format: CSV, dryRun: false) { importedAccounts problems { row message } setups { setupCode user { username unit { name } } } } }`, {
        c: Buffer.from(accountsCsv).toString('base64'),
      }),
    ).importAccounts;
    expect(accountReport.problems).toEqual([]);
    expect(accountReport.setups.map((s: { user: { username: string; unit: { name: string } } }) => [s.user.username, s.user.unit.name])).toEqual([
      ['ca.halong.an', 'Công an phường Hạ Long'],
    ]);
    accounts['ca.halong.an'] = { username: 'ca.halong.an', code: accountReport.setups[0].setupCode };
  });

  let movementId: string;
  let activityId: string;
  let policeUnitId: string;

  it('4. the organizer opens a movement; the officer activates and records a class in it', async () => {
    const organizer = admin();
    dataOf(await organizer.gql(`mutation($c: String!, $p: String!) { activateAccount(username: "qn.tochuc", setupCode: $c, password: $p) { id } }`, { c: accounts['qn.tochuc'].code, p: PASSWORD }));
    const quangNinh = dataOf(await organizer.gql(`{ unit(code: "22") { id } }`)).unit.id;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    movementId = dataOf(
      await organizer.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Bình dân học vụ số — Quảng Ninh', organizerUnitId: quangNinh, scopeUnitId: quangNinh, competingKinds: ['ORGANIZATION'], startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` },
      }),
    ).createMovement.id;
    dataOf(await organizer.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));

    const officer = admin();
    const me = dataOf(
      await officer.gql(`mutation($c: String!, $p: String!) { activateAccount(username: "ca.halong.an", setupCode: $c, password: $p) { unit { id name } } }`, {
        c: accounts['ca.halong.an'].code,
        p: PASSWORD,
      }),
    ).activateAccount;
    policeUnitId = me.unit.id;
    activityId = randomUUID();
    const recorded = dataOf(
      await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id status unit { name } } }`, {
        input: { id: activityId, movementId, unitId: policeUnitId, heldOn: today, attendeeCount: 25, topics: ['VNEID'], note: 'Lớp đầu tiên' },
      }),
    ).recordClass;
    expect(recorded).toEqual({ id: activityId, status: 'SUBMITTED', unit: { name: 'Công an phường Hạ Long' } });
  });

  it('5. the leader approves it, and the public board shows it', async () => {
    const leader = admin();
    dataOf(await leader.gql(`mutation($c: String!, $p: String!) { activateAccount(username: "qn.lanhdao", setupCode: $c, password: $p) { id } }`, { c: accounts['qn.lanhdao'].code, p: PASSWORD }));
    const approved = dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status points } }`, { id: activityId })).reviewActivity;
    expect(approved.status).toBe('APPROVED');
    expect(approved.points).toBeGreaterThan(0);
    const board = dataOf(
      await gql(url, `query($m: ID!) { leaderboard(movementId: $m, scope: UNIT, first: 10) { entries { rank points unit { name } } } }`, { m: movementId }),
    ).leaderboard;
    expect(board.entries[0]).toEqual({ rank: 1, points: approved.points, unit: { name: 'Công an phường Hạ Long' } });
  });

  it('keeps every step in the audit log the ADMIN reads', async () => {
    const { auditLog } = dataOf(await root.gql(`{ auditLog(first: 100) { nodes { action actor { username } } } }`));
    const actions = auditLog.nodes.map((n: { action: string }) => n.action);
    for (const action of ['account.create', 'account.activate', 'unit.import', 'account.import', 'movement.create', 'movement.open', 'activity.record', 'activity.approve'])
      expect(actions, action).toContain(action);
  });
});
