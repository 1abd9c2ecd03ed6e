import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, PHONE, seriousAxeProblems } from '../support/browser';

/**
 * Inclusion (issue 15): the axe check every browser test runs does find problems, and the main
 * pages can be read with their text at 200 %.
 */
const missing = browserSkipReason('accessibility.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;

describe.skipIf(missing !== null)('accessibility on a 390-px phone', () => {
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the axe check reports a button without a name and an image without a text alternative', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/dang-nhap`);
      await page.getByTestId('login-username').waitFor();
      expect(await seriousAxeProblems(page)).toEqual([]);
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.id = 'nameless';
        document.querySelector('main')!.append(button);
        const image = document.createElement('img');
        image.id = 'no-alt';
        image.src = '/icon-192.png';
        document.querySelector('main')!.append(image);
      });
      const problems = await seriousAxeProblems(page);
      expect(problems.join('\n')).toMatch(/^button-name \(critical\):.*#nameless/m);
      expect(problems.join('\n')).toMatch(/^image-alt \(critical\):.*#no-alt/m);
    } finally {
      await context.close();
    }
  });
});
