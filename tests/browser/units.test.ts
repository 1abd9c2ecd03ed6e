import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, openPhonePage, SCREENSHOTS, seriousAxeProblems, WEB_DIST_INDEX, type PhonePage } from '../support/browser';

const hasChromium = browserSkipReason('units.test.ts') === null;

let t: TestApp;
let phone: PhonePage;
let page: Page;
let consoleErrors: string[] = [];
/** the result row whose unit is exactly Phường Hạ Long (not its residential groups or organizations) */
const haLongRow = () => page.getByTestId('unit-row').filter({ has: page.getByText('Phường Hạ Long', { exact: true }) });

(hasChromium ? describe : describe.skip)('the unit browser on a 390-px-wide phone', () => {
  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: build the web app first (pnpm --filter @thidua/web build, or run pnpm test:browser)`);
    t = await startTestApp({ demo: true });
    phone = await openPhonePage();
    page = phone.page;
    consoleErrors = phone.consoleErrors;
  });

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it('logs in as the demo officer and shows them in the header', async () => {
    await page.goto(`${t.url}/dang-nhap`);
    await page.getByTestId('login-username').waitFor();
    expect(await seriousAxeProblems(page), '/dang-nhap').toEqual([]);
    await page.getByTestId('login-username').fill('officer');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);
    expect(await page.getByTestId('current-user').textContent()).toMatch(/cán bộ/i);
  });

  it('finds Phường Hạ Long when searching "ha long"', async () => {
    // the unit browser (the home page is the movement's since issue 15)
    if (!page.url().endsWith('/don-vi')) await page.goto(`${t.url}/don-vi`);
    const search = page.getByTestId('unit-search');
    await search.fill('ha long');
    await search.press('Enter');
    await haLongRow().first().waitFor();
    expect(await haLongRow().count()).toBe(1);
    expect(await seriousAxeProblems(page), '/ with search results').toEqual([]);
  });

  it('opens Phường Hạ Long and shows its name as the title', async () => {
    await haLongRow().getByRole('link').click();
    await page.waitForURL(/\/don-vi\/\d+/);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Phường Hạ Long');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'phuong-ha-long-390.png'), fullPage: true });
    expect(await seriousAxeProblems(page), 'the unit page').toEqual([]);
  });

  it('fits the phone screen without scrolling sideways', async () => {
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
