import DataLoader from 'dataloader';
import type { Context } from './context';

const perRequest = new WeakMap<Context, Map<string, DataLoader<unknown, unknown>>>();

/**
 * A DataLoader that lives for one request, created on first use. Modules declare their own batch
 * functions here instead of editing the shared context.
 */
export function requestLoader<K, V>(ctx: Context, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = new Map()));
  let loader = loaders.get(name);
  if (!loader) loaders.set(name, (loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>));
  return loader as DataLoader<K, V>;
}
