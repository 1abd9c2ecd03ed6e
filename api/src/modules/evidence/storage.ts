import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { evidenceBlobs, type Db, type Executor } from '@thidua/db';

/** Where evidence bytes live. Metadata is always in evidence_files; only the bytes move. */
export interface EvidenceStorage {
  put(tx: Executor, key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
}

/** Default: bytes in the database, so a backup of the database is a backup of everything. */
export class DatabaseStorage implements EvidenceStorage {
  constructor(private readonly db: Db) {}
  async put(tx: Executor, key: string, data: Uint8Array) {
    await tx.insert(evidenceBlobs).values({ storageKey: key, data });
  }
  async get(key: string) {
    const [row] = await this.db.select({ data: evidenceBlobs.data }).from(evidenceBlobs).where(eq(evidenceBlobs.storageKey, key));
    return row ? new Uint8Array(row.data) : null;
  }
}

/** Bytes on disk (EVIDENCE_DIR), for deployments that keep files on shared storage. */
export class DiskStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}
  async put(_tx: Executor, key: string, data: Uint8Array) {
    const path = join(this.root, key.slice(0, 2), key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
  async get(key: string) {
    try {
      return new Uint8Array(await readFile(join(this.root, key.slice(0, 2), key)));
    } catch {
      return null;
    }
  }
}
