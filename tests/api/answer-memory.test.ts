import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAnswersSize } from '@thidua/api/src/graphql/public-cache';
import { startTestApp, type TestApp } from '../support/harness';

/*
 * A kept public board answer holds, besides its body, the page it showed (to check it again after
 * an approval): that memory counts in the answers' bound. Before, only bodies counted, and a flood
 * of distinct anonymous boards (`bench:flood`) kept hundreds of pages, and through them whole
 * boards, until the API ran out of memory.
 */

const NATIONAL = 'a0000000-0000-4000-8000-000000000002';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t?.close());

async function anonymousBoard(first: number): Promise<{ bytes: number; entries: number }> {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' },
    body: JSON.stringify({ query: `query($m: ID!, $n: Int) { leaderboard(movementId: $m, scope: COMMUNE, first: $n) { entries { rank points unit { id } } } }`, variables: { m: NATIONAL, n: first } }),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  const entries = (JSON.parse(text) as { data: { leaderboard: { entries: unknown[] } } }).data.leaderboard.entries.length;
  return { bytes: Buffer.byteLength(text), entries };
}

describe('kept public answers', () => {
  it("count the page their check holds, not only their body", async () => {
    const before = publicAnswersSize();
    const { bytes, entries } = await anonymousBoard(200);
    const kept = publicAnswersSize() - before;
    expect(entries).toBeGreaterThan(20);
    // each entry of the page is held with its counters row: far more than the body alone
    expect(kept).toBeGreaterThanOrEqual(bytes + entries * 300);
  });
});
