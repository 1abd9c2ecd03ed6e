import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, queryRows, sql } from '@thidua/db';
import { DEMO_NATIONAL_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { createECDH } from 'node:crypto';
import { DEMO_PASSWORD, dataOf, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, openPhonePage, seriousAxeProblems, signIn, SCREENSHOTS, type PhonePage } from '../support/browser';

/**
 * An officer on a phone (issue 15): while the app is open, a leader approves the officer's class;
 * the bell in the header counts it at once (live over graphql-ws), /thong-bao shows it with its
 * points and a link to the recording page, "Xem thêm" pages on, and "Đánh dấu tất cả đã đọc"
 * clears the count.
 */
const missing = browserSkipReason('notifications.test.ts', { needsWebDist: true });

let t: TestApp;
let phone: PhonePage;

describe.skipIf(missing !== null)('an officer hears their activity was approved', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ demo: true });
    await t.db.delete(notifications);
    phone = await openPhonePage();
  }, 600_000);

  afterAll(async () => {
    await phone?.close();
    await t?.close();
  });

  it('counts the approval on the bell live, lists it on /thong-bao, and marks all read', async () => {
    const { page } = phone;
    await signIn(page, t.url, 'officer', DEMO_PASSWORD);
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    // the class is recorded and approved elsewhere, while this page stays open
    const officer = await t.as('officer');
    const leader = await t.as('leader');
    const unitId = dataOf(await officer.gql(`{ me { unit { id } } }`)).me.unit.id;
    const id = randomUUID();
    dataOf(await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, { input: { id, movementId: DEMO_NATIONAL_MOVEMENT_ID, unitId, heldOn: '2026-11-22', attendeeCount: 22, topics: ['VNEID'] } }));
    const points = dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { points } }`, { id })).reviewActivity.points;

    const count = page.getByTestId('notification-count');
    await count.waitFor();
    expect(await count.textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Thông báo, 1 chưa đọc');

    await bell.click();
    await page.waitForURL((url) => url.pathname === '/thong-bao');
    const item = page.locator('[data-testid="notification"][data-kind="ACTIVITY_APPROVED"]');
    await item.waitFor();
    expect(await item.getByTestId('notification-body').textContent()).toContain(`+${String(points).replace('.', ',')} điểm`);
    expect(await item.getByTestId('notification-unread').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}notifications-1-unread.png`, fullPage: true });
    expect(await seriousAxeProblems(page)).toEqual([]);
    // no VAPID keys on this server: no push option
    expect(await page.getByTestId('push-toggle').count()).toBe(0);

    await page.getByTestId('notifications-mark-all').click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    expect(await item.getByTestId('notification-unread').count()).toBe(0);
    const [{ unread }] = await queryRows<{ unread: number }>(t.db, sql`select count(*)::int as unread from notifications n join users u on u.id = n.user_id where u.username = 'officer' and n.read_at is null`);
    expect(unread).toBe(0);

    // "Chưa đọc" now shows the empty state
    await page.getByTestId('notifications-unread').click();
    await page.getByTestId('notifications-empty').waitFor();
    expect(await page.getByTestId('notifications-empty').textContent()).toContain('Bạn đã đọc hết thông báo');
    expect(await seriousAxeProblems(page)).toEqual([]);

    // the link goes to the recording page
    await page.getByTestId('notifications-all').click();
    await item.getByTestId('notification-open').click();
    await page.waitForURL((url) => url.pathname === '/ghi-nhan');
    expect(phone.consoleErrors).toEqual([]);
  });

  it('pages with "Xem thêm"', async () => {
    const { page } = phone;
    const [{ id: officerId }] = await queryRows<{ id: string }>(t.db, sql`select id from users where username = 'officer'`);
    const base = Date.now() - 3_600_000;
    await t.db.insert(notifications).values(
      Array.from({ length: 24 }, (_, i) => ({ userId: officerId, kind: 'MOVEMENT_OPENED', title: 'Phong trào mới được phát động', body: `Phong trào thử số ${i + 1} đã được phát động.`, link: '/xep-hang', createdAt: new Date(base + i * 1000) })),
    );
    await page.goto(`${t.url}/thong-bao`);
    const items = page.getByTestId('notification');
    await page.getByTestId('notifications-load-more').waitFor();
    expect(await items.count()).toBe(20);
    await page.screenshot({ path: `${SCREENSHOTS}notifications-2-list.png` });
    await page.getByTestId('notifications-load-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="notification"]').length === 25);
    expect(await page.getByTestId('notifications-load-more').count()).toBe(0);
    expect(await seriousAxeProblems(page), 'the notification page').toEqual([]);
    expect(await page.getByTestId('notification-count').textContent()).toBe('24');

    // text enlarged to 200 %: nothing wider than the phone, the bell still there
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    expect(await page.getByTestId('notification-bell').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}notifications-4-text-200.png` });
    expect(phone.consoleErrors).toEqual([]);
  });
});

describe.skipIf(missing !== null)('with VAPID keys the page offers Web Push', () => {
  let pushApp: TestApp;
  let pushPhone: PhonePage;

  beforeAll(async () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    pushApp = await startTestApp({
      demo: true,
      env: { VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString('base64url'), VAPID_PRIVATE_KEY: ecdh.getPrivateKey().toString('base64url'), VAPID_SUBJECT: 'mailto:thidua@example.vn' },
    });
    pushPhone = await openPhonePage();
  }, 600_000);

  afterAll(async () => {
    await pushPhone?.close();
    await pushApp?.close();
  });

  it('shows the push option on /thong-bao', async () => {
    const { page } = pushPhone;
    await signIn(page, pushApp.url, 'officer', DEMO_PASSWORD);
    await page.goto(`${pushApp.url}/thong-bao`);
    const toggle = page.getByTestId('push-toggle');
    await toggle.waitFor();
    expect(await toggle.textContent()).toContain('Bật thông báo đẩy');
    await page.screenshot({ path: `${SCREENSHOTS}notifications-3-push.png` });
    expect(await seriousAxeProblems(page)).toEqual([]);
    expect(pushPhone.consoleErrors).toEqual([]);
  });
});
