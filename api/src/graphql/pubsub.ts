import { createPubSub } from '@graphql-yoga/subscription';

/** In-process events; with REDIS_URL the leaderboards module bridges them across processes. */
export const pubSub = createPubSub();
