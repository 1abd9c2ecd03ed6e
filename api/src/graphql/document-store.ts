import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Parsed and validated query documents, kept so that a query seen before skips both (Apollo's
 * `documentStore`). Apollo's default store is bounded at "30 MiB" as measured by the JSON of each
 * document, which leaves out the token list and source every parsed document keeps: a 240-character
 * board query is 3.7 kB of JSON and 14.6 kB of heap. A flood of queries written inline, each a new
 * document, then filled ~125 MB of a 256 MB heap and the process died (`bench:flood`). Here a
 * document is counted by its source length, at about what the heap holds for it, and the store is
 * bounded by entries and bytes; the app's own queries (a few hundred) stay in it.
 */
export const DOCUMENT_STORE = { max: 1_000, maxSize: 16 * 1024 * 1024 };
/** a parsed document's heap, approximately: ~60 bytes per character of its source */
const BYTES_PER_SOURCE_CHAR = 64;
/** when the parser kept no location (noLocation), a generous guess */
const UNKNOWN_SOURCE_CHARS = 256;

export function documentBytes(document: DocumentNode): number {
  return 1_024 + BYTES_PER_SOURCE_CHAR * (document.loc?.source.body.length ?? UNKNOWN_SOURCE_CHARS);
}

/** Apollo's KeyValueCache over an LRU bounded by entries and bytes. */
export class DocumentStore {
  private readonly cache = new LRUCache<string, DocumentNode>({ ...DOCUMENT_STORE, sizeCalculation: documentBytes });

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, value: DocumentNode): Promise<void> {
    this.cache.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.cache.delete(key);
  }

  /** documents kept, and their size as counted */
  get stats(): { documents: number; bytes: number } {
    return { documents: this.cache.size, bytes: this.cache.calculatedSize };
  }
}
