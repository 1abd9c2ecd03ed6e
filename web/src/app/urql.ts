import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/vue';
import { createClient as createWsClient } from 'graphql-ws';
import { createRetryingFetch } from './retryingFetch';
import { lastSeenExchange } from './last-seen';
import { currentLocale, languageHeaders } from './i18n';

const GRAPHQL_PATH = '/graphql';

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${GRAPHQL_PATH}`;
}

// Lazy: the socket opens with the first subscription (live leaderboards), not on page load.
// The API answers errors in the UI's language: `language` when the connection opens (a WebSocket cannot set headers).
const wsClient = createWsClient({ url: websocketUrl(), lazy: true, retryAttempts: 5, connectionParams: () => ({ language: currentLocale() }) });

export const urqlClient = new Client({
  url: GRAPHQL_PATH,
  // Apollo's CSRF guard rejects header-less GET requests, so every operation is a POST.
  preferGetMethod: false,
  // The session lives in an HttpOnly cookie.
  // Errors come back in the UI's language (Accept-Language, read at each request).
  fetchOptions: () => ({ credentials: 'include', headers: languageHeaders() }),
  // 503 SERVICE_UNAVAILABLE, 429 RATE_LIMITED and network failures are retried with backoff
  fetch: createRetryingFetch(),
  exchanges: [
    cacheExchange,
    // with no signal, a query answers with the last data seen on this device (marked with its time)
    lastSeenExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            const unsubscribe = wsClient.subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
