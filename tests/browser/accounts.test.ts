import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, PHONE, SCREENSHOTS, seriousAxeProblems, signIn, phoneContext, watchedPage } from '../support/browser';

/**
 * Putting a person to work, on a phone: the demo leader (tỉnh Quảng Ninh) creates an officer
 * account for a unit of the province, sees the one-time code, opens the printable slip (code and
 * QR code of the activation link), signs out; the new officer opens the slip's link, sets a
 * password (a weak one is refused on its field) and lands signed in on their work. The database
 * says the account is activated and the audit log holds the activation; the leader reads the
 * account's creation in the audit log page.
 */
const SCENARIO_TIMEOUT = 180_000;
const missing = browserSkipReason('accounts.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;
const pageErrors: string[] = [];

const phone = () => phoneContext(browser);

const open = (context: BrowserContext, name: string) => watchedPage(context, name, pageErrors);

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

describe.skipIf(missing !== null)('staff accounts on a 390×844 phone', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a leader creates an officer, prints the slip, and the officer activates the account from it and lands signed in', async () => {
    const username = 'can.bo.halong';
    const displayName = 'Phạm Thu Hà';

    // ---- the leader opens the accounts page from the "Quản trị" menu
    const leaderContext = await phone();
    const leader = await open(leaderContext, 'leader');
    await signIn(leader, t.url, 'leader', DEMO_PASSWORD);
    await leader.getByRole('button', { name: 'Mở menu' }).click();
    const adminNav = leader.getByTestId('nav-admin');
    await adminNav.waitFor();
    expect(await adminNav.textContent()).toContain('Quản trị');
    expect(await adminNav.textContent()).toContain('Nhật ký thay đổi');
    await shot(leader, 'accounts-0-menu');
    expect(await seriousAxeProblems(leader), 'the open menu').toEqual([]);
    await adminNav.getByRole('link', { name: 'Tài khoản' }).click();
    await leader.waitForURL((url) => url.pathname === '/quan-tri/tai-khoan');
    await leader.getByTestId('account-row').first().waitFor();
    expect(await leader.getByTestId('accounts-count').textContent()).toMatch(/\d+ tài khoản/);
    await shot(leader, 'accounts-1-list');
    expect(await seriousAxeProblems(leader), '/quan-tri/tai-khoan').toEqual([]);

    // ---- create an OFFICER for a unit of Quảng Ninh
    await leader.getByTestId('accounts-create').click();
    const dialog = leader.getByTestId('account-form');
    await dialog.waitFor();
    // a leader may grant only OFFICER
    expect(await dialog.getByTestId('account-role').locator('option').allTextContents()).toEqual(['Cán bộ']);
    await dialog.getByTestId('account-display-name').fill(displayName);
    await dialog.getByTestId('account-username-input').fill(username);
    const unitSelect = dialog.getByTestId('account-unit');
    await expect.poll(() => unitSelect.locator('option').count()).toBeGreaterThan(2);
    const haLong = await unitSelect.evaluate((select: HTMLSelectElement) => {
      const option = [...select.options].find((o) => /Hạ Long/.test(o.text));
      return option ? { value: option.value, text: option.text } : null;
    });
    expect(haLong).not.toBeNull();
    await unitSelect.selectOption(haLong!.value);
    await shot(leader, 'accounts-2-create-form');
    expect(await seriousAxeProblems(leader), 'the account form').toEqual([]);
    await dialog.getByTestId('account-create-submit').click();

    const code = (await dialog.getByTestId('setup-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect((await dialog.getByTestId('setup-username').textContent())!.trim()).toBe(username);
    expect(await dialog.textContent()).toContain('Mã chỉ hiện một lần');
    await shot(leader, 'accounts-3-code-shown');
    expect(await seriousAxeProblems(leader), 'the setup code').toEqual([]);

    // ---- the slip sheet: username, code and a QR code of the activation link
    await dialog.getByTestId('setup-print').click();
    await leader.waitForURL((url) => url.pathname === '/quan-tri/tai-khoan/phieu');
    const slip = leader.locator(`[data-testid="slip"][data-username="${username}"]`);
    await slip.waitFor();
    expect((await slip.getByTestId('slip-username').textContent())!.trim()).toBe(username);
    expect((await slip.getByTestId('slip-code').textContent())!.trim()).toBe(code);
    const qr = slip.getByTestId('qr-code');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const activationUrl = (await qr.getAttribute('data-value'))!;
    expect(activationUrl).toMatch(new RegExp(`/kich-hoat\\?ten=${username.replace(/\./g, '\\.')}$`));
    expect(await leader.getByTestId('slips-once').textContent()).toContain('chỉ hiện một lần');
    await shot(leader, 'accounts-4-slips');
    expect(await seriousAxeProblems(leader), 'the slips').toEqual([]);
    // the print view, at the width of an A4 sheet (96 dpi): only the slips, two to a row
    await leader.setViewportSize({ width: 794, height: 1123 });
    await leader.emulateMedia({ media: 'print' });
    expect(await leader.locator('.app-header').isVisible()).toBe(false);
    await shot(leader, 'accounts-5-slips-print');
    await leader.emulateMedia({ media: 'screen' });
    await leader.setViewportSize(PHONE);

    // ---- sign out: the codes leave the browser with the session
    await leader.getByRole('button', { name: 'Mở menu' }).click();
    await leader.getByRole('button', { name: 'Đăng xuất' }).click();
    await leader.getByTestId('current-user').waitFor({ state: 'detached' });
    await leaderContext.close();

    // ---- the officer opens the slip's link on their own phone
    const officerContext = await phone();
    const officer = await open(officerContext, 'officer');
    const link = new URL(activationUrl);
    await officer.goto(`${t.url}${link.pathname}${link.search}`);
    await officer.getByTestId('activate-form').waitFor();
    expect(await officer.getByTestId('activate-username').inputValue()).toBe(username);
    // typed in lower case, shown upper case
    await officer.getByTestId('activate-code').fill(code.toLowerCase());
    expect(await officer.getByTestId('activate-code').inputValue()).toBe(code);
    await officer.getByTestId('activate-password').fill('1234567890');
    await officer.getByTestId('activate-repeat').fill('1234567890');
    await officer.getByTestId('activate-submit').click();
    const weak = officer.getByTestId('activate-password-error');
    await weak.waitFor();
    expect((await weak.textContent())!.length).toBeGreaterThan(5);
    await officer.getByTestId('activate-password').scrollIntoViewIfNeeded();
    await shot(officer, 'accounts-6-activate-weak');
    expect(await seriousAxeProblems(officer), '/kich-hoat with an error').toEqual([]);

    await officer.getByTestId('activate-password').fill('hoa sen no som 2025');
    await officer.getByTestId('activate-repeat').fill('hoa sen no som 2025');
    await officer.getByTestId('activate-submit').click();
    await officer.waitForURL((url) => url.pathname === '/ghi-nhan');
    await expect.poll(() => officer.getByTestId('current-user-name').textContent()).toBe(displayName);
    await shot(officer, 'accounts-7-officer-landed');

    // ---- the database: activated, code used up, activation in the audit log
    const [row] = await queryRows<{ id: string; activated: boolean; code_left: boolean }>(
      t.db,
      sql`select id, password_hash is not null as activated, setup_code_hash is not null as code_left from users where username = ${username}`,
    );
    expect(row).toMatchObject({ activated: true, code_left: false });
    const entries = await queryRows<{ action: string }>(
      t.db,
      sql`select action from audit_log where entity_id = ${String(row!.id)} order by id`,
    );
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['account.create', 'account.activate']));

    // ---- change password page, reachable from the menu
    await officer.getByRole('button', { name: 'Mở menu' }).click();
    await officer.getByTestId('nav-change-password').click();
    await officer.waitForURL((url) => url.pathname === '/doi-mat-khau');
    await officer.getByTestId('password-form').waitFor();
    await officer.getByTestId('password-current').fill('hoa sen no som 2025');
    await officer.getByTestId('password-new-password').fill('may trang bay xa 2026');
    await officer.getByTestId('password-new-repeat').fill('may trang bay xa 2026');
    await officer.getByTestId('password-submit').click();
    await officer.getByTestId('password-done').waitFor();
    expect(await officer.getByTestId('password-done').textContent()).toContain('Đã đổi mật khẩu');
    await shot(officer, 'accounts-8-change-password');
    expect(await seriousAxeProblems(officer), '/doi-mat-khau').toEqual([]);
    await officerContext.close();

    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('the leader reads the account creation in the audit log', async () => {
    const context = await phone();
    const page = await open(context, 'leader-audit');
    await signIn(page, t.url, 'leader', DEMO_PASSWORD);
    await page.goto(`${t.url}/quan-tri/nhat-ky`);
    await page.getByTestId('audit-entry').first().waitFor();
    await page.getByTestId('audit-category').selectOption({ label: 'Tài khoản' });
    await page.waitForURL((url) => url.searchParams.get('loai') === 'account');
    const created = page.locator('[data-testid="audit-entry"][data-action="account.create"]');
    await created.first().waitFor();
    expect(await created.first().getByTestId('audit-action').textContent()).toContain('Tạo tài khoản');
    expect(await created.first().textContent()).toContain('leader');
    // the account is named, and its details are words, not JSON
    expect(await created.first().textContent()).toMatch(/Đối tượng: tài khoản .+ \(.+\)/);
    await created.first().locator('summary').click();
    const details = created.first().getByTestId('audit-details');
    expect(await details.textContent()).toMatch(/Vai trò\s*(Cán bộ|Lãnh đạo|Quản trị|Đơn vị tổ chức|Người dân)/);
    expect(await details.textContent()).not.toContain('{"');
    // the unit the account was made in, by its name
    expect(await details.textContent()).toMatch(/Đơn vị\s*Phường Hạ Long/);
    await shot(page, 'accounts-9-audit-log');
    expect(await seriousAxeProblems(page), '/quan-tri/nhat-ky').toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('the leader imports accounts from a CSV: bad rows listed first, then the clean file goes to the slips; one is disabled with a reason', async () => {
    const context = await phone();
    const page = await open(context, 'leader-import');
    await signIn(page, t.url, 'leader', DEMO_PASSWORD);
    await page.goto(`${t.url}/quan-tri/tai-khoan/nhap`);
    const header = 'Tên đăng nhập,Họ và tên,Vai trò,Đơn vị';
    const bad = `${header}\r\nnhap.mot,Lê Văn Một,Cán bộ,Hạ Long\r\nX,Không Tên,Quản trị,Không có đơn vị này\r\n`;
    await page.getByTestId('account-import-file').setInputFiles({ name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const report = page.getByTestId('account-import-report');
    await report.waitFor();
    expect(await report.getAttribute('data-clean')).toBe('false');
    expect(await page.getByTestId('account-import-problem').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('account-import-commit').count()).toBe(0);
    await shot(page, 'accounts-10-import-problems', true);
    expect(await seriousAxeProblems(page), 'the account import with problems').toEqual([]);

    const good = `${header}\r\nnhap.mot,Lê Văn Một,Cán bộ,Hạ Long\r\nnhap.hai,Đỗ Thị Hai,Cán bộ,Hạ Long\r\n`;
    await page.getByTestId('account-import-file').setInputFiles({ name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect.poll(() => report.getAttribute('data-clean')).toBe('true');
    await page.getByTestId('account-import-commit').click();
    await page.getByTestId('account-import-done').waitFor();
    expect(await page.getByTestId('account-import-done').textContent()).toContain('Đã tạo 2 tài khoản');
    await page.getByTestId('account-import-slips').click();
    await page.waitForURL((url) => url.pathname === '/quan-tri/tai-khoan/phieu');
    expect(await page.getByTestId('slip').count()).toBe(2);

    // disable one, with a reason: the list says so
    await page.goto(`${t.url}/quan-tri/tai-khoan?q=nhap.hai`);
    const row = page.locator('[data-testid="account-row"][data-username="nhap.hai"]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('pending');
    await row.getByTestId('account-disable').click();
    await page.getByTestId('reason-input').fill('Đã chuyển công tác');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('disabled');
    expect(await row.getByTestId('account-status').textContent()).toContain('Đã chuyển công tác');
    await shot(page, 'accounts-11-disabled');
    expect(await seriousAxeProblems(page), 'a disabled account').toEqual([]);
    await context.close();

    // the login page: help for a forgotten password and the way to activation
    const visitorContext = await phone();
    const visitor = await open(visitorContext, 'visitor');
    await visitor.goto(`${t.url}/dang-nhap`);
    await visitor.getByTestId('login-forgot').waitFor();
    expect(await visitor.getByTestId('login-forgot').textContent()).toContain('Quên mật khẩu?');
    await shot(visitor, 'accounts-12-login');
    expect(await seriousAxeProblems(visitor), '/dang-nhap').toEqual([]);
    await visitor.getByTestId('login-activate-link').click();
    await visitor.waitForURL((url) => url.pathname === '/kich-hoat');
    await shot(visitor, 'accounts-13-activate');
    expect(await seriousAxeProblems(visitor), '/kich-hoat').toEqual([]);
    await visitorContext.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
