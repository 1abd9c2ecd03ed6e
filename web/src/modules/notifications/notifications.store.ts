import { defineStore } from 'pinia';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { reactive, ref } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { currentLocale } from '@/app/i18n';
import { urqlClient } from '@/app/urql';
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
  type NotificationAddedSubscription,
  type NotificationFieldsFragment,
} from '@/gql/graphql';

export type AppNotification = NotificationFieldsFragment;
export const NOTIFICATION_PAGE_SIZE = 20;

interface ListState {
  unreadOnly: boolean;
  items: AppNotification[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  problem: ApiProblem | null;
}

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/graphql`;
}

/**
 * The signed-in person's notifications: the unread count in the header, kept live by the
 * `notificationAdded` subscription, and the pages of /thong-bao. The live connection is the
 * person's own (opened at sign-in, closed at sign-out), so it always carries their session.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const unreadCount = ref(0);
  const list = reactive<ListState>({ unreadOnly: false, items: [], totalCount: 0, endCursor: null, hasNextPage: false, status: 'idle', problem: null });
  /** the last notification that arrived live (the bell announces it to screen readers) */
  const latest = ref<AppNotification | null>(null);
  let socket: Client | null = null;
  let stopLive: (() => void) | null = null;
  let latestRequest = 0;

  async function refreshCount(): Promise<void> {
    const result = await urqlClient.query(UnreadNotificationCountDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) unreadCount.value = result.data.unreadNotificationCount;
  }

  function received(n: AppNotification): void {
    latest.value = n;
    const at = list.items.findIndex((x) => x.id === n.id);
    // a leader's review summary is one notification, updated: it moves to the top
    if (at >= 0) list.items.splice(at, 1);
    if (list.status !== 'idle' && (!list.unreadOnly || !n.readAt)) {
      list.items.unshift(n);
      if (at < 0) list.totalCount++;
    }
    void refreshCount();
  }

  /** Starts the count and the live subscription for the signed-in person (idempotent). */
  function start(): void {
    if (socket) return;
    void refreshCount();
    socket = createClient({ url: websocketUrl(), connectionParams: () => ({ language: currentLocale() }), lazy: false, retryAttempts: Infinity, shouldRetry: () => true, retryWait: (n) => new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** n))) });
    // after a reconnection, what arrived meanwhile is counted again
    socket.on('connected', () => void refreshCount());
    stopLive = socket.subscribe<NotificationAddedSubscription>(
      { query: print(NotificationAddedDocument) },
      {
        next: (r) => {
          if (r.data) received(r.data.notificationAdded);
        },
        error: () => {},
        complete: () => {},
      },
    );
  }

  function stop(): void {
    stopLive?.();
    void socket?.dispose();
    socket = null;
    stopLive = null;
    unreadCount.value = 0;
    latest.value = null;
    Object.assign(list, { items: [], totalCount: 0, endCursor: null, hasNextPage: false, status: 'idle', problem: null });
  }

  async function load(unreadOnly = list.unreadOnly, append = false): Promise<void> {
    const request = ++latestRequest;
    if (!append) Object.assign(list, { unreadOnly, items: [], totalCount: 0, endCursor: null, hasNextPage: false });
    list.status = append ? 'loadingMore' : 'loading';
    list.problem = null;
    const result = await urqlClient
      .query(NotificationsDocument, { unreadOnly: list.unreadOnly, first: NOTIFICATION_PAGE_SIZE, after: append ? list.endCursor : null }, { requestPolicy: 'network-only' })
      .toPromise();
    if (request !== latestRequest) return;
    if (result.error || !result.data) {
      list.status = 'error';
      list.problem = toApiProblem(result.error);
      return;
    }
    const page = result.data.notifications;
    const known = new Set(list.items.map((n) => n.id));
    list.items = append ? [...list.items, ...page.nodes.filter((n) => !known.has(n.id))] : page.nodes;
    list.totalCount = page.totalCount;
    list.endCursor = page.pageInfo.endCursor ?? null;
    list.hasNextPage = page.pageInfo.hasNextPage;
    list.status = 'ready';
    void refreshCount();
  }

  const loadMore = () => load(list.unreadOnly, true);

  /** Marks these (or, with none, all of mine) read; null on success, else the problem. */
  async function markRead(ids?: string[]): Promise<ApiProblem | null> {
    const result = await urqlClient.mutation(MarkNotificationsReadDocument, { ids: ids ?? null }).toPromise();
    if (result.error) return toApiProblem(result.error);
    const now = new Date().toISOString();
    for (const n of list.items) if (!n.readAt && (!ids || ids.includes(n.id))) n.readAt = now;
    if (list.unreadOnly) list.items = list.items.filter((n) => !n.readAt);
    await refreshCount();
    return null;
  }

  return { unreadCount, list, latest, start, stop, load, loadMore, markRead, refreshCount };
});
