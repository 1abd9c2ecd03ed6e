import { describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { dataOf, DEMO_PASSWORD } from '../support/harness';
import { browserSkipReason, demoAppAndBrowser, phoneContext, SCREENSHOTS, signIn, watchedPage } from '../support/browser';

/**
 * The movement an officer records into (`/ghi-nhan`) on a phone: the one the header names, and
 * after a choice the one last chosen on the device. A movement launched meanwhile does not take
 * its place unnoticed; the header always names the movement the form records into.
 */
const SCENARIO_TIMEOUT = 240_000;
const NATIONAL = 'a0000000-0000-4000-8000-000000000001';
const QUANG_NINH = 'a0000000-0000-4000-8000-000000000002';
const missing = browserSkipReason('record-movement.test.ts', { needsWebDist: true });

const pageErrors: string[] = [];

describe.skipIf(missing !== null)('the movement of the recording form (390×844)', () => {
  const env = demoAppAndBrowser();

  it('keeps the header and the form on one movement, and a newly launched one does not take over', async () => {
    const titleOf = async (id: string) => dataOf(await env.app.gql(`query($id: ID!) { movement(id: $id) { title } }`, { id })).movement.title as string;
    const context = await phoneContext(env.browser);
    const page = await watchedPage(context, 'officer-movement', pageErrors);
    await signIn(page, env.app.url, 'officer', DEMO_PASSWORD);
    const header = page.getByTestId('active-movement');
    const select = page.getByTestId('record-movement');

    // the first time: the movement the header names (the national one)
    await page.goto(`${env.app.url}/ghi-nhan`);
    await expect.poll(() => select.inputValue()).toBe(NATIONAL);
    await expect.poll(() => header.textContent()).toContain(await titleOf(NATIONAL));

    // an organizer launches a newer movement in the officer's province
    const organizer = await env.app.as('organizer', DEMO_PASSWORD);
    const own = dataOf(await organizer.gql('{ me { unit { id } } }')).me.unit.id as string;
    const [{ id: province }] = await queryRows<{ id: number }>(env.app.db, sql`select id from units where code = '22'`);
    const newer = dataOf(
      await organizer.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
        input: { title: 'Thi đua số mới phát động', organizerUnitId: own, scopeUnitId: String(province), competingKinds: ['ORGANIZATION'], startsOn: '2026-11-01', endsOn: '2026-12-31' },
      }),
    ).createMovement.id as string;
    dataOf(await organizer.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: newer }));
    await page.reload();
    await page.locator(`[data-testid="record-movement"] option[value="${newer}"]`).waitFor({ state: 'attached' });
    expect(await select.inputValue()).toBe(NATIONAL);

    // a choice moves the header with it, and is kept on the device
    await select.selectOption(QUANG_NINH);
    await expect.poll(() => header.textContent()).toContain(await titleOf(QUANG_NINH));
    await page.reload();
    await expect.poll(() => select.inputValue()).toBe(QUANG_NINH);
    await expect.poll(() => header.textContent()).toContain(await titleOf(QUANG_NINH));
    await page.screenshot({ path: `${SCREENSHOTS}record-movement.png` });
    await context.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
