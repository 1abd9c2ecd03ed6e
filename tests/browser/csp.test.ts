import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness';
import { browserSkipReason, launchChromium, PHONE } from '../support/browser';
import { takeCspViolations } from '../support/csp-guard';

const missing = browserSkipReason('csp.test.ts', { needsWebDist: true });

let t: TestApp;
let browser: Browser;

(missing ? describe.skip : describe)('the Content-Security-Policy in the browser', () => {
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('blocks an injected inline script and style element, and the guard reports both', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/xep-hang`);
      await page.waitForLoadState('networkidle');
      expect(takeCspViolations()).toEqual([]);
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
        const style = document.createElement('style');
        style.textContent = 'body { background: red }';
        document.head.append(style);
        await new Promise((r) => setTimeout(r, 200));
        return (window as unknown as { __injected?: boolean }).__injected === true || getComputedStyle(document.body).backgroundColor === 'rgb(255, 0, 0)';
      });
      expect(ran).toBe(false);
      await expect.poll(() => takeCspViolations().join('\n'), { timeout: 5000 }).toMatch(/script-src/);
      // (taken: this test's own violations do not fail it)
      takeCspViolations();
    } finally {
      await context.close();
    }
  });
});
