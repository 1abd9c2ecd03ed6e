import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_LOGIN_TRIES } from '@thidua/api/src/modules/auth/login-throttle';
import { newUser } from '../support/factories';
import { GqlClient, dataOf, errorCodes, startTestApp, type TestApp } from '../support/harness';

const ME = '{ me { username role unit { name kind } } }';
const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { username role } }';

let t: TestApp;
let officer: { username: string; password: string };

beforeAll(async () => {
  t = await startTestApp();
  officer = await newUser(t.db, { role: 'OFFICER', username: 'can-bo-thu', password: 'dung-mat-khau' });
});
afterAll(() => t?.close());

describe('login', () => {
  it('shows nobody as the current user before login', async () => {
    const result = await t.gql(ME);
    expect(dataOf(result).me).toBeNull();
  });

  it('returns the user and makes them the current user of later requests', async () => {
    const client = t.client();
    expect(await client.login(officer.username, officer.password)).toMatchObject({ username: officer.username, role: 'OFFICER' });
    expect(dataOf(await client.gql(ME)).me).toEqual({ username: officer.username, role: 'OFFICER', unit: { name: 'Việt Nam', kind: 'COUNTRY' } });
  });

  it('sets the session in an HttpOnly, SameSite cookie', async () => {
    const result = await t.gql(LOGIN, { u: officer.username, p: officer.password });
    const cookies = result.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^thidua_session=[^;]+;/);
    expect(cookies[0]).toMatch(/;\s*HttpOnly/i);
    expect(cookies[0]).toMatch(/;\s*SameSite=(Lax|Strict)/i);
  });

  it('ignores the case of the username', async () => {
    const result = await t.gql(LOGIN, { u: officer.username.toUpperCase(), p: officer.password });
    expect(dataOf(result).login.username).toBe(officer.username);
  });

  it('refuses a wrong password with auth/invalid-credentials and a Vietnamese message', async () => {
    const result = await t.gql(LOGIN, { u: officer.username, p: 'sai-mat-khau' });
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['auth/invalid-credentials']);
    expect(result.errors![0].message).toMatch(/mật khẩu/i);
    expect(result.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an unknown username with the same error as a wrong password', async () => {
    const unknown = await t.gql(LOGIN, { u: 'khong-ton-tai', p: 'sai-mat-khau' });
    const wrong = await t.gql(LOGIN, { u: officer.username, p: 'sai-mat-khau-2' });
    expect(errorCodes(unknown)).toEqual(['auth/invalid-credentials']);
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('refuses a disabled account, saying so only to someone who knows its password', async () => {
    const disabled = await newUser(t.db, { role: 'OFFICER' });
    await t.db.execute(`update users set disabled_at = now() where username = '${disabled.username}'`);
    const result = await t.gql(LOGIN, { u: disabled.username, p: disabled.password });
    expect(errorCodes(result)).toEqual(['auth/account-disabled']);
    expect(result.headers.get('set-cookie')).toBeNull();
    expect(errorCodes(await t.gql(LOGIN, { u: disabled.username, p: 'mat-khau-sai-roi' }))).toEqual(['auth/invalid-credentials']);
  });

  it('ends the open sessions of an account that is disabled', async () => {
    const later = await newUser(t.db, { role: 'OFFICER' });
    const client = new GqlClient(t.url);
    await client.login(later.username, later.password);
    await t.db.execute(`update users set disabled_at = now() where username = '${later.username}'`);
    expect(dataOf(await client.gql('{ me { id } }')).me).toBeNull();
  });

  it('makes the next try wait after a few wrong passwords in a row (tests/api/login-throttle.test.ts has the rest)', async () => {
    const target = await newUser(t.db, { role: 'CITIZEN' });
    for (let i = 0; i < FREE_LOGIN_TRIES; i++) expect(errorCodes(await t.gql(LOGIN, { u: target.username, p: `sai-${i}` }))).toEqual(['auth/invalid-credentials']);
    const result = await t.gql(LOGIN, { u: target.username, p: target.password });
    expect(errorCodes(result)).toEqual(['RATE_LIMITED']);
    expect(result.status).toBe(429);
  });
});

describe('logout', () => {
  it('makes the current user nobody again', async () => {
    const client = t.client();
    await client.login(officer.username, officer.password);
    await client.logout();
    expect(dataOf(await client.gql(ME)).me).toBeNull();
  });

  it('tells the browser to drop the session cookie', async () => {
    const client = t.client();
    await client.login(officer.username, officer.password);
    const result = await t.gql('mutation { logout }', undefined, { cookie: client.cookie });
    expect(result.headers.getSetCookie()[0]).toMatch(/^thidua_session=;.*Max-Age=0/i);
  });

  it('ends the session on the server, so a copy of the old cookie no longer works', async () => {
    const client = t.client();
    await client.login(officer.username, officer.password);
    const stolen = client.cookie;
    await client.logout();
    expect(dataOf(await t.gql(ME, undefined, { cookie: stolen })).me).toBeNull();
  });

  it('does not end the sessions of other devices', async () => {
    const phone = t.client();
    const laptop = t.client();
    await phone.login(officer.username, officer.password);
    await laptop.login(officer.username, officer.password);
    await phone.logout();
    expect(dataOf(await laptop.gql(ME)).me?.username).toBe(officer.username);
  });
});
