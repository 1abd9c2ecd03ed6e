import { isRetryLater, toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { RecordAssistDocument, RecordClassDocument, type RecordAssistInput, type RecordClassInput } from '@/gql/graphql';
import type { ActivityItem } from './activities.store';
import { EvidenceError, uploadEvidence, type Attachment } from './evidence';
import type { useOfflineQueueStore } from './offline.store';
import { CannotSealNationalIdError, type QueuedActivity } from './offlineQueue';

export type RecordDraft =
  | { kind: 'CLASS'; input: Omit<RecordClassInput, 'evidenceIds'> }
  | { kind: 'ASSIST'; input: Omit<RecordAssistInput, 'evidenceIds'> };

export type SubmitOutcome =
  | { status: 'recorded'; activity: ActivityItem }
  | { status: 'queued' }
  | { status: 'failed'; problem: ApiProblem };

export interface SubmitContext {
  userId: string;
  summary: QueuedActivity['summary'];
  queue: ReturnType<typeof useOfflineQueueStore>;
  /** words the message of a photo the server refused */
  photoProblem: (name: string, message: string) => string;
  /** said when a typed CCCD cannot be kept on this device while offline */
  cannotKeepNationalId: string;
}

/**
 * Sends one activity: uploads its photos (once each), then recordClass / recordAssist. When the
 * device is offline or the server cannot be reached, the activity — photos included — goes to
 * the device's queue instead, under the same client id.
 */
export async function submitActivity(draft: RecordDraft, attachments: Attachment[], ctx: SubmitContext): Promise<SubmitOutcome> {
  async function keepOffline(): Promise<SubmitOutcome> {
    if (!ctx.queue.available) return { status: 'failed', problem: { code: 'NETWORK', message: null } };
    const base = {
      id: draft.input.id,
      userId: ctx.userId,
      queuedAt: new Date().toISOString(),
      summary: ctx.summary,
      state: 'pending' as const,
      evidence: attachments.map((a) => ({
        key: a.key,
        name: a.file.name,
        type: a.file.type,
        blob: a.file.blob,
        uploadedId: a.uploadedId,
      })),
    };
    try {
      await ctx.queue.enqueue(draft.kind === 'CLASS' ? { ...base, kind: 'CLASS', input: draft.input } : { ...base, kind: 'ASSIST', input: draft.input });
    } catch (error) {
      // this browser cannot seal a national ID number (no Web Crypto): it is not kept on the device
      if (error instanceof CannotSealNationalIdError) {
        const message = ctx.cannotKeepNationalId;
        return { status: 'failed', problem: { code: 'NETWORK', message, fields: [{ field: 'nationalId', message }] } };
      }
      return { status: 'failed', problem: { code: 'NETWORK', message: null } };
    }
    return { status: 'queued' };
  }

  if (typeof navigator !== 'undefined' && navigator.onLine === false) return keepOffline();

  for (const attachment of attachments) {
    if (attachment.uploadedId) continue;
    try {
      attachment.uploadedId = await uploadEvidence(attachment.file);
    } catch (error) {
      if (error instanceof EvidenceError && error.code === 'NETWORK') return keepOffline();
      const message = error instanceof Error ? error.message : '';
      const text = ctx.photoProblem(attachment.file.name, message);
      return {
        status: 'failed',
        problem: { code: error instanceof EvidenceError ? error.code : 'UNKNOWN', message: text, fields: [{ field: 'evidenceIds', message: text }] },
      };
    }
  }
  const evidenceIds = attachments.map((a) => a.uploadedId).filter((id): id is string => !!id);
  const extra = evidenceIds.length ? { evidenceIds } : {};

  const result =
    draft.kind === 'CLASS'
      ? await urqlClient.mutation(RecordClassDocument, { input: { ...draft.input, ...extra } }).toPromise()
      : await urqlClient.mutation(RecordAssistDocument, { input: { ...draft.input, ...extra } }).toPromise();
  if (result.error) {
    // no answer, or a passing fault the client already retried: keep it in the queue for later
    if (isRetryLater(result.error)) return keepOffline();
    return { status: 'failed', problem: toApiProblem(result.error) };
  }
  const data = result.data;
  const activity = data && ('recordClass' in data ? data.recordClass : 'recordAssist' in data ? data.recordAssist : null);
  if (!activity) return { status: 'failed', problem: { code: 'UNKNOWN', message: null } };
  return { status: 'recorded', activity };
}
