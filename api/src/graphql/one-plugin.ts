import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/** The request hooks a combined plugin passes on; a listener with any other is a programming error. */
const PASSED_ON = new Set(['didResolveSource', 'parsingDidStart', 'validationDidStart', 'didResolveOperation', 'willSendResponse', 'didEncounterErrors']);
/** Plugin hooks besides requestDidStart that a combined plugin passes on. */
const SERVER_HOOKS = new Set(['requestDidStart', 'unexpectedErrorProcessingRequest']);

type Listener<C extends BaseContext> = GraphQLRequestListener<C>;
type Hook = (...args: unknown[]) => unknown;

/**
 * Several request plugins as one. Apollo calls every hook of every plugin's listener for every
 * request, each through an async function, a promise and an array (`Promise.all`): with eight
 * plugins that was most of what Apollo allocated for a `{ __typename }`. The combined plugin
 * calls only the hooks a listener has, one after the other in the plugins' order (each ran to its
 * end before the next began under Apollo too: none of ours awaits), and a hook that throws does
 * not stop the others, as with `Promise.all`: the first error is thrown once all have run.
 *
 * Only request plugins may be combined (requestDidStart, and unexpectedErrorProcessingRequest,
 * which graphql-armor's token limit uses); others (a server drain, a landing page) stay apart.
 */
export function onePlugin<C extends BaseContext>(plugins: ApolloServerPlugin<C>[]): ApolloServerPlugin<C> {
  for (const plugin of plugins)
    for (const hook of Object.keys(plugin))
      if (!SERVER_HOOKS.has(hook)) throw new Error(`onePlugin: a plugin with ${hook} cannot be combined`);
  const starters = plugins.filter((p) => p.requestDidStart);
  const unexpected = plugins.filter((p) => p.unexpectedErrorProcessingRequest);

  const each = async (listeners: Listener<C>[], hook: string, args: unknown[]): Promise<void> => {
    let failure: { error: unknown } | null = null;
    for (const listener of listeners) {
      const fn = (listener as Record<string, Hook | undefined>)[hook];
      if (!fn) continue;
      try {
        await fn.apply(listener, args);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  /** a "did start" hook: each listener may give back a hook for the end, called in reverse order */
  const started = async (listeners: Listener<C>[], hook: string, args: unknown[]) => {
    const ends: Hook[] = [];
    for (const listener of listeners) {
      const fn = (listener as Record<string, Hook | undefined>)[hook];
      const end = fn ? await fn.apply(listener, args) : undefined;
      if (typeof end === 'function') ends.push(end as Hook);
    }
    if (!ends.length) return undefined;
    return async (...endArgs: unknown[]) => {
      for (let i = ends.length - 1; i >= 0; i--) await ends[i](...endArgs);
    };
  };

  return {
    async requestDidStart(rc) {
      const listeners: Listener<C>[] = [];
      for (const plugin of starters) {
        const listener = await plugin.requestDidStart!(rc);
        if (!listener) continue;
        for (const hook of Object.keys(listener))
          if (!PASSED_ON.has(hook)) throw new Error(`onePlugin: a request listener with ${hook} is not passed on`);
        listeners.push(listener);
      }
      if (!listeners.length) return undefined;
      const has = (hook: keyof Listener<C>) => listeners.some((l) => l[hook]);
      const combined: Listener<C> = {};
      if (has('didResolveSource')) combined.didResolveSource = (...args) => each(listeners, 'didResolveSource', args);
      if (has('parsingDidStart')) combined.parsingDidStart = (...args) => started(listeners, 'parsingDidStart', args);
      if (has('validationDidStart')) combined.validationDidStart = (...args) => started(listeners, 'validationDidStart', args) as ReturnType<NonNullable<Listener<C>['validationDidStart']>>;
      if (has('didResolveOperation')) combined.didResolveOperation = (...args) => each(listeners, 'didResolveOperation', args);
      if (has('willSendResponse')) combined.willSendResponse = (...args) => each(listeners, 'willSendResponse', args);
      if (has('didEncounterErrors')) combined.didEncounterErrors = (...args) => each(listeners, 'didEncounterErrors', args);
      return combined;
    },
    ...(unexpected.length
      ? {
          async unexpectedErrorProcessingRequest(args) {
            for (const plugin of unexpected) await plugin.unexpectedErrorProcessingRequest!(args);
          },
        }
      : {}),
  };
}
