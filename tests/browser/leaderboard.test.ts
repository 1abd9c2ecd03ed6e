import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness';

/** Debian's Chromium (STACK.md): never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
/** the demo's national movement (ACTIVE) */
const NATIONAL_MOVEMENT = 'a0000000-0000-4000-8000-000000000001';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`\n*** SKIPPED: the leaderboard browser test did not run, because Chromium is not installed at ${CHROMIUM}. Install it with "apt-get install -y chromium". ***\n`);

let t: TestApp;
let context: BrowserContext;
let page: Page;
let profileDir: string;
const consoleErrors: string[] = [];

/** the board row whose unit is exactly this one */
const rowOf = (fullName: string) =>
  page.getByTestId('board-row').filter({ has: page.getByTestId('board-row-name').getByText(fullName, { exact: true }) });

(hasChromium ? describe : describe.skip)('the public leaderboard on a 390-px-wide phone', () => {
  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: build the web app first (pnpm --filter @thidua/web build, or run pnpm test:browser)`);
    t = await startTestApp({ demo: true });
    profileDir = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await t?.close();
  });

  it('shows an anonymous visitor the province board of the national movement, with Quảng Ninh ranked', async () => {
    await page.goto(`${t.url}/xep-hang`);
    // /xep-hang opens the current national movement, without asking to log in
    await page.waitForURL(new RegExp(`/xep-hang/${NATIONAL_MOVEMENT}`));
    expect(page.url()).not.toContain('/dang-nhap');
    await expect.poll(() => page.getByTestId('board-title').textContent()).toMatch(/tỉnh\/thành phố/i);

    const quangNinh = rowOf('Tỉnh Quảng Ninh');
    await quangNinh.waitFor();
    const rank = Number(await quangNinh.getByTestId('board-row-rank').textContent());
    expect(Number.isInteger(rank) && rank >= 1).toBe(true);
    // every rank change carries a sentence for screen readers, not just an arrow
    expect((await quangNinh.getByTestId('rank-change').textContent())?.trim().length).toBeGreaterThan(3);
    // the published tie-break rule sits under the table
    expect(await page.getByTestId('board-tiebreak').textContent()).toMatch(/đồng hạng/);
    // export links carry the same board
    expect(await page.getByTestId('board-export-xlsx').getAttribute('href')).toContain(`movementId=${NATIONAL_MOVEMENT}`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard-provinces-390.png') });
  });

  it("drills down into Quảng Ninh's communes and finds Phường Hạ Long", async () => {
    await rowOf('Tỉnh Quảng Ninh').getByTestId('board-drill').click();
    await page.waitForURL(/[?&]trong=/);
    await expect.poll(() => page.getByTestId('board-title').textContent()).toMatch(/xã\/phường thuộc Tỉnh Quảng Ninh/);
    const haLong = rowOf('Phường Hạ Long');
    await haLong.waitFor();
    expect(Number(await haLong.getByTestId('board-row-rank').textContent())).toBeGreaterThanOrEqual(1);
    // the breadcrumb leads back up
    expect(await page.getByTestId('board-breadcrumb').textContent()).toContain('Tỉnh Quảng Ninh');
    mkdirSync(SCREENSHOTS, { recursive: true });
    // the phone's screen as the visitor sees it: where they are, and the first communes
    await page.getByTestId('board-breadcrumb').evaluate((nav) => nav.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard-quang-ninh-390.png') });
  });

  it('keeps the drill-down in the address, so the view can be shared', async () => {
    const shared = page.url();
    const other = await context.newPage();
    try {
      await other.goto(shared);
      await other
        .getByTestId('board-row')
        .filter({ has: other.getByTestId('board-row-name').getByText('Phường Hạ Long', { exact: true }) })
        .waitFor();
    } finally {
      await other.close();
    }
  });

  it('fits the phone screen without scrolling sideways', async () => {
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
  });

  it('goes back up to the province board from the breadcrumb', async () => {
    await page.getByTestId('board-breadcrumb').getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('board-title').textContent()).toMatch(/tỉnh\/thành phố/i);
    await rowOf('Tỉnh Quảng Ninh').waitFor();
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
