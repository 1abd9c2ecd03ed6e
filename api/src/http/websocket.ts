import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { isTransientDatabaseError } from '@thidua/db';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from '../config';
import type { Context } from '../graphql/context';
import { ErrorCode, viMessage } from '../errors';
import { connectionLanguage, localizeError } from './error-language';
import { clientIp } from './client-ip';
import { RETRY_AFTER_SECONDS } from './faults';
import { RATE_LIMITED_STATUS } from './rate-limited';

/** Open live connections one client address may hold at once (WS_CONNECTIONS_PER_CLIENT; 0 = no cap). */
export const DEFAULT_WS_CONNECTIONS_PER_CLIENT = 20;
/** A subscription document's size bound, as for queries over HTTP. */
const MAX_TOKENS = 4_000;

export interface LiveServerOptions {
  server: Server;
  schema: GraphQLSchema;
  config: Pick<Config, 'trustProxy' | 'wsConnectionsPerClient'>;
  /** the context of a subscription, from the upgrade request (a database fault → SERVICE_UNAVAILABLE) */
  context(request: IncomingMessage): Promise<Context>;
  /** seconds to wait before this subscription may start (the GraphQL rate limit), or null */
  waitFor(request: IncomingMessage): Promise<number | null>;
  /** the same error formatting as GraphQL over HTTP (codes, faults → SERVICE_UNAVAILABLE, no internals) */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/**
 * GraphQL subscriptions over graphql-ws on /graphql, held to the same rules as GraphQL over HTTP:
 * - a client address may keep at most `wsConnectionsPerClient` connections open; the handshake of
 *   one more is refused with HTTP 429 and Retry-After;
 * - each subscription takes from the same rate limit as a request (anonymous per address, signed
 *   in per user): over it, the subscription ends at once with RATE_LIMITED and `retryAfter`;
 * - errors leave formatted as over HTTP: a database fault is SERVICE_UNAVAILABLE, never internals.
 */
export function createLiveServer(options: LiveServerOptions) {
  const { config } = options;
  const open = new Map<string, number>();
  const cap = config.wsConnectionsPerClient;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    // 64 KB is far more than any subscription document needs
    maxPayload: 64 * 1024,
    verifyClient: (info, done) => {
      if (cap > 0 && (open.get(clientIp(info.req, config)) ?? 0) >= cap)
        return done(false, RATE_LIMITED_STATUS, 'Too Many Requests', { 'Retry-After': '10' });
      done(true);
    },
  });
  wss.on('connection', (socket, request) => {
    const ip = clientIp(request, config);
    open.set(ip, (open.get(ip) ?? 0) + 1);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    });
  });

  type Live = { connectionParams?: unknown; extra: { request: IncomingMessage } };
  // in the language of the connection: `language` in its connection parameters, else its upgrade request's Accept-Language
  const languageOfLive = (ctx: Live) => connectionLanguage(ctx.connectionParams, ctx.extra.request);
  const formatted = (ctx: Live, errors: readonly GraphQLError[]) =>
    errors.map((error) => localizeError(options.formatError(error.toJSON(), error), languageOfLive(ctx)));
  // refusals of onSubscribe pass through onError too, so they leave formatted and in the connection's language
  const refusal = (message: string, extensions: Record<string, unknown>) => [new GraphQLError(message, { extensions })];

  const cleanup = useServer(
    {
      schema: options.schema,
      // the context, the document and its validation are made here, so that a database fault while
      // reading the session is SERVICE_UNAVAILABLE for this subscription, not a closed socket
      onSubscribe: async (ctx, _id, payload) => {
        const request = ctx.extra.request;
        let wait: number | null;
        try {
          wait = await options.waitFor(request);
        } catch (error) {
          if (!isTransientDatabaseError(error)) throw error;
          return refusal(viMessage(ErrorCode.SERVICE_UNAVAILABLE), { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: RETRY_AFTER_SECONDS });
        }
        if (wait != null) return refusal(viMessage(ErrorCode.RATE_LIMITED, { retryAfter: wait }), { code: ErrorCode.RATE_LIMITED, retryAfter: wait });
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (error) {
          return refusal(`Truy vấn không hợp lệ: ${(error as Error).message}`, { code: 'GRAPHQL_PARSE_FAILED' });
        }
        const invalid = validate(options.schema, document);
        if (invalid.length) return invalid.map((e) => new GraphQLError(`Truy vấn không hợp lệ: ${e.message}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        let contextValue: Context;
        try {
          contextValue = await options.context(request);
        } catch (error) {
          if (!isTransientDatabaseError(error)) throw error;
          return refusal(viMessage(ErrorCode.SERVICE_UNAVAILABLE), { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: RETRY_AFTER_SECONDS });
        }
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
      },
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...(result as ExecutionResult), errors: formatted(ctx, result.errors) } : undefined,
      onError: (ctx, _id, _payload, errors) => formatted(ctx, errors),
    },
    wss,
  );

  return {
    /** open connections per client address (for tests and metrics) */
    openConnections: (ip: string) => open.get(ip) ?? 0,
    dispose: () => cleanup.dispose(),
    close: () => wss.close(),
  };
}
