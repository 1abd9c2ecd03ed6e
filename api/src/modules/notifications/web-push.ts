import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { Config } from '../../config';
import { log } from '../../logger';
import type { PushSubscriptionRow } from './notifications.queries';

export interface PushMessage {
  title: string;
  body: string;
  link: string | null;
  kind: string;
}

/** What the push service said: delivered, or the subscription is gone (404/410) and should be dropped. */
export type PushOutcome = 'sent' | 'gone' | 'failed';

/** How push requests leave (a test points `agent` at a stand-in push service with its own certificate). */
export const pushTransport: { agent?: Agent } = {};

/**
 * Sends one encrypted Web Push message (RFC 8291, aes128gcm) with VAPID authorization (RFC 8292)
 * to one browser subscription. The payload stays small: the service worker shows it as is.
 */
export async function sendPush(vapid: NonNullable<Config['vapid']>, subscription: Pick<PushSubscriptionRow, 'endpoint' | 'p256dh' | 'auth'>, message: PushMessage): Promise<PushOutcome> {
  try {
    await webpush.sendNotification(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(message),
      { vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey }, TTL: 24 * 3600, timeout: 10_000, contentEncoding: 'aes128gcm', ...(pushTransport.agent ? { agent: pushTransport.agent } : {}) },
    );
    return 'sent';
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404 || status === 410) return 'gone';
    log().warn({ status, err: status ? undefined : error }, 'web push failed');
    return 'failed';
  }
}
