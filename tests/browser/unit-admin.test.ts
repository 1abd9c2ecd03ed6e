import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, openPhonePage, signIn, SCREENSHOTS, seriousAxeProblems, type PhonePage } from '../support/browser';

/**
 * The unit tree editor (`/quan-tri/don-vi`) on a phone, as the national ADMIN: down to Phường Hạ
 * Long, add a community tech team, rename it, import a file (a dry run refuses the bad row and
 * writes nothing; the clean file imports), deactivate a unit (gone from the list, back greyed with
 * the toggle). A LEADER gets the "no permission" page.
 */
const missing = browserSkipReason('unit-admin.test.ts', { needsWebDist: true });

const TEAM = 'Tổ công nghệ số cộng đồng khu 3';
const RENAMED = 'Tổ công nghệ số cộng đồng khu 3A';
const HEADER = 'Tên,Loại,Mã,Đơn vị cha,Dân số,Số người trưởng thành,Số hộ,Nguồn số liệu';
const GOOD_ROW = 'Tổ dân phố Kiểm Thử 1,tổ dân phố,,,1250,980,410,Danh sách hộ của phường 2025';
const BAD_ROW = 'Chi đoàn Kiểm Thử,chi đoàn,,,500,,,';
const FIXED_ROW = 'Chi đoàn Kiểm Thử,chi đoàn,,,500,,,Danh sách đoàn viên 2025';

let t: TestApp;
let phone: PhonePage;
let page: Page;

const row = (name: string) =>
  page.getByTestId('admin-unit-row').filter({ has: page.getByTestId('admin-unit-name').getByText(name, { exact: true }) });

/** Taps the child called `name`, asking for more rows ("Xem thêm") until it is listed. */
async function openChild(name: string): Promise<void> {
  await page.getByTestId('unit-admin-count').filter({ hasText: /\d/ }).waitFor();
  while ((await row(name).count()) === 0) {
    await page.getByTestId('unit-admin-load-more').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="unit-admin-load-more"][disabled]'));
  }
  await row(name).getByRole('link').click();
  await expect.poll(() => page.getByTestId('unit-admin-title').textContent()).toBe(name);
}

async function unitsNamed(name: string) {
  return queryRows<{ id: number; name: string; deactivated_reason: string | null; population: number | null }>(
    t.db,
    sql`select id, name, deactivated_reason, population from units where name = ${name}`,
  );
}

async function chooseFile(name: string, text: string): Promise<void> {
  await page.getByTestId('unit-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe.skipIf(missing !== null)('the unit tree editor on a phone', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ demo: true });
    phone = await openPhonePage();
    page = phone.page;
  });

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it('starts at the admin’s own unit and drills down to Phường Hạ Long', async () => {
    await signIn(page, t.url, 'admin', DEMO_PASSWORD);
    await page.goto(`${t.url}/quan-tri/don-vi`);
    await expect.poll(() => page.getByTestId('unit-admin-title').textContent()).toBe('Việt Nam');
    await openChild('Tỉnh Quảng Ninh');
    await openChild('Phường Hạ Long');
    expect(await page.locator('.breadcrumb').textContent()).toContain('Tỉnh Quảng Ninh');
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-1-ha-long.png`, fullPage: true });
    expect(await seriousAxeProblems(page), '/quan-tri/don-vi').toEqual([]);
  });

  it('adds an organization with its population and source, and lists it', async () => {
    await page.getByTestId('unit-admin-add').click();
    const dialog = page.getByTestId('unit-form-dialog');
    await dialog.waitFor();
    await page.getByTestId('unit-form-kind-ORGANIZATION').click();
    await page.getByTestId('unit-form-name').fill(TEAM);
    await page.getByTestId('unit-form-subtype').fill('Tổ công nghệ số cộng đồng');
    await page.getByTestId('unit-form-population').fill('1.250');
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-2-add-form-top.png` });

    // a figure without its source is refused on the field, before anything is sent
    await page.getByTestId('unit-form-save').click();
    await dialog.locator('.field__error').filter({ hasText: 'nguồn' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-2-add-form-error.png` });
    expect(await seriousAxeProblems(page), 'the unit form with an error').toEqual([]);

    await page.getByTestId('unit-form-source').fill('Danh sách hộ khu 3, tháng 9/2025');
    await page.getByTestId('unit-form-save').click();
    await page.getByTestId('unit-admin-announcement').filter({ hasText: TEAM }).waitFor();
    await row(TEAM).waitFor();
    expect(await row(TEAM).textContent()).toContain('1.250');

    const [stored] = await unitsNamed(TEAM);
    expect(stored).toMatchObject({ population: 1250, deactivated_reason: null });
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-3-added.png`, fullPage: true });
  });

  it('adds a residential group with the optional figures left empty', async () => {
    const GROUP = 'Tổ dân phố Kiểm Thử Trống';
    await page.getByTestId('unit-admin-add').click();
    const dialog = page.getByTestId('unit-form-dialog');
    await dialog.waitFor();
    await page.getByTestId('unit-form-kind-RESIDENTIAL_GROUP').click();
    await page.getByTestId('unit-form-name').fill(GROUP);
    await page.getByTestId('unit-form-save').click();
    await page.getByTestId('unit-admin-announcement').filter({ hasText: GROUP }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    const [stored] = await unitsNamed(GROUP);
    expect(stored).toMatchObject({ population: null, deactivated_reason: null });
  });

  it('renames it', async () => {
    await row(TEAM).getByTestId('admin-unit-edit').click();
    await page.getByTestId('unit-form-name').fill(RENAMED);
    await page.getByTestId('unit-form-save').click();
    await page.getByTestId('unit-admin-announcement').filter({ hasText: RENAMED }).waitFor();
    await row(RENAMED).waitFor();
    expect(await row(TEAM).count()).toBe(0);
    expect(await unitsNamed(RENAMED)).toHaveLength(1);
  });

  it('checks an import first, writes nothing while a row is wrong, then imports the clean file', async () => {
    await page.getByTestId('unit-admin-import').click();
    await page.getByTestId('unit-import-parent').filter({ hasText: 'Phường Hạ Long' }).waitFor();
    expect(await page.getByTestId('unit-import-template').getAttribute('href')).toBe('/api/units/import-template.csv');

    await chooseFile('don-vi-loi.csv', `${HEADER}\n${GOOD_ROW}\n${BAD_ROW}\n`);
    await page.locator('[data-testid="unit-import-report"][data-clean="false"]').waitFor();
    const problems = page.getByTestId('unit-import-problem');
    expect(await problems.count()).toBe(1);
    expect(await problems.first().locator('td').first().textContent()).toBe('3');
    expect(await page.getByTestId('unit-import-commit').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-4-import-problems.png`, fullPage: true });
    expect(await seriousAxeProblems(page), 'the unit import with problems').toEqual([]);
    expect(await unitsNamed('Tổ dân phố Kiểm Thử 1')).toHaveLength(0);
    expect(await unitsNamed('Chi đoàn Kiểm Thử')).toHaveLength(0);

    await chooseFile('don-vi.csv', `${HEADER}\n${GOOD_ROW}\n${FIXED_ROW}\n`);
    await page.locator('[data-testid="unit-import-report"][data-clean="true"]').waitFor();
    expect(await page.getByTestId('unit-import-plan').textContent()).toContain('2');
    await page.getByTestId('unit-import-commit').click();
    await page.getByTestId('unit-import-done').waitFor();
    expect(await page.getByTestId('unit-import-done').textContent()).toContain('2');
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-5-imported.png`, fullPage: true });
    expect(await unitsNamed('Tổ dân phố Kiểm Thử 1')).toHaveLength(1);
    expect(await unitsNamed('Chi đoàn Kiểm Thử')).toHaveLength(1);

    await page.getByTestId('unit-import-to-tree').click();
    await row('Tổ dân phố Kiểm Thử 1').waitFor();
  });

  it('deactivates a unit with a reason: gone from the list, greyed with the toggle', async () => {
    await row('Chi đoàn Kiểm Thử').getByTestId('admin-unit-deactivate').click();
    const dialog = page.getByTestId('deactivate-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('toàn bộ đơn vị trực thuộc');
    await page.getByTestId('deactivate-reason').fill('Sáp nhập vào chi đoàn phường');
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-6-deactivate.png` });
    expect(await seriousAxeProblems(page), 'the deactivate dialog').toEqual([]);
    await page.getByTestId('deactivate-confirm').click();
    await page.getByTestId('unit-admin-announcement').filter({ hasText: 'Chi đoàn Kiểm Thử' }).waitFor();
    await expect.poll(() => row('Chi đoàn Kiểm Thử').count()).toBe(0);
    const [stored] = await unitsNamed('Chi đoàn Kiểm Thử');
    expect(stored!.deactivated_reason).toBe('Sáp nhập vào chi đoàn phường');

    await page.getByTestId('unit-admin-show-deactivated').check();
    const greyed = row('Chi đoàn Kiểm Thử');
    await greyed.waitFor();
    expect(await greyed.getAttribute('data-active')).toBe('false');
    expect(await greyed.getByTestId('admin-unit-deactivated').textContent()).toContain('Sáp nhập vào chi đoàn phường');
    expect(await greyed.getByTestId('admin-unit-deactivate').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}unit-admin-7-deactivated-shown.png`, fullPage: true });
    expect(await seriousAxeProblems(page), 'deactivated units shown').toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });

  it('keeps a LEADER out with the forbidden page', async () => {
    const leader = await openPhonePage();
    try {
      await signIn(leader.page, t.url, 'leader', DEMO_PASSWORD);
      await leader.page.goto(`${t.url}/quan-tri/don-vi`);
      await leader.page.getByTestId('forbidden').waitFor();
      expect(new URL(leader.page.url()).pathname).toBe('/khong-co-quyen');
      await leader.page.screenshot({ path: `${SCREENSHOTS}unit-admin-8-leader-forbidden.png` });
      expect(await seriousAxeProblems(leader.page), '/khong-co-quyen').toEqual([]);
    } finally {
      await leader.close();
    }
  });
});
