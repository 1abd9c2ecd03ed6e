import { describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD } from '../support/harness';
import { browserSkipReason, demoAppAndBrowser, phoneContext, SCREENSHOTS, seriousAxeProblems, signIn, watchedPage } from '../support/browser';

/**
 * The organizer sets a movement's own badges on its page (`/phong-trao/:id`), on a phone: the
 * badges of every movement are listed as such; a badge without a name is refused on its field;
 * one with a name, a description and two conditions is added, shown in words, and removed again.
 */
const SCENARIO_TIMEOUT = 240_000;
const QUANG_NINH = 'a0000000-0000-4000-8000-000000000002';
const missing = browserSkipReason('movement-badges.test.ts', { needsWebDist: true });

const pageErrors: string[] = [];

describe.skipIf(missing !== null)('a movement’s badges on a 390×844 phone', () => {
  const env = demoAppAndBrowser();

  it('the organizer adds a badge with two conditions, sees it in words, and removes it', async () => {
    const context = await phoneContext(env.browser);
    const page = await watchedPage(context, 'organizer-badges', pageErrors);
    await signIn(page, env.app.url, 'organizer', DEMO_PASSWORD);
    await page.goto(`${env.app.url}/phong-trao/${QUANG_NINH}`);
    const section = page.getByTestId('movement-badges');
    await section.waitFor();
    const codes = () => section.getByTestId('movement-badge').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
    expect((await codes()).sort()).toEqual(['TOP_BA_PHONG_TRAO', 'VUOT_CHI_TIEU_SOM']);
    expect(await section.getByTestId('movement-badge-remove').count()).toBe(0);

    // no name: refused on the field, nothing sent
    await page.getByTestId('movement-badge-add').click();
    await page.locator('#badge-name-error').waitFor();
    expect(await queryRows(env.app.db, sql`select code from badges where movement_id = ${QUANG_NINH}`)).toEqual([]);

    await page.getByTestId('movement-badge-name').fill('Đơn vị xuất sắc');
    await page.getByTestId('movement-badge-description').fill('Mười đơn vị dẫn đầu có từ 500 điểm.');
    await page.getByTestId('movement-badge-rank').fill('10');
    await page.getByTestId('movement-badge-use-points').check();
    await page.getByTestId('movement-badge-points').fill('500');
    await page.getByTestId('movement-badge-add').click();
    await expect.poll(async () => (await codes()).length).toBe(3);
    const added = section.getByTestId('movement-badge').nth(2);
    expect(await added.getByTestId('movement-badge-condition').textContent()).toBe('Điều kiện: xếp hạng chung cuộc từ 1 đến 10 và tổng điểm từ 500.');
    const [stored] = await queryRows<{ code: string; criteria: unknown; audience: string }>(env.app.db, sql`select code, criteria, audience from badges where movement_id = ${QUANG_NINH}`);
    expect(stored).toMatchObject({ audience: 'UNIT', criteria: { all: [{ fact: 'finalRank', op: 'lte', value: 10 }, { fact: 'points', op: 'gte', value: 500 }] } });
    expect(await page.getByTestId('movement-badge-name').inputValue()).toBe('');
    await section.screenshot({ path: `${SCREENSHOTS}movement-badges.png` });
    expect(await seriousAxeProblems(page), '/phong-trao/:id, badges').toEqual([]);

    await added.getByTestId('movement-badge-remove').click();
    await expect.poll(async () => (await codes()).length).toBe(2);
    expect(await queryRows(env.app.db, sql`select code from badges where movement_id = ${QUANG_NINH}`)).toEqual([]);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
