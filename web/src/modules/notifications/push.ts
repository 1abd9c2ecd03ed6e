import { ref } from 'vue';
import { urqlClient } from '@/app/urql';
import { SubscribePushDocument, UnsubscribePushDocument, WebPushPublicKeyDocument } from '@/gql/graphql';

/** The VAPID key as the Push API wants it (bytes of the base64url text). */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function browserSupportsPush(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/**
 * Web Push on this device, where the browser allows it and the server has VAPID keys: `available`
 * stays false otherwise, and the page shows no push option at all.
 */
export function usePush() {
  const available = ref(false);
  const subscribed = ref(false);
  const denied = ref(false);
  const busy = ref(false);
  let publicKey: string | null = null;

  /** The service worker (registered in production builds); null when there is none after a while. */
  function registration(): Promise<ServiceWorkerRegistration | null> {
    if (!import.meta.env.PROD) return Promise.resolve(null);
    return Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  }

  async function check(): Promise<void> {
    if (!browserSupportsPush()) return;
    const result = await urqlClient.query(WebPushPublicKeyDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    publicKey = result.data?.webPushPublicKey ?? null;
    const reg = publicKey ? await registration() : null;
    if (!publicKey || !reg) return;
    available.value = true;
    denied.value = Notification.permission === 'denied';
    subscribed.value = !!(await reg.pushManager.getSubscription());
  }

  /** true when this device now receives pushes */
  async function enable(): Promise<boolean> {
    if (!publicKey) return false;
    busy.value = true;
    try {
      const permission = await Notification.requestPermission();
      denied.value = permission === 'denied';
      if (permission !== 'granted') return false;
      const reg = await navigator.serviceWorker.ready;
      const subscription = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const json = subscription.toJSON();
      const result = await urqlClient
        .mutation(SubscribePushDocument, { input: { endpoint: subscription.endpoint, p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } })
        .toPromise();
      subscribed.value = !result.error;
      return subscribed.value;
    } catch {
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function disable(): Promise<void> {
    busy.value = true;
    try {
      const reg = await navigator.serviceWorker.ready;
      const subscription = await reg.pushManager.getSubscription();
      if (subscription) {
        await urqlClient.mutation(UnsubscribePushDocument, { endpoint: subscription.endpoint }).toPromise();
        await subscription.unsubscribe();
      }
      subscribed.value = false;
    } finally {
      busy.value = false;
    }
  }

  return { available, subscribed, denied, busy, check, enable, disable };
}
