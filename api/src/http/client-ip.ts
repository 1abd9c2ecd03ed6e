import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Config, TrustProxy } from '../config';

/** What the function needs of a request (an IncomingMessage, or the one a WebSocket upgrade carried). */
export interface RequestLike {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1: lists and logs then agree. */
function normalize(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

const blockLists = new WeakMap<TrustProxy, BlockList>();

function trustedList(trust: Extract<TrustProxy, { kind: 'addresses' }>): BlockList {
  let list = blockLists.get(trust);
  if (!list) {
    list = new BlockList();
    for (const r of trust.ranges) list.addSubnet(r.address, r.prefix, r.family === 4 ? 'ipv4' : 'ipv6');
    blockLists.set(trust, list);
  }
  return list;
}

/**
 * The client's address, for rate limits and the audit log. X-Forwarded-For is written by whoever
 * sends the request, so it is read only as far as TRUST_PROXY vouches for its writers: without it
 * the socket's peer is the client; with N hops, the address N entries from the right (the proxies'
 * own appends); with a list, walking right to left past the listed proxies. Anything further left
 * is the client's own claim and is ignored.
 */
export function clientIp(req: RequestLike, config: Pick<Config, 'trustProxy'>): string {
  const peer = normalize(req.socket.remoteAddress ?? '');
  const trust = config.trustProxy;
  if (trust.kind === 'none') return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map(normalize).filter(Boolean);
  const chain = [...forwarded, peer];
  if (trust.kind === 'hops') {
    const candidate = chain[Math.max(0, chain.length - 1 - trust.hops)];
    return isIP(candidate) ? candidate : peer;
  }
  const list = trustedList(trust);
  let i = chain.length - 1;
  while (i > 0) {
    const here = chain[i];
    const family = isIP(here);
    if (!family || !list.check(here, family === 4 ? 'ipv4' : 'ipv6')) break;
    if (!isIP(chain[i - 1])) break; // a trusted proxy passed on garbage: stop at the proxy
    i--;
  }
  return chain[i];
}
