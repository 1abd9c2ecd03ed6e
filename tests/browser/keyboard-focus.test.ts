import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/harness';
import { browserSkipReason, demoAppAndBrowser, signIn, watchedPage } from '../support/browser';

/**
 * Keyboard use where an action removes or disables the control that had the focus: the focus
 * must land somewhere sensible, not on the page's body (where the next Tab starts over at the top
 * or jumps to the footer). And two texts of the domain that a page in English showed in Vietnamese.
 */
const SCENARIO_TIMEOUT = 240_000;
const QUANG_NINH = 'a0000000-0000-4000-8000-000000000002';
const missing = browserSkipReason('keyboard-focus.test.ts', { needsWebDist: true });
const pageErrors: string[] = [];

/** What has the focus: the body, or an element by its test id / id / tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return el.dataset.testid ?? (el.id ? `#${el.id}` : el.tagName.toLowerCase());
  });

describe.skipIf(missing !== null)('keyboard focus after an action (1280×800)', () => {
  const env = demoAppAndBrowser();
  const desktop = async (name: string, locale?: 'en') => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    if (locale) await context.addInitScript((l) => localStorage.setItem('thidua.locale', l), locale);
    return { context, page: await watchedPage(context, name, pageErrors) };
  };

  it('after approving with Enter, the focus goes to the next card, not to the page', async () => {
    const { context, page } = await desktop('leader-keyboard');
    await signIn(page, env.app.url, 'leader', DEMO_PASSWORD);
    await page.goto(`${env.app.url}/duyet`);
    const first = page.getByTestId('review-card').first();
    await first.waitFor();
    const id = await first.getAttribute('data-activity-id');
    await first.getByTestId('review-approve').focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="review-card"][data-activity-id="${id}"]`).waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).not.toBe('body');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="review-card"]') || document.activeElement?.getAttribute('data-testid') === 'review-title')).toBe(true);

    // the queue's tabs move with the arrow keys, as tabs do; Tab leaves the list
    await page.getByTestId('review-tab-pending').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused(page)).toBe('review-tab-approved');
    expect(await page.getByTestId('review-tab-approved').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('review-tab-pending').getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('Home');
    await expect.poll(() => focused(page)).toBe('review-tab-pending');
    await context.close();
  }, SCENARIO_TIMEOUT);

  it('after a file is checked, the focus is back on the file field', async () => {
    const { context, page } = await desktop('admin-import-keyboard');
    await signIn(page, env.app.url, 'admin', DEMO_PASSWORD);
    await page.goto(`${env.app.url}/quan-tri/tai-khoan/nhap`);
    const input = page.getByTestId('account-import-file');
    await input.focus();
    await input.setInputFiles({ name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from('Tên đăng nhập,Họ và tên,Vai trò,Đơn vị\r\nx,,Cán bộ,Không có\r\n') });
    await page.getByTestId('account-import-report').waitFor();
    await expect.poll(() => focused(page)).toBe('account-import-file');
    await context.close();
  }, SCENARIO_TIMEOUT);

  it('after removing a badge with Enter, the focus goes to the new badge form; conditions and the tie-break read in English', async () => {
    const { context, page } = await desktop('organizer-keyboard', 'en');
    await signIn(page, env.app.url, 'organizer', DEMO_PASSWORD);
    await page.goto(`${env.app.url}/phong-trao/${QUANG_NINH}`);
    await page.getByTestId('movement-badges').waitFor();
    await page.getByTestId('movement-badge-name').fill('Keyboard badge');
    await page.getByTestId('movement-badge-description').fill('Added and removed from the keyboard.');
    await page.getByTestId('movement-badge-add').click();
    const own = page.getByTestId('movement-badge').filter({ hasText: 'Keyboard badge' });
    await own.waitFor();
    expect(await own.getByTestId('movement-badge-condition').textContent()).toBe('Condition: final rank 1 to 10.');
    await own.getByTestId('movement-badge-remove').focus();
    await page.keyboard.press('Enter');
    await own.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('movement-badge-name');

    await page.goto(`${env.app.url}/xep-hang`);
    await expect.poll(async () => (await page.getByTestId('board-tiebreak').textContent()) ?? '').toContain('share a rank');
    await context.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
