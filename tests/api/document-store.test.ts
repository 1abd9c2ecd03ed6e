import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_STORE, DocumentStore, documentBytes } from '@thidua/api/src/graphql/document-store';

/*
 * Parsed documents are kept bounded by what they hold in the heap, not by their JSON (Apollo's
 * default counted a 240-character query as 3.7 kB where the heap holds ~15 kB, and a flood of
 * queries written inline ran the API out of memory).
 */

const board = (i: number) =>
  `{ leaderboard(movementId: "a0000000-0000-4000-8000-00000000000${i % 10}", scope: COMMUNE, first: ${i}, from: "2026-10-0${1 + (i % 9)}") { totalCount entries { rank points unit { id name } } } }`;

describe('the document store', () => {
  it('counts a document at least as large as the heap it takes', () => {
    const source = board(7);
    const document = parse(source);
    // measured with node --expose-gc: ~60 bytes of heap per character of source (14.6 kB for a
    // 240-character board query), about 4× the JSON Apollo counted
    expect(documentBytes(document)).toBeGreaterThanOrEqual(60 * source.length);
    expect(documentBytes(document)).toBeGreaterThan(3 * JSON.stringify(document).length);
  });

  it('stays within its bounds under a flood of distinct documents, and keeps the latest', async () => {
    const store = new DocumentStore();
    for (let i = 0; i < 3_000; i++) await store.set(`key-${i}`, parse(board(i)));
    const { documents, bytes } = store.stats;
    expect(documents).toBeLessThanOrEqual(DOCUMENT_STORE.max);
    expect(bytes).toBeLessThanOrEqual(DOCUMENT_STORE.maxSize);
    expect(documents).toBeGreaterThan(500);
    expect(await store.get('key-2999')).toBeDefined();
    expect(await store.get('key-0')).toBeUndefined();
    expect(await store.delete('key-2999')).toBe(true);
    expect(await store.get('key-2999')).toBeUndefined();
  });
});
