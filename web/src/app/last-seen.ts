import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Exchange, Operation, OperationResult } from '@urql/vue';
import { fromPromise, fromValue, mergeMap, pipe } from 'wonka';
import { ref } from 'vue';

/**
 * The last data each query showed, kept on the device (IndexedDB) so that a page opened with no
 * signal shows what was last seen instead of an error — marked with the time it was fetched.
 * Bounded: the newest MAX_ENTRIES answers, none older than MAX_AGE_DAYS. Cleared at sign-out.
 */
const DB_NAME = 'thidua-last-seen';
const MAX_ENTRIES = 150;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** never kept: answers that are only right at the moment they are given */
const NOT_KEPT = new Set(['Login', 'Logout', 'QuizAttempt', 'StartQuizAttempt']);

interface Saved {
  key: string;
  name: string;
  data: unknown;
  at: number;
}

interface LastSeenSchema extends DBSchema {
  answers: { key: string; value: Saved; indexes: { byAt: number } };
}

let dbPromise: Promise<IDBPDatabase<LastSeenSchema>> | null = null;
function database(): Promise<IDBPDatabase<LastSeenSchema>> | null {
  if (typeof indexedDB === 'undefined') return null;
  dbPromise ??= openDB<LastSeenSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('answers', { keyPath: 'key' }).createIndex('byAt', 'at');
    },
  }).catch((error) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/**
 * When the page is showing data from the device instead of the server: the time of the oldest
 * such answer on screen. Null while every answer came from the server.
 */
export const showingLastSeenSince = ref<number | null>(null);

function operationName(operation: Operation): string {
  for (const definition of operation.query.definitions)
    if (definition.kind === 'OperationDefinition') return definition.name?.value ?? '';
  return '';
}

async function save(key: string, name: string, data: unknown): Promise<void> {
  const db = await database();
  if (!db) return;
  const tx = db.transaction('answers', 'readwrite');
  await tx.store.put({ key, name, data, at: Date.now() });
  // keep the newest MAX_ENTRIES
  const count = await tx.store.count();
  if (count > MAX_ENTRIES) {
    let cursor = await tx.store.index('byAt').openCursor();
    for (let extra = count - MAX_ENTRIES; cursor && extra > 0; extra--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

async function load(key: string): Promise<Saved | null> {
  const db = await database();
  if (!db) return null;
  const saved = await db.get('answers', key);
  return saved && Date.now() - saved.at < MAX_AGE_MS ? saved : null;
}

/** Sign-out, or another person signing in on this device: nothing of theirs stays. */
export async function clearLastSeen(): Promise<void> {
  showingLastSeenSince.value = null;
  const db = await database()?.catch(() => null);
  await db?.clear('answers');
}

function isNetworkFailure(result: OperationResult): boolean {
  if (!result.error) return false;
  if (result.error.networkError) return true;
  // the API answering "try again later" (database restarting, overloaded) counts as no answer
  return result.error.graphQLErrors.some((e) => ['SERVICE_UNAVAILABLE', 'RATE_LIMITED'].includes(String(e.extensions?.code)));
}

/** A urql exchange, before fetchExchange: keeps each query's answer and stands in for a failed fetch. */
export const lastSeenExchange: Exchange = ({ forward }) => (operations$) =>
  pipe(
    forward(operations$),
    mergeMap((result) => {
      const operation = result.operation;
      const name = operationName(operation);
      if (operation.kind !== 'query' || NOT_KEPT.has(name)) return fromValue(result);
      const key = String(operation.key);
      if (result.data && !result.error) {
        showingLastSeenSince.value = null;
        void save(key, name, result.data).catch(() => undefined);
        return fromValue(result);
      }
      if (!isNetworkFailure(result)) return fromValue(result);
      return fromPromise(
        load(key)
          .catch(() => null)
          .then((saved): OperationResult => {
            if (!saved) return result;
            showingLastSeenSince.value = Math.min(showingLastSeenSince.value ?? saved.at, saved.at);
            return { ...result, data: saved.data, error: undefined, stale: false, extensions: { ...result.extensions, lastSeenAt: saved.at } };
          }),
      );
    }),
  );
