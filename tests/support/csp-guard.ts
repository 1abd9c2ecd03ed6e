import type { BrowserContext } from 'playwright-core';
import { afterEach } from 'vitest';

/**
 * Content-Security-Policy guard for the browser tests: every context opened through
 * tests/support/browser.ts is watched, both through the page's own `securitypolicyviolation`
 * events and through Chromium's console ("Refused to … because it violates the following Content
 * Security Policy directive"). Any violation fails the test during which it happened (the
 * afterEach below runs for every browser test, from the project's setupFiles).
 */

interface Store {
  violations: string[];
}
// one store per worker, whichever copy of this module a file loaded
const store: Store = ((globalThis as { __thiduaCsp?: Store }).__thiduaCsp ??= { violations: [] });

const BINDING = '__thiduaCspViolation';
const guarded = new WeakSet<BrowserContext>();

/** Watches every page of the context, present and future, for CSP violations. */
export async function guardCsp(context: BrowserContext): Promise<void> {
  if (guarded.has(context)) return;
  guarded.add(context);
  await context.exposeBinding(BINDING, (source, text: string) => {
    store.violations.push(`${text} (on ${source.page?.url() ?? 'a page'})`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${e.sample ? ` "${e.sample}"` : ''} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    });
  }, BINDING);
  const watch = (page: import('playwright-core').Page) => {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) store.violations.push(`console: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

/** The violations seen since the last call, which forgets them. */
export function takeCspViolations(): string[] {
  return store.violations.splice(0);
}

afterEach(() => {
  const violations = takeCspViolations();
  if (violations.length) throw new Error(`Content-Security-Policy violations in the browser:\n${[...new Set(violations)].join('\n')}`);
});
