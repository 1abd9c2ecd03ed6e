import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { cachePolicyPlugin } from './graphql/cache-policy';
import { onePlugin } from './graphql/one-plugin';
import { DocumentStore } from './graphql/document-store';
import { findPublicAnswer, publicAnswerKey, publicCachePlugins, publicDataVersion, setPublicFreshness, type PublicAnswer } from './graphql/public-cache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants as zlibConstants, gzip, gzipSync } from 'node:zlib';
import type { Database } from '@thidua/db';
import type { Config } from './config';
import { ErrorCode } from './errors';
import { inputErrorFromDatabase } from './database-errors';
import { authBeforeInputPlugin } from './graphql/input-guard';
import { createContext, type Context } from './graphql/context';
import { ReadReplica } from './read-replica';
import { getSchema } from './graphql/schema';
import { wireBadges } from './modules/badges/badges.hooks';
import { eventBus } from './graphql/pubsub';
import { vietnameseRequestError } from './graphql/graphql-messages';
import { reviewWaiting, wireNotifications } from './modules/notifications/notify';
import { createStaticHandler } from './http/static';
import { clientIp } from './http/client-ip';
import { refuseHostileRequest } from './http/input-checks';
import { answerFault, faultError, faultStatus } from './http/faults';
import { securityHeaders } from './http/security-headers';
import { answerHealth } from './http/health';
import { languageOf, localizeBody, sendErrors } from './http/error-language';
import { createLogger, log, noteOperation, requestIdOf, setRootLogger, withRequestLog, type LogDestination } from './logger';
import { graphqlRateLimit } from './http/rate-limit';
import { createLiveServer } from './http/websocket';
import { createAdmission, type Lane } from './http/admission';
import { knownSession } from './modules/auth/session-cache';
import { answerMetrics, measureRequest, metricsPlugin, observePublicAnswer, useMetricSources } from './http/metrics';
import { activityWriter } from './modules/activities/activity-writer';
import { AuthService, readSessionCookie } from './modules/auth/auth.service';

/** Extra HTTP routes (evidence uploads, exports…): return true when the request was handled. */
export type Route = (req: IncomingMessage, res: ServerResponse, app: AppServices) => Promise<boolean>;

export interface AppServices {
  config: Config;
  database: Database;
  /** the context a GraphQL request from this HTTP request would get */
  contextFor(req: IncomingMessage, res?: ServerResponse): Promise<Context>;
}

export interface App extends AppServices {
  server: Server;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

// room for a 2 MB spreadsheet sent base64-encoded to importCitizens
const MAX_BODY_BYTES = 3_000_000;
/** Query limits: deep or costly queries are refused before they run. */
export const QUERY_LIMITS = { maxDepth: 10, maxCost: 20_000, maxAliases: 20, maxDirectives: 20, maxTokens: 4_000 };

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Every error leaves with a stable code and a Vietnamese message; internals stay in the log. A bug
 * of a GraphQL request over HTTP was already logged with its request id by `bugLogPlugin`; any
 * other (a subscription's, an error before the request's plugins ran) is logged here, without one.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const known = formatKnownError(formatted, error);
  if (known) return known;
  if (!loggedBugs.has(error as object)) log().error({ err: error }, 'graphql internal error');
  return { message: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}

/** errors already logged with their request id (by bugLogPlugin), so formatError does not log them again */
const loggedBugs = new WeakSet<object>();

/** Logs the bugs among a GraphQL request's errors, with its request id, before they are formatted. */
function bugLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          for (const error of rc.errors) {
            if (formatKnownError(error.toJSON(), error)) continue;
            loggedBugs.add(error);
            log(rc.contextValue.reqId).error({ err: error }, 'graphql internal error');
          }
        },
      };
    },
  };
}

/** The error as the client sees it, or null when it is a bug (to be logged, and answered INTERNAL_SERVER_ERROR). */
function formatKnownError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const fault = faultError(formatted, error);
  if (fault) return fault;
  const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL);
  // graphql-js's own wording, bounded, without the refused value, for the client's developer
  const detail = formatted.message.replace(/ got invalid value [\s\S]*?; /, ' got invalid value; ').slice(0, 300);
  const said = vietnameseRequestError(formatted.message);
  if (code === 'BAD_USER_INPUT' && /^Variable "\$/.test(formatted.message)) return { ...formatted, message: said ?? `Biến không hợp lệ: ${detail}`, extensions: { ...formatted.extensions, detail } };
  if (KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) return formatted;
  if (/depth limit/i.test(detail))
    return { ...formatted, message: `Truy vấn lồng quá sâu (tối đa ${QUERY_LIMITS.maxDepth} cấp).`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', detail } };
  if (/cost|aliases|directives|token limit/i.test(detail))
    return { ...formatted, message: 'Truy vấn quá lớn hoặc quá phức tạp.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', detail } };
  // armor's limits also say "Syntax Error", so they are told apart first
  if (/^Syntax Error/.test(detail))
    return { ...formatted, message: `Truy vấn không hợp lệ: ${detail}`, extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST' || code === 'BAD_USER_INPUT' || code === 'OPERATION_RESOLUTION_FAILURE')
    return { ...formatted, message: said ?? `Truy vấn không hợp lệ: ${detail}`, extensions: { ...formatted.extensions, ...(said ? { detail } : {}) } };
  // Apollo clients retry with the whole query on this exact message: it stays as the protocol says
  if (code === 'PERSISTED_QUERY_NOT_FOUND') return formatted;
  const fromDatabase = inputErrorFromDatabase(error);
  if (fromDatabase) return { ...fromDatabase, locations: formatted.locations, path: formatted.path };
  return null;
}

// Larger GraphQL answers (boards, lists) leave gzip- or brotli-compressed when the client takes it:
// the answer is complete before it is sent, so it is compressed here in one call (brotli at quality
// 4, as the compression middleware did), without wrapping every response's writes to find out.
const COMPRESS_THRESHOLD = 1024;
/** answers at least this large are compressed on the thread pool, not on the event loop */
const COMPRESS_ON_POOL = 64 * 1024;
const BROTLI_OPTIONS = (size: number) => ({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size } });
const brotliOnPool = promisify(brotliCompress);
const gzipOnPool = promisify(gzip);

/** The encodings a client takes (Accept-Encoding), without those it refuses with q=0. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const taken = new Set<string>();
  for (const part of (header ?? '').slice(0, 256).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) taken.add(name);
  }
  return taken;
}

/**
 * The body to send for this client: brotli or gzip when it takes one and the body is worth it
 * (the headers get Content-Encoding and Vary), else as it is. `kept`: compressed forms made
 * before (a kept public answer's), reused and filled in.
 */
function encodedBody(req: IncomingMessage, headers: Record<string, string | string[]>, body: Buffer, kept?: { br?: Buffer; gzip?: Buffer }): Buffer | Promise<Buffer> {
  if (body.length < COMPRESS_THRESHOLD) return body;
  headers.vary = `${headers.vary ?? 'Accept-Language'}, Accept-Encoding`;
  const taken = acceptedEncodings(req.headers['accept-encoding']);
  const encoding = taken.has('br') ? 'br' : taken.has('gzip') ? 'gzip' : null;
  if (!encoding) return body;
  headers['content-encoding'] = encoding;
  const made = kept?.[encoding];
  if (made) return made;
  const remember = (out: Buffer) => (kept ? (kept[encoding] = out) : out);
  if (body.length < COMPRESS_ON_POOL) return remember(encoding === 'br' ? brotliCompressSync(body, BROTLI_OPTIONS(body.length)) : gzipSync(body));
  return (encoding === 'br' ? brotliOnPool(body, BROTLI_OPTIONS(body.length)) : gzipOnPool(body)).then(remember);
}

/** Sends a kept public answer again: as it left, with its age, compressed once per form (brotli, gzip) and kept so. */
async function sendPublicAnswer(req: IncomingMessage, res: ServerResponse, answer: PublicAnswer): Promise<void> {
  const headers: Record<string, string | string[]> = { ...answer.headers, age: String(Math.max(0, Math.floor((Date.now() - answer.storedAt) / 1000))) };
  const body = await encodedBody(req, headers, answer.body, answer);
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('body too large'), { status: 413 }));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface AppOptions {
  /** where the JSON log lines go (default: standard output), e.g. a test capturing them */
  logDestination?: LogDestination;
}

export async function createApp(config: Config, database: Database, routes: Route[] = [], options: AppOptions = {}): Promise<App> {
  const logger = createLogger({ level: config.logLevel, destination: options.logDestination });
  setRootLogger(logger);
  const schema = await getSchema();
  setPublicFreshness(config.publicFreshnessMs);
  wireBadges(database.db, config);
  wireNotifications(database.db, config);
  // with Redis, live events (leaderboard changes) reach every API process
  if (config.redisUrl) await eventBus.useRedis(config.redisUrl);
  const server = createServer();
  // an idle keep-alive connection is kept longer than a proxy's or a client pool's (Node's 5 s
  // default): closed just as the other side reuses it, the request on it is lost ("socket hang up",
  // a 502 behind nginx); slow request headers are still cut off at Node's 60 s
  server.keepAliveTimeout = 65_000;
  const auth = new AuthService(database.db, config);
  // public reads (boards, totals, the feed) on a streaming replica when one is configured
  const replica = await ReadReplica.open(config, database);
  const reader = replica ? () => replica.source() : undefined;

  const baseContext = async (req: IncomingMessage, setCookie: (h: string) => void): Promise<Context> => {
    const sessionToken = readSessionCookie(req.headers.cookie);
    const user = await auth.userForToken(sessionToken);
    return createContext({ db: database.db, reads: database.reads, config, user, sessionToken, setCookie, clientIp: clientIp(req, config), reader, reqId: requestIdOf(req) });
  };

  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !config.production,
    // Sessions use SameSite=Lax cookies and mutations are refused over GET, which covers CSRF;
    // Apollo's header check would also refuse the spec's plain GET requests.
    csrfPrevention: false,
    // parsed documents, bounded by what they hold in the heap (document-store.ts)
    documentStore: new DocumentStore(),
    formatError,
    ...protection,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // the request plugins as one: Apollo calls each hook of each plugin for every request (one-plugin.ts)
      onePlugin<Context>([
        ...(protection.plugins as ApolloServerPlugin<Context>[]),
        // the cache policy once per document, not a hook per resolved field (see cache-policy.ts)
        cachePolicyPlugin(),
        ...publicCachePlugins(),
        authBeforeInputPlugin(),
        metricsPlugin() as ApolloServerPlugin<Context>,
        bugLogPlugin(),
      ]),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      { async serverWillStart() { return { async drainServer() { await live.dispose(); } }; } },
    ],
    validationRules: [...protection.validationRules],
  });
  await apollo.start();

  const serveStatic = createStaticHandler(config.webDist);
  const services: AppServices = {
    config,
    database,
    contextFor: (req, res) =>
      baseContext(req, (h) => res?.appendHeader('set-cookie', h)),
  };

  const rateLimited = graphqlRateLimit(config, async (req) => (await auth.userForToken(readSessionCookie(req.headers.cookie)))?.id ?? null);
  // subscriptions over graphql-ws: the same rate limit, a cap of connections per address, the same error formatting
  const live = createLiveServer({
    server,
    schema,
    config,
    context: (req) => baseContext(req, () => {}),
    waitFor: (req) => rateLimited.waitFor(req),
    formatError,
  });

  /** The GraphQL request as sent: the JSON body (raw and parsed) of a POST, the query string of a GET. */
  async function readGraphQLRequest(req: IncomingMessage, res: ServerResponse): Promise<{ raw: string; body: unknown; search: string } | null> {
    let raw = '';
    let body: unknown = undefined;
    if (req.method === 'POST') {
      raw = await readBody(req);
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json')) {
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'Nội dung yêu cầu không phải JSON hợp lệ.' }]);
          return null;
        }
      } else body = raw;
    }
    const query = req.url?.indexOf('?') ?? -1;
    const search = query >= 0 ? req.url!.slice(query) : '';
    noteOperation(req, body, search);
    return { raw, body, search };
  }

  /**
   * Answers GraphQL over HTTP. An anonymous read whose answer is kept (a board nobody has changed
   * since) is sent as it left the last time, without running GraphQL; identical reads meanwhile
   * wait for the one computing it (public-cache.ts).
   */
  async function serveGraphQL(req: IncomingMessage, res: ServerResponse) {
    const started = process.hrtime.bigint();
    if (await rateLimited(req, res)) return;
    const request = await readGraphQLRequest(req, res);
    if (!request) return;
    const key = publicAnswerKey(req.method ?? '', req.headers, request.raw, request.search, readSessionCookie(req.headers.cookie) !== null);
    if (!key) return handleGraphQL(req, res, request.body, request.search, null);
    const { version, structure } = publicDataVersion();
    const found = await findPublicAnswer(key);
    if (found.answer) {
      await sendPublicAnswer(req, res, found.answer);
      observePublicAnswer(found.answer.field, found.how, Number(process.hrtime.bigint() - started) / 1e9);
      return;
    }
    let kept: PublicAnswer | null = null;
    try {
      await handleGraphQL(req, res, request.body, request.search, (answer) => {
        kept = { ...answer, version, structure, storedAt: Date.now() };
      });
    } finally {
      found.done(kept);
    }
  }

  async function handleGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    search: string,
    keep: ((answer: Omit<PublicAnswer, 'version' | 'structure' | 'storedAt'>) => void) | null,
  ) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const cookies: string[] = [];
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method!.toUpperCase(), headers, search, body };
    const answer: NonNullable<Context['answer']> = keep ? { checks: [] } : {};
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => ({ ...(await baseContext(req, (h) => cookies.push(h))), answer }),
    });
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of result.headers) out[k] = v;
    if (cookies.length) out['set-cookie'] = cookies;
    out['cache-control'] ??= 'no-store';
    // error messages are in the caller's language (Accept-Language); codes stay the same
    out.vary = out.vary ? `${out.vary}, Accept-Language` : 'Accept-Language';
    const text = result.body.kind === 'complete' ? localizeBody(result.body.string, languageOf(req)) : '';
    let status = result.status ?? 200;
    // graphql-armor's parser reports syntax and token-limit errors as failures of the server;
    // a response without data whose errors are all the client's is a 400
    if (status >= 500 && result.body.kind === 'complete') {
      const parsed = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      if (parsed.data === undefined && parsed.errors?.length && parsed.errors.every((e) => e.extensions?.code !== ErrorCode.INTERNAL)) status = 400;
    }
    if (result.body.kind === 'complete') status = faultStatus(text, status, out);
    if (result.body.kind === 'complete') {
      // a known length: no chunked framing, and head and body leave in one write
      const bytes = Buffer.from(text);
      const kept: Omit<PublicAnswer, 'version' | 'structure' | 'storedAt'> | null = keep && answer.public && status === 200 && !cookies.length ? { status, headers: { ...out }, body: bytes, field: answer.public.field, maxAgeMs: answer.public.maxAge * 1000, checks: answer.public.checks } : null;
      const body = await encodedBody(req, out, bytes, kept ?? undefined);
      if (kept) keep!(kept);
      out['content-length'] = String(body.length);
      res.writeHead(status, out);
      res.end(body);
    } else {
      res.writeHead(status, out);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  // at most GRAPHQL_CONCURRENCY requests run and GRAPHQL_QUEUE wait; a flood beyond gets a cheap 503;
  // signed-in work (known sessions) has its own lane, so approvals never wait behind anonymous readers
  const admission = createAdmission(
    { concurrency: config.graphqlConcurrency, queue: config.graphqlQueue },
    { concurrency: config.graphqlStaffConcurrency, queue: config.graphqlStaffQueue },
  );
  const laneOf = (req: IncomingMessage): Lane => {
    const token = readSessionCookie(req.headers.cookie);
    return token && knownSession(database.db, token, Date.now()) ? 'staff' : 'public';
  };
  useMetricSources({
    database,
    writerLoad: () => activityWriter(database.db).load,
    admission: admission.stats,
    ...(replica ? { replica: () => ({ lagMs: replica.lagMs(), serving: replica.source().replica }) } : {}),
  });
  const setSecurityHeaders = securityHeaders(config);
  server.on('request', (req, res) => void withRequestLog(logger, req, res, async () => {
    try {
      measureRequest(req, res);
      setSecurityHeaders(req, res);
      const path = (req.url ?? '/').split('?')[0];
      // first, and on its own database connection: a flood of GraphQL does not queue it
      if (path === '/healthz') return await answerHealth(req, res, database, () => eventBus.redisReady());
      if (path === '/metrics' && req.method === 'GET') return await answerMetrics(req, res, config.metricsToken);
      if (path === '/graphql') {
        const place = await admission.admit(req, res, laneOf(req));
        if (!place) return;
        try {
          return await serveGraphQL(req, res);
        } finally {
          place();
        }
      }
      if (refuseHostileRequest(req, res)) return;
      for (const route of routes) if (await route(req, res, services)) return;
      if (serveStatic(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Không tìm thấy.');
    } catch (error) {
      if (answerFault(res, error)) return;
      const status = (error as { status?: number }).status ?? 500;
      if (status === 500) log(req).error({ err: error }, 'request failed');
      if (res.headersSent) res.end();
      else sendErrors(res, status, [status === 413 ? { code: 'BAD_REQUEST', message: 'Yêu cầu quá lớn.' } : { code: ErrorCode.INTERNAL }]);
    }
  }));

  return {
    ...services,
    server,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve(`http://localhost:${actual}`);
        });
      }),
    close: async () => {
      await apollo.stop();
      live.close();
      await eventBus.close();
      // review summaries still queued for this database are written before it may be closed
      await reviewWaiting.drain(database.db);
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
      await replica?.close();
    },
  };
}
