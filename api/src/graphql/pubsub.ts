import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';

type Listener = EventListenerOrEventListenerObject;
type Hook = (topic: string, payload: unknown) => void;

const CHANNEL_PREFIX = 'thidua:';

/**
 * The event bus behind GraphQL subscriptions. In one process, events stay in memory; with
 * REDIS_URL every event goes through Redis and is delivered in every API process. Hooks run
 * synchronously before subscribers, so caches are invalidated before anyone recomputes.
 */
class EventBus {
  private local = new EventTarget();
  private hooks: Hook[] = [];
  private redis: { pub: Redis; sub: Redis; url: string; users: number } | null = null;

  onEvent(hook: Hook) {
    this.hooks.push(hook);
  }

  private deliver(topic: string, payload: unknown) {
    for (const hook of this.hooks) hook(topic, payload);
    this.local.dispatchEvent(new CustomEvent(topic, { detail: payload }));
  }

  /** Idempotent: several apps in one process share one connection pair (counted). */
  async useRedis(url: string): Promise<void> {
    if (this.redis?.url === url) {
      this.redis.users++;
      return;
    }
    if (this.redis) throw new Error('the event bus is already connected to another Redis');
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = new Redis(url, { lazyConnect: true });
    await Promise.all([pub.connect(), sub.connect()]);
    sub.on('pmessage', (_pattern: string, channel: string, message: string) => this.deliver(channel.slice(CHANNEL_PREFIX.length), JSON.parse(message)));
    await sub.psubscribe(`${CHANNEL_PREFIX}*`);
    this.redis = { pub, sub, url, users: 1 };
  }

  /** null without Redis; else whether both connections are up (for /healthz) */
  redisReady(): boolean | null {
    return this.redis ? this.redis.pub.status === 'ready' && this.redis.sub.status === 'ready' : null;
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    if (--this.redis.users > 0) return;
    const { pub, sub } = this.redis;
    this.redis = null;
    await Promise.allSettled([pub.quit(), sub.quit()]);
  }

  // EventTarget, as createPubSub uses it
  addEventListener(type: string, listener: Listener | null) {
    this.local.addEventListener(type, listener);
  }
  removeEventListener(type: string, listener: Listener | null) {
    this.local.removeEventListener(type, listener);
  }
  dispatchEvent(event: Event): boolean {
    const payload = (event as CustomEvent).detail;
    if (this.redis) {
      // this process's caches are invalidated at once; subscribers get the event back from Redis
      for (const hook of this.hooks) hook(event.type, payload);
      void this.redis.pub.publish(CHANNEL_PREFIX + event.type, JSON.stringify(payload ?? null));
    } else this.deliver(event.type, payload);
    return true;
  }
}

export const eventBus = new EventBus();
export const pubSub = createPubSub({ eventTarget: eventBus as unknown as EventTarget });
