import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeAwards, queryRows, sql } from '@thidua/db';
import { loadBadgeDefinitions } from '@thidua/api/src/modules/badges/badges.queries';
import { startTestApp, type TestApp } from '../support/harness';
import { newMovement } from '../support/factories';
import { browserSkipReason, openPhonePage, SCREENSHOTS, seriousAxeProblems, WEB_DIST_INDEX, type PhonePage } from '../support/browser';

const hasChromium = browserSkipReason('unit-badges.test.ts') === null;

let t: TestApp;
let phone: PhonePage;
let page: Page;

(hasChromium ? describe : describe.skip)("a unit's badges on its page, on a 390-px-wide phone", () => {
  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: build the web app first (pnpm --filter @thidua/web build)`);
    t = await startTestApp({ demo: true });
    await loadBadgeDefinitions(t.db);
    phone = await openPhonePage();
    page = phone.page;
  });

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it('shows anyone the Top 3 badge a unit earned, with its movement and a link to its verification page', async () => {
    const [unit] = await queryRows<{ id: number; full_name: string }>(t.db, sql`select id, full_name from units where name = 'Đoàn phường Hạ Long' and kind = 'ORGANIZATION'`);
    const movement = await newMovement(t.db, { title: 'Thi đua các tổ chức Hạ Long', status: 'CLOSED', competingKinds: ['ORGANIZATION'] });
    // what closing the movement writes (the API tests drive the close itself)
    const [award] = await t.db
      .insert(badgeAwards)
      .values({ badgeCode: 'TOP_BA_PHONG_TRAO', holderKey: `unit:${unit.id}:${movement.id}`, holderName: unit.full_name, unitId: unit.id, movementId: movement.id, issuerUnitId: 1, automatic: true, evidence: { finalRank: 1 } })
      .returning({ id: badgeAwards.id });
    await page.goto(`${t.url}/don-vi/${unit.id}`);
    const card = page.getByTestId('unit-badge');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('Top 3 phong trào');
    expect(await card.textContent()).toContain('Thi đua các tổ chức Hạ Long');
    expect(await card.getByRole('link').getAttribute('href')).toBe(`/xac-minh/${award.id}`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'unit-badges-390.png'), fullPage: true });
    expect(await seriousAxeProblems(page), 'the unit page with badges').toEqual([]);
  });
});
