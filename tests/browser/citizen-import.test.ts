import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD } from '../support/harness';
import { browserSkipReason, demoAppAndBrowser, signIn, phoneContext, SCREENSHOTS, seriousAxeProblems, watchedPage } from '../support/browser';

/**
 * `/nguoi-dan/nhap` on a phone, as the ward's officer: a file of the wrong type is refused before
 * anything is sent; the template downloads; a file with a bad row gets a dry run that lists it and
 * writes nothing; "only the valid rows" imports the others, once.
 */
const SCENARIO_TIMEOUT = 240_000;
const missing = browserSkipReason('citizen-import.test.ts', { needsWebDist: true });

const HEADER = 'Họ và tên,Năm sinh,Số CCCD,Số điện thoại,Mã hộ,Chủ hộ,Địa chỉ';
const TAG = `NK${Date.now().toString(36).slice(-5)}`;
const GOOD = [`Lê Văn Nhập ${TAG}`, `Đỗ Thị Nhập ${TAG}`];
const CSV = [
  HEADER,
  `${GOOD[0]},1961,,0912345678,${TAG}-01,${GOOD[0]},Số nhà 4`,
  `${GOOD[1]},1964,,,${TAG}-01,,`,
  `Phan Văn Sai ${TAG},abc,,,,,`, // row 4: the birth year is not a number
].join('\r\n');

const pageErrors: string[] = [];

describe.skipIf(missing !== null)('importing citizens from a spreadsheet on a 390×844 phone', () => {
  const env = demoAppAndBrowser();
  const login = (page: Page, username: string) => signIn(page, env.app.url, username, DEMO_PASSWORD);

  const citizensTagged = async () =>
    (await queryRows<{ full_name: string; household_id: string | null }>(env.app.db, sql`select full_name, household_id from citizens where full_name like ${`%${TAG}`} order by full_name`));

  it('refuses a wrong file, lists the bad row of a dry run, then imports only the valid rows', async () => {
    const [g] = await queryRows<{ id: number }>(env.app.db, sql`select u.id from units u join units p on p.id = u.parent_id where p.code = '06688' and u.kind = 'RESIDENTIAL_GROUP' order by u.id limit 1`);
    const context = await phoneContext(env.browser, { acceptDownloads: true });
    const page = await watchedPage(context, 'officer-import', pageErrors);
    await login(page, 'officer');
    await page.goto(`${env.app.url}/nguoi-dan/nhap?to=${g.id}`);

    // the file field speaks Vietnamese: the browser's own control ("Choose File") is hidden
    expect((await page.getByTestId('import-file-button').innerText()).trim()).toBe('Chọn tệp…');
    expect((await page.getByTestId('import-file-name').innerText()).trim()).toBe('Chưa chọn tệp nào');
    expect((await page.getByTestId('import-file').boundingBox())?.width).toBeLessThanOrEqual(1);

    // the wrong type is refused in the page: no dry run, no report
    await page.getByTestId('import-file').setInputFiles({ name: 'danh-sach.txt', mimeType: 'text/plain', buffer: Buffer.from(CSV) });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Chỉ nhận tệp .csv hoặc .xlsx.' }).count()).toBe(1);
    expect(await page.getByTestId('import-report').count()).toBe(0);

    // the template is the file the page describes
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toBe('mau-danh-sach-nguoi-dan.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(new RegExp(`^\uFEFF${HEADER}\r\n`));

    // a dry run names row 4 and writes nothing
    await page.getByTestId('import-file').setInputFiles({ name: 'to-dan-pho.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const report = page.locator('[data-testid="import-report"][data-clean="false"]');
    await report.waitFor();
    expect((await page.getByTestId('import-file-name').innerText()).trim()).toBe('to-dan-pho.csv');
    expect((await page.getByTestId('import-file-button').innerText()).trim()).toBe('Chọn tệp khác…');
    expect(await page.getByTestId('import-summary').textContent()).toContain('Tệp có 3 dòng: 2 dòng hợp lệ, 1 dòng có lỗi.');
    const problems = await page.getByTestId('import-problem').allTextContents();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^4\s*Năm sinh/);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await citizensTagged()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}citizen-import-report.png`, fullPage: true });
    expect(await seriousAxeProblems(page), '/nguoi-dan/nhap').toEqual([]);

    // the valid rows go in as one household; the button cannot send them twice
    await page.getByTestId('import-commit-valid').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('Đã nhập 2 người dân và 1 hộ gia đình mới.');
    expect(await page.getByTestId('import-report').count()).toBe(0);
    const stored = await citizensTagged();
    expect(stored.map((c) => c.full_name).sort()).toEqual([...GOOD].sort());
    expect(new Set(stored.map((c) => c.household_id)).size).toBe(1);
    expect(stored[0].household_id).not.toBeNull();
    await context.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
