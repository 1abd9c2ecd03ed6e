import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, misfits, openPhonePage, PHONE, SCREENSHOTS, seriousAxeProblems, WEB_DIST_INDEX, type PhonePage } from '../support/browser';

/** the demo's national movement (ACTIVE) */
const NATIONAL_MOVEMENT = 'a0000000-0000-4000-8000-000000000001';

const hasChromium = browserSkipReason('leaderboard.test.ts') === null;

let t: TestApp;
let phone: PhonePage;
let page: Page;
let consoleErrors: string[] = [];

/** the board row whose unit is exactly this one */
const rowOf = (fullName: string) =>
  page.getByTestId('board-row').filter({ has: page.getByTestId('board-row-name').getByText(fullName, { exact: true }) });

(hasChromium ? describe : describe.skip)('the public leaderboard on a 390-px-wide phone', () => {
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
    expect(await seriousAxeProblems(page), 'the province board').toEqual([]);
  });

  it('shows a period in which nobody scored as empty, not as a ranking of zeros', async () => {
    // the demo movement runs to 31/12/2026; nothing is approved after today (05/12/2026 in the demo's world)
    await page.goto(`${t.url}/xep-hang/${NATIONAL_MOVEMENT}?pham-vi=xa&ky=tuy-chon&tu=2026-12-30&den=2026-12-31`);
    await page.getByTestId('board-no-points').waitFor();
    expect(await page.getByTestId('board-no-points').textContent()).toContain('Chưa có điểm nào trong kỳ này');
    expect(await page.getByTestId('board-row').count()).toBe(0);
    expect(await seriousAxeProblems(page), 'an empty period').toEqual([]);
    // the whole movement still ranks
    await page.goto(`${t.url}/xep-hang/${NATIONAL_MOVEMENT}`);
    await rowOf('Tỉnh Quảng Ninh').waitFor();
    expect(await page.getByTestId('board-no-points').count()).toBe(0);
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
    expect(await seriousAxeProblems(page), "Quảng Ninh's communes").toEqual([]);
  });

  it('keeps the drill-down in the address, so the view can be shared', async () => {
    const shared = page.url();
    const other = await phone.context.newPage();
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

  it.each([
    [844, 390, 'a phone held sideways'],
    [800, 1280, 'a tablet'],
    [1024, 768, 'a small laptop'],
    [1280, 900, 'a desktop'],
  ])('shows the whole board on %i × %i px (%s): no column cut off, names broken between words only', async (width, height) => {
    await page.setViewportSize({ width, height });
    try {
      await page.goto(`${t.url}/xep-hang/${NATIONAL_MOVEMENT}`);
      await rowOf('Tỉnh Quảng Ninh').waitFor();
      expect(await misfits(page.locator('.board-table').first())).toEqual({ pastEdge: [], brokenNames: [] });
      const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    } finally {
      await page.setViewportSize(PHONE);
    }
  });

  it('prints the board densely: no row kept at the 44-px tap height on paper', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      await page.goto(`${t.url}/xep-hang/${NATIONAL_MOVEMENT}`);
      await rowOf('Tỉnh Quảng Ninh').waitFor();
      await page.emulateMedia({ media: 'print' });
      const heights = await page.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
      expect(heights.length).toBeGreaterThan(10);
      // 10-pt text with 2-pt padding: about 40 rows to an A4 page, not 18
      expect(Math.max(...heights)).toBeLessThan(32);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(PHONE);
    }
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
