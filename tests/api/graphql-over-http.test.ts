import { auditServer, serverAudits, type AuditFail, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * graphql-http's audit suite for the GraphQL-over-HTTP spec, run against the live server. Every
 * MUST is a test of its own; the SHOULDs and MAYs the server does not follow are listed.
 */
let t: TestApp;
const url = () => `${t.url}/graphql`;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function explain(result: AuditFail): Promise<string> {
  const body = await result.response.text().catch(() => '');
  return `${result.reason}\n  HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''}\n  ${body.slice(0, 500)}`;
}

describe('GraphQL over HTTP (graphql-http audits)', () => {
  for (const audit of serverAudits({ url })) {
    if (!audit.name.startsWith('MUST')) continue;
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status === 'error') expect.fail(await explain(result));
      expect(result.status).not.toBe('error');
    });
  }

  it('lists the SHOULD and MAY recommendations the server does not follow', async () => {
    const results: AuditResult[] = await auditServer({ url });
    const shortfalls = results.filter((r): r is AuditFail => r.status !== 'ok' && !r.name.startsWith('MUST'));
    if (shortfalls.length) {
      const lines = await Promise.all(shortfalls.map(async (r) => `  [${r.status}] ${r.name}: ${r.reason}`));
      console.log(`graphql-http: ${shortfalls.length} recommendation(s) not followed:\n${lines.join('\n')}`);
    }
    expect(results.filter((r) => r.status === 'error')).toEqual([]);
  });
});
