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

/** A national ID number as stored: AES-GCM under this device's key (never the digits themselves). */
interface SealedNationalId {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** What is stored: an assist's national ID sealed, not in its input. */
type StoredActivity = QueuedActivity & { sealedNationalId?: SealedNationalId };

interface QueueSchema extends DBSchema {
  activities: {
    key: string;
    value: StoredActivity;
    indexes: { byUser: string };
  };
  keys: {
    key: string;
    value: CryptoKey;
  };
}

const DB_NAME = 'thidua-offline';
const DB_VERSION = 2;
const DEVICE_KEY = 'national-id';

let dbPromise: Promise<IDBPDatabase<QueueSchema>> | null = null;

function database(): Promise<IDBPDatabase<QueueSchema>> {
  dbPromise ??= openDB<QueueSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const store = db.createObjectStore('activities', { keyPath: 'id' });
        store.createIndex('byUser', 'userId');
      }
      if (oldVersion < 2) db.createObjectStore('keys');
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

/**
 * The device's key for national ID numbers: AES-GCM, made on the device and stored as a
 * non-extractable CryptoKey, so the digits never sit in storage in clear (a copy of the browser's
 * files shows only ciphertext). Null where Web Crypto is missing (a page not served over HTTPS or
 * localhost): then a typed CCCD is not kept offline at all (see putQueued).
 */
async function deviceKey(db: IDBPDatabase<QueueSchema>): Promise<CryptoKey | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const existing = await db.get('keys', DEVICE_KEY);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await db.put('keys', key, DEVICE_KEY);
  return (await db.get('keys', DEVICE_KEY)) ?? key;
}

/** Thrown when a national ID cannot be sealed on this device: the caller tells the user to send it online. */
export class CannotSealNationalIdError extends Error {}

async function seal(db: IDBPDatabase<QueueSchema>, item: QueuedActivity): Promise<StoredActivity> {
  const plain = toPlain(item);
  if (plain.kind !== 'ASSIST' || !plain.input.nationalId) return plain;
  const key = await deviceKey(db);
  if (!key) throw new CannotSealNationalIdError('Web Crypto is not available');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain.input.nationalId));
  const { nationalId: _digits, ...input } = plain.input;
  return { ...plain, input, sealedNationalId: { iv, data } };
}

async function unseal(db: IDBPDatabase<QueueSchema>, stored: StoredActivity): Promise<QueuedActivity> {
  const { sealedNationalId, ...item } = stored;
  if (!sealedNationalId || item.kind !== 'ASSIST') return item as QueuedActivity;
  const key = await deviceKey(db);
  if (!key) return item as QueuedActivity;
  const digits = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealedNationalId.iv as Uint8Array<ArrayBuffer> }, key, sealedNationalId.data));
  return { ...item, input: { ...item.input, nationalId: digits } } as QueuedActivity;
}

export async function listQueued(userId: string): Promise<QueuedActivity[]> {
  const db = await database();
  const items = await Promise.all((await db.getAllFromIndex('activities', 'byUser', userId)).map((stored) => unseal(db, stored)));
  return items.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
}

export async function putQueued(item: QueuedActivity): Promise<void> {
  const db = await database();
  // Vue proxies cannot be cloned into IndexedDB: store a plain copy (Blobs are kept as they are),
  // with a national ID number sealed under the device's key
  await db.put('activities', await seal(db, item));
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
