import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { onePlugin } from '@thidua/api/src/graphql/one-plugin';

/*
 * The request plugins run as one (api/src/graphql/one-plugin.ts): every hook of every plugin still
 * runs, in the plugins' order, a hook that throws fails the request without keeping the others
 * from running, and a plugin whose hooks would not be passed on is refused when combined.
 */

const typeDefs = 'type Query { hello: String }';
const resolvers = { Query: { hello: () => 'xin chào' } };

function recorder(name: string, calls: string[], throwIn?: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      calls.push(`${name}:start`);
      return {
        async parsingDidStart() {
          calls.push(`${name}:parsing`);
          return async () => void calls.push(`${name}:parsed`);
        },
        async didResolveOperation() {
          calls.push(`${name}:resolved`);
          if (throwIn === 'didResolveOperation') throw new GraphQLError(`${name} refuses`, { extensions: { code: 'FORBIDDEN', http: { status: 200 } } });
        },
        async willSendResponse() {
          calls.push(`${name}:send`);
        },
        async didEncounterErrors({ errors }) {
          calls.push(`${name}:errors:${errors.length}`);
        },
      };
    },
  };
}

describe('onePlugin', () => {
  it("runs every plugin's hooks in order, parsing's end hooks in reverse", async () => {
    const calls: string[] = [];
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [onePlugin([recorder('a', calls), recorder('b', calls)])] });
    await server.start();
    const result = await server.executeOperation({ query: '{ hello }' });
    expect(result.body.kind === 'single' && result.body.singleResult.data).toEqual({ hello: 'xin chào' });
    expect(calls).toEqual(['a:start', 'b:start', 'a:parsing', 'b:parsing', 'b:parsed', 'a:parsed', 'a:resolved', 'b:resolved', 'a:send', 'b:send']);
    await server.stop();
  });

  it('lets the other plugins run when one throws, and answers with its error', async () => {
    const calls: string[] = [];
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [onePlugin([recorder('a', calls, 'didResolveOperation'), recorder('b', calls)])] });
    await server.start();
    const result = await server.executeOperation({ query: '{ hello }' });
    const single = result.body.kind === 'single' ? result.body.singleResult : null;
    expect(single?.errors?.map((e) => e.message)).toEqual(['a refuses']);
    expect(single?.data).toBeUndefined();
    expect(calls).toContain('b:resolved');
    expect(calls).toContain('a:errors:1');
    expect(calls).toContain('b:errors:1');
    await server.stop();
  });

  it('refuses a plugin with hooks it would not pass on', () => {
    expect(() => onePlugin([{ async serverWillStart() {} }])).toThrow(/serverWillStart/);
  });

  it('refuses a request listener with hooks it would not pass on', async () => {
    const plugin = onePlugin([{ async requestDidStart() { return { async executionDidStart() {} }; } }]);
    await expect(plugin.requestDidStart!({} as never)).rejects.toThrow(/executionDidStart/);
  });
});
