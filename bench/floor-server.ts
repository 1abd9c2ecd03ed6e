/**
 * The servers of `pnpm bench:floor` (bench/floor.ts): the least an API can do per recording on this
 * host, without any of Thi đua số's code. One process, as deployed (NODE_ENV=production, the serve
 * script's Node flags), on node:http like api/src/app.ts:
 *
 *   FLOOR_MODE=http    POST / with a JSON row: JSON.parse, then the bare baseline's insert through
 *                      postgres.js, one statement per request; answers {"id":…}
 *   FLOOR_MODE=apollo  Apollo Server (no plugin of ours) with a type-graphql schema of one mutation,
 *                      `record(input)`, doing that same insert; and `{ __typename }`. Served through
 *                      executeHTTPGraphQLRequest, as the API serves GraphQL
 *
 * FLOOR_COMBINE=1: rows are written as the API's writer writes them (activity-writer.ts): one statement
 * in flight; rows that arrive meanwhile wait and share the next one (a multi-row insert, one commit).
 *
 * DATABASE_URL (the benchmark's database, where bench_floor_rows exists). Prints FLOOR_URL=<url> PID=<pid> (tsx runs the script in a process of its own).
 */
import './reflect-metadata';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

// the API's own copies of these packages (pnpm keeps them out of the root's reach)
const fromApi = createRequire(new URL('../api/package.json', import.meta.url));
const fromDb = createRequire(new URL('../packages/db/package.json', import.meta.url));
const postgres = fromDb('postgres') as typeof import('../packages/db/node_modules/postgres');
const tg = fromApi('type-graphql') as typeof import('../api/node_modules/type-graphql');
const { ApolloServer, HeaderMap } = fromApi('@apollo/server') as typeof import('../api/node_modules/@apollo/server');
const disabled = fromApi('@apollo/server/plugin/disabled') as typeof import('../api/node_modules/@apollo/server/dist/esm/plugin/disabled/index');

export interface FloorRow {
  id: string;
  movement_id: string;
  unit_id: number;
  kind: string;
  status: string;
  occurred_on: string;
  attendee_count: number;
  topics: string[];
  details: Record<string, unknown>;
  fingerprint: string;
  recorded_by: string;
}

const sql = postgres(process.env.DATABASE_URL!, { max: 8, onnotice: () => {} });

const COLUMNS = ['id', 'movement_id', 'unit_id', 'kind', 'status', 'occurred_on', 'attendee_count', 'topics', 'details', 'fingerprint', 'recorded_by'] as const;
const waiting: { row: FloorRow; done(error?: unknown): void }[] = [];
let writing = false;

/** The API writer's way: one statement at a time, everything that waited meanwhile in the next one. */
function pump() {
  if (writing || !waiting.length) return;
  writing = true;
  const batch = waiting.splice(0, 500);
  sql`insert into bench_floor_rows ${sql(batch.map((w) => ({ ...w.row, details: sql.json(w.row.details as never) })) as never, ...COLUMNS)}`
    .then(() => batch.forEach((w) => w.done()), (error: unknown) => batch.forEach((w) => w.done(error)))
    .finally(() => {
      writing = false;
      pump();
    });
}

function insert(r: FloorRow): Promise<unknown> {
  if (process.env.FLOOR_COMBINE === '1')
    return new Promise<void>((resolve, reject) => {
      waiting.push({ row: r, done: (error) => (error ? reject(error) : resolve()) });
      pump();
    });
  return sql`insert into bench_floor_rows (id, movement_id, unit_id, kind, status, occurred_on, attendee_count, topics, details, fingerprint, recorded_by)
    values (${r.id}, ${r.movement_id}, ${r.unit_id}, ${r.kind}, ${r.status}, ${r.occurred_on}, ${r.attendee_count}, ${r.topics}, ${sql.json(r.details as never)}, ${r.fingerprint}, ${r.recorded_by})`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function apolloHandler() {
  const { Arg, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, buildSchema } = tg;
  @InputType()
  class RecordInput {
    @Field(() => ID) id: string;
    @Field(() => ID) movementId: string;
    @Field(() => Int) unitId: number;
    @Field(() => String) occurredOn: string;
    @Field(() => Int) attendeeCount: number;
    @Field(() => [String]) topics: string[];
    @Field(() => String) fingerprint: string;
    @Field(() => ID) recordedBy: string;
  }
  @ObjectType()
  class Recorded {
    @Field(() => ID) id: string;
    @Field(() => String) status: string;
  }
  @Resolver()
  class FloorResolver {
    @Query(() => String) ok() {
      return 'ok';
    }
    @Mutation(() => Recorded)
    async record(@Arg('input', () => RecordInput) input: RecordInput): Promise<Recorded> {
      await insert({
        id: input.id, movement_id: input.movementId, unit_id: input.unitId, kind: 'CLASS', status: 'SUBMITTED',
        occurred_on: input.occurredOn, attendee_count: input.attendeeCount, topics: input.topics, details: {},
        fingerprint: input.fingerprint, recorded_by: input.recordedBy,
      });
      return { id: input.id, status: 'SUBMITTED' };
    }
  }
  const schema = await buildSchema({ resolvers: [FloorResolver], validate: false });
  const apollo = new ApolloServer({ schema, plugins: [disabled.ApolloServerPluginLandingPageDisabled(), disabled.ApolloServerPluginCacheControlDisabled()] });
  await apollo.start();
  return async (req: IncomingMessage, body: string) => {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: JSON.parse(body) },
      context: async () => ({}),
    });
    if (result.body.kind !== 'complete') throw new Error('chunked answer');
    return { status: result.status ?? 200, body: result.body.string };
  };
}

async function main() {
  const mode = process.env.FLOOR_MODE;
  const handle =
    mode === 'apollo'
      ? await apolloHandler()
      : async (_req: IncomingMessage, body: string) => {
          const row = JSON.parse(body) as FloorRow;
          await insert(row);
          return { status: 200, body: JSON.stringify({ id: row.id }) };
        };
  const server = createServer(async (req, res) => {
    try {
      const answer = await handle(req, await readBody(req));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    } catch (error) {
      const body = JSON.stringify({ error: String((error as Error).message ?? error) });
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log(`FLOOR_URL=http://127.0.0.1:${(server.address() as AddressInfo).port} PID=${process.pid}`));
}

void main();
