import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { appRoutes } from '@thidua/api/src/routes';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, SCREENSHOTS, seriousAxeProblems, signIn, WEB_DIST_INDEX, phoneContext } from '../support/browser';

/**
 * The speed of the page (issue 15), what can be checked without a stopwatch: the JavaScript a phone
 * downloads to open each page stays at most 200 kB gzipped (from the build manifest, and as loaded
 * by the browser), the chart library is fetched only where a chart is drawn, and a new version of
 * the app announces itself ("Có phiên bản mới") and takes over when asked.
 */
const missing = browserSkipReason('page-weight.test.ts', { needsWebDist: true });

const DIST = dirname(WEB_DIST_INDEX);
const MANIFEST = join(DIST, '.vite', 'manifest.json');
const BUDGET = 200 * 1024;
const NATIONAL_MOVEMENT = 'a0000000-0000-4000-8000-000000000001';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

const gzipped = new Map<string, number>();
/** A built file's size once gzipped (as the server sends it to a browser that takes gzip). */
function gzippedSize(file: string): number {
  let size = gzipped.get(file);
  if (size == null) gzipped.set(file, (size = gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length));
  return size;
}

/** A chunk holds ECharts when it carries the library's internal property prefix. */
const isEcharts = (file: string) => file.endsWith('.js') && readFileSync(join(DIST, file), 'utf8').includes('__ec_inner_');

/** The version the test's stand-in /sw.js carries; changing it is deploying a new version. */
let swVersion = 1;
async function serviceWorkerWithVersion(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/sw.js') return false;
  const body = `${readFileSync(join(DIST, 'sw.js'), 'utf8')}\n// test deploy ${swVersion}\n`;
  res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(body);
  return true;
}

let t: TestApp;
let browser: Browser;

const phone = () => phoneContext(browser);

/** The JavaScript files of the app a page requests, from the moment it is opened. */
function recordScripts(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) files.push(pathname.slice(1));
  });
  return files;
}

describe.skipIf(missing !== null)('the weight and the updates of the web app', () => {
  beforeAll(async () => {
    if (!existsSync(MANIFEST)) throw new Error(`${MANIFEST} is missing: build the web app (pnpm --filter @thidua/web build)`);
    t = await startTestApp({ demo: true, routes: [serviceWorkerWithVersion, ...appRoutes] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('keeps the JavaScript each page needs before it can show (the entry and the page, with what they import) at most 200 kB gzipped', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
    const closure = (key: string, into = new Set<string>()): Set<string> => {
      const chunk = manifest[key];
      if (!chunk || into.has(chunk.file)) return into;
      into.add(chunk.file);
      for (const imported of chunk.imports ?? []) closure(imported, into);
      return into;
    };
    const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
    expect(entries).toEqual(['index.html']);
    const shell = closure('index.html');
    const pages = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry && /\/modules\/.+Page\.vue$/.test(key));
    expect(pages.length).toBeGreaterThan(10);
    const weights = Object.fromEntries(
      ['index.html', ...pages].map((key) => {
        const files = closure(key, new Set(shell));
        return [key, [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzippedSize(f), 0)];
      }),
    );
    const over = Object.entries(weights).filter(([, bytes]) => bytes > BUDGET);
    expect(over.map(([key, bytes]) => `${key}: ${Math.round(bytes / 1024)} kB`)).toEqual([]);
    // and no page carries the chart library before it is needed
    const withCharts = ['index.html', ...pages].filter((key) => [...closure(key, new Set(shell))].some(isEcharts));
    expect(withCharts).toEqual([]);
  });

  it('downloads at most 200 kB of gzipped JavaScript to open each phone page, and no chart library for the board', async () => {
    const routes: { user: string | null; path: string; ready: string }[] = [
      { user: null, path: '/xep-hang', ready: 'board-row' },
      { user: null, path: '/', ready: 'main' },
      { user: null, path: '/xac-nhan', ready: 'confirm-code-input' },
      { user: 'officer', path: '/ghi-nhan', ready: 'record-form' },
      { user: 'leader', path: '/duyet', ready: 'review-card' },
      { user: 'citizen', path: '/bai-kiem-tra', ready: 'quiz-card' },
    ];
    const loaded: Record<string, number> = {};
    const charts: string[] = [];
    for (const route of routes) {
      const context = await phone();
      try {
        const page = await context.newPage();
        if (route.user) await signIn(page, t.url, route.user, DEMO_PASSWORD);
        // a cold load of the page itself (what an officer opening a bookmark downloads)
        const cold = await context.newPage();
        await cold.route('**/sw.js', (r) => r.abort()); // measure the page, not the worker's precaching
        const files = recordScripts(cold);
        await cold.goto(`${t.url}${route.path}`);
        if (route.ready === 'main') await cold.locator('main').waitFor();
        else await cold.getByTestId(route.ready).first().waitFor();
        await cold.waitForLoadState('networkidle');
        loaded[route.path] = [...new Set(files)].reduce((sum, f) => sum + gzippedSize(f), 0);
        charts.push(...files.filter(isEcharts).map((f) => `${route.path}: ${f}`));
      } finally {
        await context.close();
      }
    }
    for (const [path, bytes] of Object.entries(loaded)) expect(bytes, `${path}: ${Math.round(bytes / 1024)} kB`).toBeLessThanOrEqual(BUDGET);
    expect(charts).toEqual([]);
  });

  it('fetches the chart library on a unit’s standings page, where its chart is drawn', async () => {
    const [unit] = await queryRows<{ unit_id: number }>(
      t.db,
      sql`select unit_id from unit_movement_totals where movement_id = ${NATIONAL_MOVEMENT} and points > 0 order by points desc limit 1`,
    );
    const context = await phone();
    try {
      const page = await context.newPage();
      const files = recordScripts(page);
      await page.goto(`${t.url}/xep-hang/${NATIONAL_MOVEMENT}/don-vi/${unit.unit_id}`);
      await expect.poll(() => files.some(isEcharts), { timeout: 30_000 }).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('announces a new version with "Có phiên bản mới" and runs it after "Tải lại"', async () => {
    swVersion = 1;
    const context = await phone();
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/xep-hang`);
      await page.getByTestId('board-row').first().waitFor();
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 60_000 });
      expect(await page.getByTestId('update-ready').count()).toBe(0);

      // a deploy: the worker's script changes; the open page checks for it
      swVersion = 2;
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      const prompt = page.getByTestId('update-ready');
      await prompt.waitFor({ timeout: 60_000 });
      expect(await prompt.textContent()).toContain('Có phiên bản mới');
      // the new version waits for the person: the old one still runs the page
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}update-ready.png` });
      expect(await seriousAxeProblems(page), 'the update prompt').toEqual([]);

      await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), prompt.getByRole('button', { name: 'Tải lại' }).click()]);
      await page.getByTestId('board-row').first().waitFor();
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: registration?.waiting != null, controlled: navigator.serviceWorker.controller != null };
      });
      expect(state).toEqual({ waiting: false, controlled: true });
      expect(await page.getByTestId('update-ready').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
