import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { isRetryableCode, toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { SyncActivitiesDocument, type ActivityInput } from '@/gql/graphql';
import { useAuthStore } from '@/modules/auth/auth.store';
import { EvidenceError, uploadEvidence } from './evidence';
import {
  deleteQueued,
  listQueued,
  offlineStorageAvailable,
  putQueued,
  type QueuedActivity,
} from './offlineQueue';

/** syncActivities accepts at most this many activities per call. */
export const SYNC_BATCH_SIZE = 500;
const RECORDER_ROLES = ['OFFICER', 'LEADER', 'ORGANIZER', 'ADMIN'];
const RETRY_INTERVAL_MS = 60_000;

export interface SyncSummary {
  applied: number;
  duplicate: number;
  rejected: number;
}

function toActivityInput(item: QueuedActivity): ActivityInput {
  const evidenceIds = item.evidence.map((e) => e.uploadedId).filter((id): id is string => !!id);
  const extra = evidenceIds.length ? { evidenceIds } : {};
  return item.kind === 'CLASS' ? { class: { ...item.input, ...extra } } : { assist: { ...item.input, ...extra } };
}

/**
 * The device's queue of activities recorded offline (IndexedDB), for the signed-in user only.
 * Syncs on start, when the browser comes back online, and on demand ("Đồng bộ ngay").
 */
export const useOfflineQueueStore = defineStore('offlineQueue', () => {
  const auth = useAuthStore();
  const items = ref<QueuedActivity[]>([]);
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const syncing = ref(false);
  const available = offlineStorageAvailable();
  const lastSummary = ref<SyncSummary | null>(null);
  const problem = ref<ApiProblem | null>(null);
  /** Bumped whenever the server accepted queued activities: lists showing them reload. */
  const appliedVersion = ref(0);

  const pending = computed(() => items.value.filter((item) => item.state === 'pending'));
  const rejected = computed(() => items.value.filter((item) => item.state === 'rejected'));
  const count = computed(() => items.value.length);
  const userId = computed(() =>
    auth.user && RECORDER_ROLES.includes(auth.user.role) ? auth.user.id : null,
  );

  async function reload(): Promise<void> {
    if (!available || !userId.value) {
      items.value = [];
      return;
    }
    try {
      items.value = await listQueued(userId.value);
    } catch {
      items.value = [];
    }
  }

  async function enqueue(item: QueuedActivity): Promise<void> {
    await putQueued(item);
    await reload();
  }

  async function discard(id: string): Promise<void> {
    await deleteQueued([id]);
    await reload();
  }

  /** Uploads the photos of one item; false when the item cannot be sent now. */
  async function uploadPhotos(item: QueuedActivity): Promise<'ok' | 'network' | 'rejected'> {
    for (const photo of item.evidence) {
      if (photo.uploadedId) continue;
      try {
        photo.uploadedId = await uploadEvidence({ blob: photo.blob, name: photo.name, type: photo.type });
        await putQueued(item); // keep the id: a retry must send the same payload
      } catch (error) {
        if (error instanceof EvidenceError && error.code === 'NETWORK') return 'network';
        item.state = 'rejected';
        item.errorCode = error instanceof EvidenceError ? error.code : 'UNKNOWN';
        item.message = `Không tải được ảnh “${photo.name}”: ${error instanceof Error ? error.message : ''}`.trim();
        await putQueued(item);
        return 'rejected';
      }
    }
    return 'ok';
  }

  async function sync(): Promise<void> {
    const owner = userId.value;
    if (syncing.value || !owner || !available) return;
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      online.value = false;
      return;
    }
    syncing.value = true;
    problem.value = null;
    const summary: SyncSummary = { applied: 0, duplicate: 0, rejected: 0 };
    let attempted = false;
    try {
      const queue = (await listQueued(owner)).filter((item) => item.state === 'pending');
      if (!queue.length) return;
      attempted = true;
      const ready: QueuedActivity[] = [];
      for (const item of queue) {
        const photos = await uploadPhotos(item);
        if (photos === 'network') {
          problem.value = { code: 'NETWORK', message: null };
          break;
        }
        if (photos === 'rejected') summary.rejected++;
        else ready.push(item);
      }
      for (let start = 0; start < ready.length && !problem.value; start += SYNC_BATCH_SIZE) {
        const batch = ready.slice(start, start + SYNC_BATCH_SIZE);
        const result = await urqlClient.mutation(SyncActivitiesDocument, { input: batch.map(toActivityInput) }).toPromise();
        if (result.error || !result.data) {
          problem.value = toApiProblem(result.error);
          break;
        }
        const done: string[] = [];
        // one result per item, in the order sent
        for (const [index, outcome] of result.data.syncActivities.entries()) {
          const item = batch[index];
          if (!item) continue;
          if (outcome.outcome === 'APPLIED' || outcome.outcome === 'DUPLICATE') {
            done.push(item.id);
            if (outcome.outcome === 'APPLIED') summary.applied++;
            else summary.duplicate++;
          } else if (isRetryableCode(outcome.errorCode)) {
            // a passing fault for this item: it stays pending and goes with the next sync
            continue;
          } else {
            summary.rejected++;
            await putQueued({ ...item, state: 'rejected', errorCode: outcome.errorCode, message: outcome.message });
          }
        }
        await deleteQueued(done);
        if (done.length) appliedVersion.value++;
      }
    } catch (error) {
      problem.value = toApiProblem(error);
    } finally {
      if (attempted) lastSummary.value = summary;
      syncing.value = false;
      await reload();
    }
  }

  let started = false;
  /** Loads the queue and wires the automatic syncs; called once by the header badge. */
  function start(): void {
    if (started || typeof window === 'undefined') return;
    started = true;
    window.addEventListener('online', () => {
      online.value = true;
      void sync();
    });
    window.addEventListener('offline', () => {
      online.value = false;
    });
    // The browser may believe it is online while the server is unreachable (no `online` event
    // will come): retry now and then, and when the app comes back to the foreground.
    setInterval(() => {
      if (pending.value.length && navigator.onLine) void sync();
    }, RETRY_INTERVAL_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && pending.value.length) void sync();
    });
    watch(
      userId,
      async () => {
        lastSummary.value = null;
        problem.value = null;
        await reload();
        if (pending.value.length) await sync();
      },
      { immediate: true },
    );
  }

  return {
    items,
    pending,
    rejected,
    count,
    online,
    syncing,
    available,
    lastSummary,
    problem,
    appliedVersion,
    start,
    reload,
    enqueue,
    discard,
    sync,
  };
});
