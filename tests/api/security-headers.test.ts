import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '@thidua/api/src/app';
import { appRoutes } from '@thidua/api/src/routes';
import { startTestApp, type TestApp } from '../support/harness';

// a route that fails like a bug would, to see the headers of an internal error
const failing: Route = async (req) => {
  if (req.url !== '/__boom') return false;
  throw new Error('boom');
};

let t: TestApp;
let https: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'thidua-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
  t = await startTestApp({ env: { WEB_DIST: webDist }, routes: [failing, ...appRoutes] });
  https = await startTestApp({ env: { WEB_DIST: webDist, PUBLIC_URL: 'https://thidua.example.vn' } });
});

afterAll(async () => {
  await t?.close();
  await https?.close();
  rmSync(webDist, { recursive: true, force: true });
});

const kinds: [string, (url: string) => Promise<Response>][] = [
  ['a GraphQL answer', (url) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) })],
  ['a GraphQL request with a body that is not JSON', (url) => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })],
  ['the web app (index.html for a client route)', (url) => fetch(`${url}/bang-xep-hang`)],
  ['a static asset', (url) => fetch(`${url}/assets/app.js`)],
  ['/healthz', (url) => fetch(`${url}/healthz`)],
  ['a route refusing an anonymous user', (url) => fetch(`${url}/api/evidence/00000000-0000-0000-0000-000000000000`)],
  ['a 404', (url) => fetch(`${url}/nothing-here`, { method: 'POST' })],
  ['an internal error', (url) => fetch(`${url}/__boom`)],
];

function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers on every kind of response', () => {
  it.each(kinds)('%s carries the CSP, framing, referrer, permissions, COOP and nosniff headers', async (_kind, request) => {
    const response = await request(t.url);
    await response.arrayBuffer();
    const h = response.headers;
    const csp = directives(h.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(h.get('permissions-policy')).toContain('geolocation=()');
    expect(h.get('permissions-policy')).toContain('microphone=()');
    expect(h.get('permissions-policy')).toContain('camera=(self)');
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    // the app is served over plain http here: no HSTS, no upgrade of requests
    expect(h.get('strict-transport-security')).toBeNull();
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('the internal error is still an error, with its headers', async () => {
    const response = await fetch(`${t.url}/__boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('sends HSTS (and upgrades requests) only when PUBLIC_URL is https', async () => {
    for (const [, request] of kinds.slice(0, 5)) {
      const response = await request(https.url);
      await response.arrayBuffer();
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000; includeSubDomains$/);
      expect(directives(response.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(true);
    }
  });
});
