import { mkdirSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, SCREENSHOTS, seriousAxeProblems, phoneContext } from '../support/browser';

/**
 * An officer records a class on a phone-sized screen, a leader approves it in the review queue,
 * and the officer's list shows it approved with points. A second scenario records an assist
 * while the phone is offline: it waits in the device's queue, syncs when the connection returns,
 * and a rejection with its reason reaches the officer.
 */
/** the demo's national movement "Bình dân học vụ số" (ACTIVE, 01/09 → 31/12/2026) */
const NATIONAL_MOVEMENT = 'a0000000-0000-4000-8000-000000000001';

/** A real PNG (a green square): the server checks the first bytes, the browser must decode it. */
function photoPng(size = 64): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([11, 92, 74]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PHOTO_PNG = photoPng();

const missing = browserSkipReason('activities.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;

const phone = () => phoneContext(browser);

async function login(context: BrowserContext, username: string, target: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error:`, error.message));
  await page.goto(`${t.url}/dang-nhap?redirect=${encodeURIComponent(target)}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === target);
  return page;
}

/** Opens the record page on the national movement, the officer's own unit selected. */
async function openRecordPage(page: Page): Promise<void> {
  await page.getByTestId('record-form').waitFor();
  await page.getByTestId('record-movement').selectOption(NATIONAL_MOVEMENT);
  await expect.poll(() => page.getByTestId('record-unit').inputValue()).not.toBe('');
  await page.getByTestId('unit-activity-list').or(page.getByTestId('unit-activity-empty')).first().waitFor();
}

function unitActivity(page: Page, id: string) {
  return page.locator(`[data-testid="unit-activity"][data-activity-id="${id}"]`);
}

/** What the phone shows (the viewport), or the whole of one element. */
async function shot(page: Page, name: string, element?: string): Promise<void> {
  const path = `${SCREENSHOTS}${name}.png`;
  if (element) await page.getByTestId(element).screenshot({ path });
  else await page.screenshot({ path });
}

/** The review page's confirmation: on screen (inside the viewport) with these points and words. */
async function expectToastInSight(page: Page, headline: string, message: string): Promise<void> {
  const toast = page.getByTestId('review-announcement');
  await expect.poll(() => toast.getByTestId('review-announcement-headline').textContent()).toBe(headline);
  expect(await toast.getByTestId('review-announcement-message').textContent()).toContain(message);
  expect(await toast.getAttribute('role')).toBe('status');
  const box = (await toast.getByTestId('review-announcement-headline').boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.height).toBeGreaterThan(20); // large type, not a footnote
}

/** a valid CCCD (Quảng Ninh, born 1990): typed into an assist recorded offline */
const NATIONAL_ID = '022190077123';
const SCENARIO_TIMEOUT = 240_000; // a loaded CI machine: the demo API answers in seconds, not ms

describe.skipIf(missing !== null)('recording and reviewing activities in the browser (390×844)', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an officer records a class with a photo, a leader approves it, and the officer sees it approved with points', async () => {
    // ---- the officer, on a phone
    const officerContext = await phone();
    const officer = await login(officerContext, 'officer', '/ghi-nhan');
    await openRecordPage(officer);

    await officer.getByTestId('record-tab-class').click();
    await officer.getByTestId('record-date').fill('2026-11-20');
    await officer.getByTestId('record-attendees').fill('30');
    await officer.getByTestId('record-topic-VNEID').click();
    await officer.getByTestId('record-topic-CYBER_SAFETY').click();
    await officer.getByTestId('record-mobile').check();
    await officer.getByTestId('record-instructors').fill('Hoàng Thị Thu Trang');
    await officer.getByTestId('record-note').fill('Lớp buổi tối tại nhà văn hóa tổ dân phố');
    await officer.getByTestId('record-photo').setInputFiles({ name: 'lop-hoc.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    await expect.poll(() => officer.getByTestId('record-photo-item').count()).toBe(1);
    // default rules: 10 + 0.5 × 30 = 25 points once approved
    await expect.poll(() => officer.getByTestId('record-points-preview').textContent()).toContain('25 điểm');
    await shot(officer, 'activities-1-officer-form', 'record-form');
    expect(await seriousAxeProblems(officer), '/ghi-nhan, class form filled').toEqual([]);

    await officer.getByTestId('record-submit').click();
    const success = officer.getByTestId('record-success');
    await success.waitFor();
    expect(await success.getAttribute('data-outcome')).toBe('recorded');
    expect(await success.textContent()).toContain('chờ lãnh đạo duyệt');

    const mine = officer.locator('[data-testid="unit-activity"][data-status="SUBMITTED"]').first();
    await mine.waitFor();
    const id = (await mine.getAttribute('data-activity-id'))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await mine.getByTestId('activity-status').textContent()).toContain('Chờ duyệt');
    expect(await mine.textContent()).toContain('30 người tham dự');
    // the officer's own list shows the photo attached, served by the evidence route
    const ownPhoto = mine.getByTestId('activity-evidence-image');
    await ownPhoto.scrollIntoViewIfNeeded();
    await expect.poll(() => ownPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect(await ownPhoto.getAttribute('src')).toMatch(/^\/api\/evidence\/[0-9a-f-]{36}$/);
    expect(await ownPhoto.getAttribute('alt')).toContain('lop-hoc.png');
    await success.scrollIntoViewIfNeeded();
    await shot(officer, 'activities-2-officer-submitted');
    expect(await seriousAxeProblems(officer), '/ghi-nhan, after recording').toEqual([]);

    // ---- the leader, in another browser context
    const leaderContext = await phone();
    const leader = await login(leaderContext, 'leader', '/duyet');
    const card = leader.locator(`[data-testid="review-card"][data-activity-id="${id}"]`);
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    expect(await card.textContent()).toContain('Đoàn phường Hạ Long');
    expect(await card.textContent()).toContain('Vũ Thị Ngọc Anh');
    // the photo is served to the reviewer and shown as a thumbnail
    const thumbnail = card.getByTestId('review-evidence-image');
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await shot(leader, 'activities-3-leader-queue');
    expect(await seriousAxeProblems(leader), '/duyet, the queue').toEqual([]);

    await card.getByTestId('review-approve').click();
    await card.waitFor({ state: 'detached' });
    // the points are shown where the leader is looking, not only told to screen readers
    await expectToastInSight(leader, '+25 điểm', 'Đã duyệt hoạt động của Đoàn phường Hạ Long');
    await shot(leader, 'activities-4-leader-approved');
    expect(await seriousAxeProblems(leader), '/duyet, after approving').toEqual([]);

    await leader.getByTestId('review-tab-approved').click();
    const approved = leader.locator(`[data-testid="review-card"][data-activity-id="${id}"]`);
    await approved.waitFor();
    expect(Number(await approved.getByTestId('activity-points').getAttribute('data-points'))).toBe(25);
    expect(await seriousAxeProblems(leader), '/duyet, approved tab').toEqual([]);

    // ---- back to the officer: approved, with points
    await officer.reload();
    await openRecordPage(officer);
    const item = unitActivity(officer, id);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('APPROVED');
    expect(await item.getByTestId('activity-status').textContent()).toContain('Đã duyệt');
    const points = Number(await item.getByTestId('activity-points').getAttribute('data-points'));
    expect(points).toBeGreaterThan(0);
    expect(points).toBe(25);
    expect(await item.getByTestId('activity-evidence-image').count()).toBe(1);
    await item.scrollIntoViewIfNeeded();
    await shot(officer, 'activities-5-officer-approved');
    expect(await seriousAxeProblems(officer), '/ghi-nhan, approved item').toEqual([]);

    await officerContext.close();
    await leaderContext.close();
  }, SCENARIO_TIMEOUT);

  it('an assist recorded offline waits on the phone, syncs when the connection returns, and a rejection shows its reason', async () => {
    const officerContext = await phone();
    const officer = await login(officerContext, 'officer', '/ghi-nhan');
    await openRecordPage(officer);

    await officerContext.setOffline(true);
    await officer.getByTestId('offline-banner').waitFor();
    await officer.getByTestId('record-tab-assist').click();
    await officer.getByTestId('record-assist-date').fill('2026-11-21');
    await officer.getByTestId('record-service-VNEID_L2').click();
    await officer.getByTestId('record-priority-ELDERLY').click();
    await officer.getByTestId('record-national-id').fill(NATIONAL_ID);
    // VNeID level 2 (5) × elderly (1.5)
    await expect.poll(() => officer.getByTestId('record-points-preview').textContent()).toContain('7,5 điểm');
    await officer.getByTestId('record-submit').click();

    const success = officer.getByTestId('record-success');
    await success.waitFor();
    expect(await success.getAttribute('data-outcome')).toBe('queued');
    await expect.poll(() => officer.getByTestId('offline-queue-count').textContent()).toContain('1 hoạt động chờ đồng bộ');
    await officer.getByTestId('offline-queue-badge').waitFor();
    // what the phone keeps: the national ID number sealed under the device's key, never its digits
    const stored = await officer.evaluate(
      () =>
        new Promise<{ inputKeys: string[]; sealed: boolean; text: string }>((resolve, reject) => {
          const open = indexedDB.open('thidua-offline');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('activities').objectStore('activities').getAll();
            read.onsuccess = () => {
              const [item] = read.result as { input: Record<string, unknown>; sealedNationalId?: { data: ArrayBuffer } }[];
              const bytes = item.sealedNationalId ? new Uint8Array(item.sealedNationalId.data) : new Uint8Array();
              resolve({ inputKeys: Object.keys(item.input), sealed: bytes.length > 0, text: JSON.stringify(item) + String.fromCharCode(...bytes) });
            };
          };
        }),
    );
    expect(stored.inputKeys).not.toContain('nationalId');
    expect(stored.sealed).toBe(true);
    expect(stored.text).not.toContain(NATIONAL_ID);
    await officer.evaluate(() => window.scrollTo(0, 0));
    await shot(officer, 'activities-6-officer-offline-queue');
    expect(await seriousAxeProblems(officer), '/ghi-nhan, offline with a queue').toEqual([]);

    // the connection returns: the queue syncs by itself (the `online` event)
    await officerContext.setOffline(false);
    await officer.getByTestId('offline-queue-count').waitFor({ state: 'detached' });
    await expect.poll(() => officer.getByTestId('offline-sync-summary').textContent()).toContain('1 mới');
    const synced = officer.locator('[data-testid="unit-activity"][data-status="SUBMITTED"]').first();
    await synced.waitFor();
    expect(await synced.textContent()).toContain('Kích hoạt VNeID mức 2');
    const id = (await synced.getAttribute('data-activity-id'))!;
    // the server got the number back from the device (it keeps only its keyed hash)
    const [sent] = await queryRows<{ citizen_key: string | null }>(t.db, sql`select citizen_key from activities where id = ${id}`);
    expect(sent.citizen_key).toMatch(/^[0-9a-f]{64}$/);
    await synced.scrollIntoViewIfNeeded();
    await shot(officer, 'activities-7-officer-synced');

    // a leader rejects it, with a reason
    const leaderContext = await phone();
    const leader = await login(leaderContext, 'leader', '/duyet');
    const card = leader.locator(`[data-testid="review-card"][data-activity-id="${id}"]`);
    await card.waitFor();
    await card.getByTestId('review-reject').click();
    await leader.getByTestId('reason-confirm').click();
    await leader.getByText('Cần nêu lý do.').waitFor(); // the reason is required
    await leader.getByTestId('reason-input').fill('Chưa có ảnh minh chứng buổi hỗ trợ');
    await shot(leader, 'activities-8-leader-reject-dialog');
    expect(await seriousAxeProblems(leader), '/duyet, reject dialog with an error').toEqual([]);
    await leader.getByTestId('reason-confirm').click();
    await card.waitFor({ state: 'detached' });

    await officer.reload();
    await openRecordPage(officer);
    const item = unitActivity(officer, id);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('REJECTED');
    expect(await item.getByTestId('activity-status').textContent()).toContain('Bị từ chối');
    expect(await item.getByTestId('activity-reason').textContent()).toContain('Chưa có ảnh minh chứng buổi hỗ trợ');
    await item.scrollIntoViewIfNeeded();
    await shot(officer, 'activities-9-officer-rejected');
    expect(await seriousAxeProblems(officer), '/ghi-nhan, rejected item').toEqual([]);

    await officerContext.close();
    await leaderContext.close();
  }, SCENARIO_TIMEOUT);

  it('bulk approval shows the points it gave, in sight', async () => {
    const leaderContext = await phone();
    const leader = await login(leaderContext, 'leader', '/duyet');
    await leader.getByTestId('review-card').first().waitFor();
    const ledgerTotal = async () =>
      Number((await queryRows<{ total: string | null }>(t.db, sql`select coalesce(sum(points), 0)::text as total from points_ledger`))[0].total);
    const before = await ledgerTotal();
    const [{ since }] = await queryRows<{ since: string }>(t.db, sql`select now()::text as since`);
    await leader.getByTestId('review-bulk-approve').click();
    await leader.getByTestId('review-bulk-confirm').click();
    await leader.getByTestId('review-announcement-headline').waitFor();
    const gained = (await ledgerTotal()) - before;
    expect(gained).toBeGreaterThan(0);
    const approved = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activities where status = 'APPROVED' and reviewed_by = (select id from users where username = 'leader') and reviewed_at >= ${since}::timestamptz`);
    const shown = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(Math.round(gained * 100) / 100);
    await expectToastInSight(leader, `+${shown} điểm`, `Đã duyệt ${approved[0].n} hoạt động`);
    await shot(leader, 'activities-10-leader-bulk-approved');
    expect(await seriousAxeProblems(leader), '/duyet, after a bulk approval').toEqual([]);
    await leaderContext.close();
  }, SCENARIO_TIMEOUT);
});
