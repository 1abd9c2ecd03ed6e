import { mkdirSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, signIn, PHONE, SCREENSHOTS, seriousAxeProblems } from '../support/browser';

/**
 * A leader on a phone (issue 5's manual awards): opens a citizen's badges from the citizen list,
 * awards "Công dân số" by hand with a reason, sees it (and the household's "Gia đình số" it earns),
 * then revokes it with a reason; the database agrees at each step.
 */
const missing = browserSkipReason('badge-award.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;
const pageErrors: string[] = [];

describe.skipIf(missing !== null)('a leader awards and revokes a badge by hand on a phone', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('awards Công dân số with a reason, then revokes it', async () => {
    // a Quảng Ninh citizen in a household, holding no badge yet (the demo leader serves Quảng Ninh)
    const [citizen] = await queryRows<{ id: string; full_name: string; unit_id: number }>(
      t.db,
      sql`select c.id, c.full_name, c.unit_id from citizens c join units u on u.id = c.unit_id join units p on p.id = u.province_id
          where p.code = '22' and c.household_id is not null
            and not exists (select 1 from badge_awards a where a.holder_key in ('citizen:' || c.id, 'household:' || c.household_id))
          order by c.full_name limit 1`,
    );
    expect(citizen).toBeDefined();
    const awardsOf = () =>
      queryRows<{ badge_code: string; status: string; automatic: boolean }>(
        t.db,
        sql`select a.badge_code, a.status, a.automatic from badge_awards a join citizens c on a.holder_key in ('citizen:' || c.id, 'household:' || c.household_id)
            where c.id = ${citizen.id} order by a.badge_code`,
      );

    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, t.url, 'leader', DEMO_PASSWORD);

    // the citizen list of their residential group has a "Huy hiệu" button on each card
    await page.goto(`${t.url}/nguoi-dan?to=${citizen.unit_id}`);
    const card = page.locator(`[data-testid="citizen-row"][data-citizen-id="${citizen.id}"]`);
    await card.waitFor();
    expect(await seriousAxeProblems(page), '/nguoi-dan').toEqual([]);
    await card.getByTestId('citizen-badges-link').click();
    await page.waitForURL((url) => url.pathname === `/nguoi-dan/${citizen.id}/huy-hieu`);
    await page.getByTestId('citizen-badges-empty').waitFor();
    expect(await seriousAxeProblems(page), "a citizen's badges").toEqual([]);

    // award by hand, with a reason
    await page.getByTestId('citizen-badges-award').click();
    await page.getByTestId('award-badge-choice-CONG_DAN_SO').click();
    await page.getByTestId('award-badge-reason').fill('Đã kiểm tra trực tiếp tại điểm hỗ trợ của tổ dân phố');
    expect(await seriousAxeProblems(page), 'the award dialog').toEqual([]);
    await page.getByTestId('award-badge-submit').click();
    const held = page.locator('[data-testid="citizen-badge"][data-badge-code="CONG_DAN_SO"][data-status="VALID"]');
    await held.waitFor();
    await page.locator('[data-testid="citizen-badge"][data-badge-code="GIA_DINH_SO"][data-status="VALID"]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}badge-award-1-awarded.png`, fullPage: true });
    expect(await seriousAxeProblems(page), 'an awarded badge').toEqual([]);
    expect(await awardsOf()).toEqual([
      { badge_code: 'CONG_DAN_SO', status: 'VALID', automatic: false },
      { badge_code: 'GIA_DINH_SO', status: 'VALID', automatic: true },
    ]);

    // revoke, with a reason: the household loses Gia đình số with it
    await held.getByTestId('citizen-badge-revoke').click();
    await page.getByTestId('revoke-award-reason').fill('Kiểm tra lại: nhờ người khác làm thay');
    expect(await seriousAxeProblems(page), 'the revoke dialog').toEqual([]);
    await page.getByTestId('revoke-award-confirm').click();
    await page.locator('[data-testid="citizen-badge"][data-badge-code="CONG_DAN_SO"][data-status="REVOKED"]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}badge-award-2-revoked.png`, fullPage: true });
    expect(await awardsOf()).toEqual([
      { badge_code: 'CONG_DAN_SO', status: 'REVOKED', automatic: false },
      { badge_code: 'GIA_DINH_SO', status: 'REVOKED', automatic: true },
    ]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
