import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type LaunchOptions, type Locator, type Page } from 'playwright-core';
import { guardCsp } from './csp-guard';
import { startTestApp, type TestApp } from './harness';

/** Debian's Chromium (STACK.md): never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** officers use phones: the browser tests run at this size */
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOTS = fileURLToPath(new URL('../browser/screenshots/', import.meta.url));
export const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

export const hasChromium = existsSync(CHROMIUM);

/** Why a browser test file cannot run here (null when it can), said plainly on the console. */
export function browserSkipReason(file: string, options: { needsWebDist?: boolean } = {}): string | null {
  const reason = !hasChromium
    ? `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`
    : options.needsWebDist && !existsSync(WEB_DIST_INDEX)
      ? 'web/dist is missing (pnpm --filter @thidua/web build)'
      : null;
  if (reason) console.warn(`\n*** SKIPPED: ${file} did not run: ${reason}. ***\n`);
  return reason;
}

/**
 * Debian's Chromium, headless; every context (and page) it opens is watched by the CSP guard, so a
 * Content-Security-Policy violation fails the test.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...options });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (contextOptions) => {
    const context = await newContext(contextOptions);
    await guardCsp(context);
    return context;
  };
  return browser;
}

/** A phone's context in a launched browser: 390×844, touch, Vietnamese (plus any `options`). */
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'vi-VN', ...options });
}

/** A page of `context` with a 20 s default timeout, its uncaught errors collected in `errors` under `name`. */
export async function watchedPage(context: BrowserContext, name: string, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(`[${name}] ${error.message}`));
  return page;
}

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught page errors seen so far */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** A phone-sized page in a fresh Chromium profile, collecting console errors (and CSP violations). */
export async function openPhonePage(): Promise<PhonePage> {
  const profileDir = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  await guardCsp(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    consoleErrors,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page as a demo (or test) account and waits to leave it. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/dang-nhap');
}

let axeSource: string | undefined;

/**
 * The serious and critical accessibility problems axe-core finds on the page as it is now, one
 * line each (rule, impact, what to fix, where), so `expect(...).toEqual([])` says what is wrong.
 * axe's source is evaluated through the DevTools protocol, which the page's Content-Security-Policy
 * does not govern (an injected <script> would be refused, and the CSP guard would fail the test).
 */
export async function seriousAxeProblems(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Axe = {
      run(context: Document, options: object): Promise<{
        violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
      }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
}

/**
 * What of a board (or any block) does not fit: elements reaching past its right edge (a column cut
 * off), and unit names (board-row-name) narrower than their longest word (broken letter by letter).
 */
export async function misfits(block: Locator): Promise<{ pastEdge: string[]; brokenNames: string[] }> {
  const pastEdge = await block.evaluate((el) => {
    const edge = el.getBoundingClientRect().right;
    return [...el.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > edge + 0.5).map((c) => (c.textContent ?? '').trim().slice(0, 30));
  });
  const brokenNames = await block.getByTestId('board-row-name').evaluateAll((links) =>
    links
      .filter((a) => {
        const words = (a.textContent ?? '').trim().split(/\s+/);
        const width = a.getBoundingClientRect().width;
        // a hidden copy of each word, in the link's own font
        const probe = document.createElement('span');
        probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
        a.appendChild(probe);
        const widest = Math.max(...words.map((word) => ((probe.textContent = word), probe.getBoundingClientRect().width)));
        probe.remove();
        return width + 0.5 < widest;
      })
      .map((a) => a.textContent ?? ''),
  );
  return { pastEdge, brokenNames };
}

/**
 * The demo app and a Chromium for the tests of one `describe`: started before them (the screenshot
 * folder made), closed after. Call it inside the describe; read `.app` and `.browser` in the tests.
 */
export function demoAppAndBrowser(): { readonly app: TestApp; readonly browser: Browser } {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startTestApp({ demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      return app!;
    },
    get browser() {
      return browser!;
    },
  };
}
