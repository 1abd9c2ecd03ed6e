import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID, DEMO_QUANG_NINH_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, misfits, openPhonePage, PHONE, SCREENSHOTS, seriousAxeProblems, WEB_DIST_INDEX, type PhonePage } from '../support/browser';

/*
 * The competition people see (issue 15), on a 390-px phone: the movement's home for a visitor,
 * each role landing on its work after signing in, a long board in pages with "my unit" pinned,
 * links a thumb can hit (44 px), and the header naming the movement on screen.
 */

const hasChromium = browserSkipReason('home.test.ts') === null;

let t: TestApp;
let phone: PhonePage;
let page: Page;
let consoleErrors: string[] = [];

/** Heights (px) of the visible links matched, with their text, for the 44-px rule. */
async function linkHeights(links: Locator): Promise<{ text: string; height: number }[]> {
  return links.evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 40), height: el.getBoundingClientRect().height })),
  );
}

async function expectTall(links: Locator, atLeast = 1): Promise<void> {
  const heights = await linkHeights(links);
  expect(heights.length).toBeGreaterThanOrEqual(atLeast);
  const short = heights.filter((h) => h.height < 44);
  expect(short).toEqual([]);
}

async function signIn(p: Page, username: string, from = '/'): Promise<void> {
  await p.goto(`${t.url}${from}`);
  await p.locator('.login-link').click();
  await p.waitForURL((url) => url.pathname === '/dang-nhap');
  await p.getByTestId('login-username').fill(username);
  await p.getByTestId('login-password').fill(DEMO_PASSWORD);
  await p.getByTestId('login-submit').click();
}

(hasChromium ? describe : describe.skip)('the competition on a 390-px-wide phone', () => {
  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: build the web app first (pnpm --filter @thidua/web build)`);
    t = await startTestApp({ demo: true });
    phone = await openPhonePage();
    page = phone.page;
    consoleErrors = phone.consoleErrors;
  });

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it("shows a visitor the national movement's home: top boards, totals, targets and the feed", async () => {
    await page.goto(`${t.url}/`);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('home-title').waitFor();
    const [movement] = await queryRows<{ title: string }>(t.db, sql`select title from movements where id = ${DEMO_NATIONAL_MOVEMENT_ID}`);
    expect(await page.getByTestId('home-title').textContent()).toBe(movement!.title);

    // the totals are the API's, which the API tests hold to the ledger
    await page.getByTestId('home-totals').waitFor();
    const totals = (await t.gql(`query($id: ID!) { movementTotals(movementId: $id) { classes attendees assists digitalCitizens digitalHouseholds } }`, { id: DEMO_NATIONAL_MOVEMENT_ID })).data!
      .movementTotals;
    expect(totals.classes).toBeGreaterThan(0);
    for (const key of ['classes', 'attendees', 'assists', 'digitalCitizens', 'digitalHouseholds'] as const) {
      const shown = (await page.getByTestId(`home-total-${key}`).locator('dd').textContent())!.replace(/\./g, '');
      expect(Number(shown)).toBe(totals[key]);
    }

    for (const key of ['PROVINCE', 'COMMUNE', 'PER_1000']) {
      const board = page.getByTestId(`home-board-${key}`);
      await board.getByTestId('board-row').first().waitFor();
      expect(await board.getByTestId('board-row').count()).toBeLessThanOrEqual(5);
    }
    expect(await page.getByTestId('home-board-PROVINCE').getByTestId('board-row-name').allTextContents()).toContain('Tỉnh Quảng Ninh');

    await page.getByTestId('home-feed-item').first().waitFor();
    const feed = await page.getByTestId('home-feed').textContent();
    expect(feed).toMatch(/điểm/);
    expect(feed).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    // no personal data: no citizen's or officer's name from the demo ever reaches the feed
    const people = await queryRows<{ name: string }>(t.db, sql`select full_name as name from citizens union select display_name from users`);
    for (const { name } of people) expect(feed).not.toContain(name);

    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    expect(await seriousAxeProblems(page), 'the home').toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'home-390.png'), fullPage: true });
  });

  it('sets the three top boards side by side on a wide screen, each whole inside its column', async () => {
    const keys = ['PROVINCE', 'COMMUNE', 'PER_1000'];
    await page.setViewportSize({ width: 1280, height: 900 });
    try {
      await page.goto(`${t.url}/`);
      const boxes = [];
      for (const key of keys) {
        const board = page.getByTestId(`home-board-${key}`);
        await board.getByTestId('board-row').first().waitFor();
        // nothing of a board reaches past its column (the full table did: a column cut off, names broken letter by letter)
        expect(await misfits(board), key).toEqual({ pastEdge: [], brokenNames: [] });
        boxes.push(await board.boundingBox());
      }
      // one row of three columns
      expect(new Set(boxes.map((b) => Math.round(b!.y))).size).toBe(1);
      expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(3);
      await page.screenshot({ path: join(SCREENSHOTS, 'home-1280.png') });
    } finally {
      await page.setViewportSize(PHONE);
    }
  });

  it('keeps the unit browser one tap away', async () => {
    await page.getByTestId('home-units').click();
    await page.waitForURL((url) => url.pathname === '/don-vi');
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('Việt Nam');
    expect(await page.getByTestId('footer-units').getAttribute('href')).toBe('/don-vi');
    await page.getByRole('button', { name: /menu/i }).click();
    expect(await page.locator('#primary-nav a[href="/don-vi"]').count()).toBe(1);
    expect(await page.locator('#primary-nav a[href="/"]').count()).toBe(1);
  });

  it('gives every row link, small link and footer link at least 44 px', async () => {
    await page.goto(`${t.url}/`);
    await page.getByTestId('home-feed-item').first().waitFor();
    await page.getByTestId('home-board-COMMUNE').getByTestId('board-row').first().waitFor();
    await expectTall(page.getByTestId('board-row-name'), 10);
    await expectTall(page.getByTestId('home-feed-unit'), 1);
    await expectTall(page.locator('.home-board__all'), 3);
    await expectTall(page.locator('.app-footer a'), 2);

    await page.goto(`${t.url}/xep-hang/${DEMO_NATIONAL_MOVEMENT_ID}?pham-vi=xa`);
    await page.getByTestId('board-row').first().waitFor();
    await expectTall(page.getByTestId('board-row-name'), 50);
    await expectTall(page.getByTestId('board-drill'), 50);
    await expectTall(page.locator('[data-testid="board-pager"] a'), 3);
    await expectTall(page.locator('.export-actions a'), 2);
  });

  it('pages a long board by 50, with page links in the address', async () => {
    await page.goto(`${t.url}/xep-hang/${DEMO_NATIONAL_MOVEMENT_ID}?pham-vi=xa`);
    await page.getByTestId('board-row').first().waitFor();
    expect(await page.getByTestId('board-row').count()).toBe(50);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(9_000);
    const firstPage = await page.getByTestId('board-row-name').allTextContents();
    await page.getByTestId('board-pager').getByRole('link', { name: 'Trang 2' }).click();
    await page.waitForURL((url) => url.searchParams.get('trang') === '2');
    await expect.poll(async () => (await page.getByTestId('board-row-name').allTextContents())[0]).not.toBe(firstPage[0]);
    expect(await page.getByTestId('board-row').count()).toBe(50);
    expect(await page.getByTestId('board-count').textContent()).toMatch(/51–100 trên 3\.321/);
    const second = await page.getByTestId('board-row-name').allTextContents();
    expect(second.filter((name) => firstPage.includes(name))).toEqual([]);
    // the last page, from the link to it
    await page.getByTestId('board-pager').getByRole('link', { name: 'Trang 67' }).click();
    await page.waitForURL((url) => url.searchParams.get('trang') === '67');
    await expect.poll(() => page.getByTestId('board-row').count()).toBe(21);
  });

  it('lands the officer on Ghi nhận after signing in from the home page', async () => {
    await signIn(page, 'officer');
    await page.waitForURL((url) => url.pathname === '/ghi-nhan');
  });

  it("pins the officer's commune with its rank on another page, and jumps to it", async () => {
    await page.goto(`${t.url}/xep-hang/${DEMO_NATIONAL_MOVEMENT_ID}?pham-vi=xa&trang=40`);
    const pin = page.getByTestId('board-my-unit');
    await pin.waitFor();
    expect(await pin.getByTestId('board-row-name').textContent()).toBe('Phường Hạ Long');
    const rank = Number(await pin.getByTestId('board-row-rank').textContent());
    expect(rank).toBeGreaterThanOrEqual(1);
    // not on this page: only the pinned copy is on screen
    expect(await page.locator('[id^="board-row-"]').filter({ hasText: 'Phường Hạ Long' }).count()).toBe(0);
    await expectTall(pin.getByTestId('board-my-unit-jump'));
    await pin.getByTestId('board-my-unit-jump').click();
    await page.waitForURL((url) => url.searchParams.get('trang') !== '40');
    const row = page.locator('[id^="board-row-"][aria-current="true"]');
    await row.waitFor();
    expect(await row.getByTestId('board-row-name').textContent()).toBe('Phường Hạ Long');
    expect(Number(await row.getByTestId('board-row-rank').textContent())).toBe(rank);
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await row.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(844);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'board-my-unit-390.png') });
  });

  it('names the movement being viewed in the header', async () => {
    const [qn] = await queryRows<{ title: string }>(t.db, sql`select title from movements where id = ${DEMO_QUANG_NINH_MOVEMENT_ID}`);
    const [national] = await queryRows<{ title: string }>(t.db, sql`select title from movements where id = ${DEMO_NATIONAL_MOVEMENT_ID}`);
    await page.goto(`${t.url}/xep-hang/${DEMO_QUANG_NINH_MOVEMENT_ID}`);
    await expect.poll(() => page.getByTestId('active-movement').textContent()).toContain(qn!.title);
    await page.goto(`${t.url}/xep-hang/${DEMO_NATIONAL_MOVEMENT_ID}`);
    await expect.poll(() => page.getByTestId('active-movement').textContent()).toContain(national!.title);
  });

  it('sends a signed-in officer who opens the app at / to Ghi nhận, and shows the home from the menu', async () => {
    await page.goto(`${t.url}/`);
    await page.waitForURL((url) => url.pathname === '/ghi-nhan');
    await page.locator('.brand').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('home-title').waitFor();
    expect(await page.getByTestId('home-my-work').getAttribute('href')).toBe('/ghi-nhan');
  });

  it.each([
    ['leader', '/bang-dieu-khien'],
    ['citizen', '/bai-kiem-tra'],
  ])('lands the %s on their work after signing in', async (username, landing) => {
    const other = await openPhonePage();
    try {
      await signIn(other.page, username);
      await other.page.waitForURL((url) => url.pathname === landing);
      expect(other.consoleErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("keeps an administrator's account buttons on one line on a wide screen, however many links the menu has", async () => {
    const other = await openPhonePage();
    try {
      await other.page.setViewportSize({ width: 1280, height: 900 });
      await signIn(other.page, 'admin');
      await other.page.waitForURL((url) => url.pathname !== '/dang-nhap');
      const buttons = other.page.locator('.primary-nav__actions > *');
      expect(await buttons.count()).toBe(3);
      const tops = await buttons.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      // they wrapped under one another when the admin's many links squeezed them
      expect(new Set(tops).size).toBe(1);
      const link = await other.page.locator('.primary-nav__list').boundingBox();
      const actions = await other.page.locator('.primary-nav__actions').boundingBox();
      expect(actions!.x).toBeGreaterThanOrEqual(link!.x + link!.width);
      expect(other.consoleErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('logs no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
