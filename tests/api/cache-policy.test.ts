import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema, type GraphQLFieldResolver } from 'graphql';
import { cachePolicyPlugin, markPrivate } from '../../api/src/graphql/cache-policy';
import type { Context } from '../../api/src/graphql/context';
import { dataOf, startTestApp, type TestApp } from '../support/harness';
import { newUser, openCommuneMovement } from '../support/factories';

/*
 * Issue 17: the answer's cache policy is worked out once per query document (cache-policy.ts)
 * instead of by Apollo's cache-control plugin hooking every resolved field. On a schema with every
 * kind of hint, every query below must get the same `cache-control` header from both, with data
 * everywhere (Apollo only counts fields it resolved; the static policy counts every field selected,
 * which is the same when every field resolves).
 */

const typeDefs = /* GraphQL */ `
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  type Query {
    board: Board @cacheControl(maxAge: 30, scope: PUBLIC)
    shortBoard: Board @cacheControl(maxAge: 5)
    plain: Board
    count: Int
    hinted: Int @cacheControl(maxAge: 60)
    mine: Mine @cacheControl(maxAge: 30)
    secret: Int @cacheControl(maxAge: 20, scope: PRIVATE)
    dynamic: Board @cacheControl(maxAge: 30)
  }
  type Board @cacheControl(inheritMaxAge: true) {
    total: Int
    entries: [Entry!]!
    owner: Owner
    stale: Stale
    mine: Entry
  }
  type Entry @cacheControl(inheritMaxAge: true) {
    points: Float
    unit: Unit
    note: Note @cacheControl(maxAge: 10)
  }
  type Unit @cacheControl(inheritMaxAge: true) { id: ID name: String }
  type Owner { id: ID }
  type Stale @cacheControl(maxAge: 12) { id: ID }
  type Note @cacheControl(maxAge: 90, scope: PRIVATE) { text: String }
  type Mine @cacheControl(scope: PRIVATE) { id: ID }
`;

const entry = { points: 1.5, unit: { id: '1', name: 'Xã A' }, note: { text: 'x' } };
const board = { total: 2, entries: [entry, entry], owner: { id: 'o' }, stale: { id: 's' }, mine: entry };
const resolvers = {
  Query: {
    board: () => board,
    shortBoard: () => board,
    plain: () => board,
    count: () => 1,
    hinted: () => 2,
    mine: () => ({ id: 'm' }),
    secret: () => 3,
    dynamic: (_: unknown, __: unknown, ctx: Context, info: { cacheControl?: { setCacheHint(h: { scope: 'PRIVATE' }): void } }) => {
      // the same dynamic hint, given to each implementation its own way
      info.cacheControl?.setCacheHint({ scope: 'PRIVATE' });
      markPrivate(ctx);
      return board;
    },
  },
};

const QUERIES = [
  '{ board { total entries { points unit { id name } } } }',
  '{ board { total } count }',
  '{ board { total } hinted }',
  '{ hinted }',
  '{ count }',
  '{ shortBoard { entries { points } } board { total } }',
  '{ board { owner { id } } }',
  '{ board { stale { id } } }',
  '{ board { entries { note { text } } } }',
  '{ plain { total } }',
  '{ mine { id } }',
  '{ secret }',
  '{ board { total } secret }',
  '{ dynamic { total } }',
  '{ __typename }',
  '{ board { __typename total } }',
  'query { ...F } fragment F on Query { board { entries { ...E } } } fragment E on Entry { points unit { name } }',
  '{ board { ... on Board { stale { id } } } }',
  '{ board { entries { ... { note { text } } } } }',
];

async function headersOf(server: ApolloServer<Context>, query: string): Promise<string | undefined> {
  const res = await server.executeOperation({ query }, { contextValue: {} as Context });
  return res.http.headers.get('cache-control');
}

describe('cache policy worked out per document', () => {
  let apollo: ApolloServer<Context>;
  let ours: ApolloServer<Context>;
  beforeAll(async () => {
    const schema = buildSchema(typeDefs);
    const fields = schema.getQueryType()!.getFields();
    for (const [name, resolve] of Object.entries(resolvers.Query)) fields[name]!.resolve = resolve as GraphQLFieldResolver<unknown, Context>;
    apollo = new ApolloServer<Context>({ schema });
    ours = new ApolloServer<Context>({ schema, plugins: [ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin()] });
    await Promise.all([apollo.start(), ours.start()]);
  });
  afterAll(async () => {
    await Promise.all([apollo?.stop(), ours?.stop()]);
  });

  it('gives every query the header Apollo’s per-field plugin gives it', async () => {
    const seen = new Set<string | undefined>();
    for (const query of QUERIES) {
      const expected = await headersOf(apollo, query);
      seen.add(expected);
      expect({ query, header: await headersOf(ours, query) }).toEqual({ query, header: expected });
    }
    // the queries cover cacheable public and private answers, and uncacheable ones
    expect(seen).toEqual(new Set(['max-age=30, public', 'max-age=5, public', 'max-age=10, private', 'max-age=12, public', 'max-age=60, public', 'max-age=20, private', 'max-age=30, private', 'no-store']));
  });

  it('never caches an answer with errors or an invalid query', async () => {
    expect(await headersOf(ours, '{ board { nope } }')).toBe('no-store');
    expect(await headersOf(ours, '{ board { total ')).toBe('no-store');
  });
});

describe('cache policy of the API’s answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const post = (query: string, cookie?: string) =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query }) });

  it('keeps a board public for visitors, private once it shows the reader’s own row, and never caches a personal query', async () => {
    const a = await newUser(t.db, { role: 'ADMIN' });
    const admin = await t.as(a.username, a.password);
    const m = await openCommuneMovement(admin, 'Chính sách lưu đệm');
    const board = `{ leaderboard(movementId: "${m}", scope: COMMUNE, first: 3) { totalCount entries { rank points unit { id name } } } }`;
    const visitor = await post(board);
    expect(visitor.status).toBe(200);
    expect(visitor.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);

    const u = await newUser(t.db, { role: 'OFFICER' });
    const officer = await t.as(u.username, u.password);
    const withMine = `{ leaderboard(movementId: "${m}", scope: COMMUNE, first: 3) { totalCount myEntry { rank } } }`;
    const signedIn = await post(withMine, officer.cookie!);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);

    const me = await post('{ me { id } }', officer.cookie!);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });
});
