import { describe, expect, it } from 'vitest';
import { loadConfig } from '@thidua/api/src/config';
import { clientIp } from '@thidua/api/src/http/client-ip';

/* The client address (rate limits, audit log): X-Forwarded-For counts only as far as TRUST_PROXY vouches for it. */

const request = (peer: string, forwardedFor?: string) => ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } });
const trusting = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value });

describe('clientIp', () => {
  it('without TRUST_PROXY is the socket peer, whatever X-Forwarded-For claims', () => {
    expect(clientIp(request('203.0.113.7'), trusting())).toBe('203.0.113.7');
    expect(clientIp(request('203.0.113.7', '1.2.3.4'), trusting())).toBe('203.0.113.7');
    expect(clientIp(request('::ffff:203.0.113.7', '1.2.3.4'), trusting())).toBe('203.0.113.7');
  });

  it('with a hop count, takes the address that many proxies back, ignoring what the client wrote before them', () => {
    // one proxy (127.0.0.1) appended the client's address 198.51.100.9
    expect(clientIp(request('127.0.0.1', '198.51.100.9'), trusting('1'))).toBe('198.51.100.9');
    // the client sent its own X-Forwarded-For: 6.6.6.6 is a spoof, the proxy's append is the truth
    expect(clientIp(request('127.0.0.1', '6.6.6.6, 198.51.100.9'), trusting('1'))).toBe('198.51.100.9');
    // CDN + local proxy
    expect(clientIp(request('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.0.0.5'), trusting('2'))).toBe('198.51.100.9');
    // no header (a request that bypassed the proxy): the peer
    expect(clientIp(request('192.0.2.1'), trusting('1'))).toBe('192.0.2.1');
  });

  it('with a list of proxies, walks back past the listed ones only', () => {
    const config = trusting('loopback, 10.0.0.0/8');
    expect(clientIp(request('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3'), config)).toBe('198.51.100.9');
    expect(clientIp(request('::1', '198.51.100.9'), config)).toBe('198.51.100.9');
    // a peer that is not a listed proxy is the client, even if it sends the header
    expect(clientIp(request('203.0.113.7', '6.6.6.6'), config)).toBe('203.0.113.7');
    // garbage passed on by a trusted proxy: stop at the proxy
    expect(clientIp(request('127.0.0.1', 'unknown'), config)).toBe('127.0.0.1');
  });
});
