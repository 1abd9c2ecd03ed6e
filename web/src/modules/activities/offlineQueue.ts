import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RecordAssistInput, RecordClassInput } from '@/gql/graphql';

/**
 * Activities recorded while the device had no connection, kept in IndexedDB until
 * `syncActivities` accepts them. The client-generated id is the key: the same item sent twice
 * (a sync interrupted after the server applied it) comes back DUPLICATE and is removed.
 */

/** A photo waiting for upload; `uploadedId` is kept once POST /api/evidence answered. */
export interface QueuedEvidence {
  key: string;
  name: string;
  type: string;
  blob: Blob;
  uploadedId: string | null;
}

interface QueuedBase {
  /** the activity's client UUID */
  id: string;
  /** who recorded it: only their session syncs it */
  userId: string;
  queuedAt: string;
  /** what the list shows without decoding the input */
  summary: { unitName: string; movementTitle: string; occurredOn: string; label: string };
  evidence: QueuedEvidence[];
  /** 'rejected': the server refused it; kept, with the reason, until the user discards it */
  state: 'pending' | 'rejected';
  errorCode?: string | null;
  message?: string | null;
}

/** Inputs are stored without evidenceIds: those are added after the photos are uploaded. */
export type QueuedActivity =
  | (QueuedBase & { kind: 'CLASS'; input: Omit<RecordClassInput, 'evidenceIds'> })
  | (QueuedBase & { kind: 'ASSIST'; input: Omit<RecordAssistInput, 'evidenceIds'> });

interface QueueSchema extends DBSchema {
  activities: {
    key: string;
    value: QueuedActivity;
    indexes: { byUser: string };
  };
}

const DB_NAME = 'thidua-offline';
const DB_VERSION = 1;

let dbPromise: Promise<IDBPDatabase<QueueSchema>> | null = null;

function database(): Promise<IDBPDatabase<QueueSchema>> {
  dbPromise ??= openDB<QueueSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      const store = db.createObjectStore('activities', { keyPath: 'id' });
      store.createIndex('byUser', 'userId');
    },
  }).catch((error: unknown) => {
    dbPromise = null; // private mode or storage blocked: try again next time
    throw error;
  });
  return dbPromise;
}

/** False where IndexedDB is missing (very old browsers, some private modes). */
export function offlineStorageAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

export async function listQueued(userId: string): Promise<QueuedActivity[]> {
  const db = await database();
  const items = await db.getAllFromIndex('activities', 'byUser', userId);
  return items.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
}

export async function putQueued(item: QueuedActivity): Promise<void> {
  const db = await database();
  // Vue proxies cannot be cloned into IndexedDB: store a plain copy (Blobs are kept as they are).
  await db.put('activities', toPlain(item));
}

export async function deleteQueued(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const db = await database();
  const tx = db.transaction('activities', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

function toPlain(item: QueuedActivity): QueuedActivity {
  const { evidence, summary, input, ...rest } = item;
  return {
    ...rest,
    summary: { ...summary },
    input: JSON.parse(JSON.stringify(input)),
    evidence: evidence.map((e) => ({ key: e.key, name: e.name, type: e.type, blob: e.blob, uploadedId: e.uploadedId })),
  } as QueuedActivity;
}
