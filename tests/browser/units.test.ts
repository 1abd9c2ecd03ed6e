import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';

/** Debian's Chromium (STACK.md): never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`\n*** SKIPPED: the browser tests did not run, because Chromium is not installed at ${CHROMIUM}. Install it with "apt-get install -y chromium". ***\n`);

let t: TestApp;
let context: BrowserContext;
let page: Page;
let profileDir: string;
const consoleErrors: string[] = [];
/** the result row whose unit is exactly Phường Hạ Long (not its residential groups or organizations) */
const haLongRow = () => page.getByTestId('unit-row').filter({ has: page.getByText('Phường Hạ Long', { exact: true }) });

(hasChromium ? describe : describe.skip)('the unit browser on a 390-px-wide phone', () => {
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

  it('logs in as the demo officer and shows them in the header', async () => {
    await page.goto(`${t.url}/dang-nhap`);
    await page.getByTestId('login-username').fill('officer');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);
    expect(await page.getByTestId('current-user').textContent()).toMatch(/cán bộ/i);
  });

  it('finds Phường Hạ Long when searching "ha long"', async () => {
    if (!page.url().endsWith('/')) await page.goto(`${t.url}/`);
    const search = page.getByTestId('unit-search');
    await search.fill('ha long');
    await search.press('Enter');
    await haLongRow().first().waitFor();
    expect(await haLongRow().count()).toBe(1);
  });

  it('opens Phường Hạ Long and shows its name as the title', async () => {
    await haLongRow().getByRole('link').click();
    await page.waitForURL(/\/don-vi\/\d+/);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Phường Hạ Long');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'phuong-ha-long-390.png'), fullPage: true });
  });

  it('fits the phone screen without scrolling sideways', async () => {
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
