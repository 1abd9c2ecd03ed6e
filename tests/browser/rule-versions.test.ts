import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, vietnamDateOf } from '@thidua/domain';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, startTestApp, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';
import { browserSkipReason, openPhonePage, SCREENSHOTS, seriousAxeProblems, signIn, WEB_DIST_INDEX, type PhonePage } from '../support/browser';

const hasChromium = browserSkipReason('rule-versions.test.ts') === null;

let t: TestApp;
let phone: PhonePage;
let page: Page;

(hasChromium ? describe : describe.skip)('applying a rule version from the rules page, on a 390-px-wide phone', () => {
  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: build the web app first (pnpm --filter @thidua/web build)`);
    t = await startTestApp();
    phone = await openPhonePage();
    page = phone.page;
  });

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it('compares, asks for a reason and a confirmation, applies, and shows the result', async () => {
    const [qn] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '22'`);
    const [haLong] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
    const org = (await insertUnit(t.db, { parentId: Number(haLong!.id), kind: 'ORGANIZATION', name: 'Chi đoàn áp dụng quy tắc', subtype: 'chi đoàn' })).id;
    const suffix = randomUUID().slice(0, 6);
    const organizerUser = await newUser(t.db, { role: 'ORGANIZER', unitId: 1, username: `rvb_org_${suffix}` });
    const officerUser = await newUser(t.db, { role: 'OFFICER', unitId: Number(qn!.id), username: `rvb_off_${suffix}` });
    const leaderUser = await newUser(t.db, { role: 'LEADER', unitId: Number(qn!.id), username: `rvb_lead_${suffix}` });
    const organizer = await t.as(organizerUser.username, organizerUser.password);
    const officer = await t.as(officerUser.username, officerUser.password);
    const leader = await t.as(leaderUser.username, leaderUser.password);

    const movementId = dataOf(
      await organizer.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Thi đua áp dụng quy tắc', organizerUnitId: '1', scopeUnitId: '1', competingKinds: ['ORGANIZATION'], startsOn: '2026-09-01', endsOn: '2026-12-31' },
      }),
    ).createMovement.id as string;
    dataOf(await organizer.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
    const id = randomUUID();
    dataOf(await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, {
      input: { id, movementId, unitId: String(org), heldOn: vietnamDateOf(new Date()), attendeeCount: 10, topics: ['VNEID'] },
    }));
    expect(dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { points } }`, { id })).reviewActivity.points).toBe(15);
    dataOf(await organizer.gql(`mutation($m: ID!, $r: JSON!) { setScoringRules(movementId: $m, rules: $r, note: "Lớp học 20 điểm") { id } }`, {
      m: movementId,
      r: { ...DEFAULT_SCORING_RULES, class: { base: 20, perAttendee: 1, maxPerClass: 60 } },
    }));

    await signIn(page, t.url, organizerUser.username, organizerUser.password);
    await page.goto(`${t.url}/phong-trao/${movementId}`);
    const summary = page.getByTestId('rule-apply-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('1 đơn vị thay đổi điểm, tổng chênh lệch +15 điểm');

    // no reason: refused on the page, nothing sent
    await page.getByTestId('rule-apply-button').click();
    await page.getByText('Cần nêu lý do.').waitFor();
    await page.getByTestId('rule-apply-reason').fill('Áp dụng hướng dẫn chấm điểm mới');
    await page.getByTestId('rule-apply-button').click();
    await page.getByTestId('rule-apply-confirm-action').click();
    const result = page.getByTestId('rule-apply-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Đã áp dụng phiên bản 2: 1 hoạt động, 1 đơn vị, chênh lệch +15 điểm');
    await page.getByText('Không có thay đổi so với điểm hiện tại.').waitFor();

    const [held] = await queryRows<{ s: string }>(t.db, sql`select sum(points) as s from points_ledger where movement_id = ${movementId}`);
    expect(Number(held!.s)).toBe(30);
    expect(await verifyLedger(t.db)).toEqual([]);

    await page.getByTestId('rule-apply').scrollIntoViewIfNeeded();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'rule-apply-390.png'), fullPage: true });
    await page.getByTestId('rule-apply').screenshot({ path: join(SCREENSHOTS, 'rule-apply-section-390.png') });
    expect(await seriousAxeProblems(page), 'the rules page with the comparison').toEqual([]);
  });
});
