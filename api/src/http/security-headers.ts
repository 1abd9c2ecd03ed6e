import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { Config } from '../config';

/**
 * What the browser may do on this site. The web app is one origin: its own scripts, styles, images
 * and GraphQL (HTTP and the graphql-ws socket). Charts (echarts) and Vue's `:style` bindings set
 * `style` attributes, so those — and only those — may be inline; `<style>` elements and scripts
 * may not.
 */
export function contentSecurityPolicy(config: Pick<Config, 'publicUrl'>): Record<string, string[]> {
  const https = config.publicUrl.startsWith('https:');
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    // 'self' also covers ws:/wss: to this host in CSP Level 3 browsers; the public URL's socket
    // origin is named for the others
    'connect-src': ["'self'", new URL(config.publicUrl).origin.replace(/^http/, 'ws')],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The browser features this site may use: the camera (evidence photos, `capture="environment"`),
 * nothing else.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'display-capture=()',
  'fullscreen=(self)',
].join(', ');
// (only features every current browser knows: an unknown name is a console error in Chromium)

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Sets the security headers (helmet) on a response before anything else writes it; a handler that
 * needs a stricter policy (evidence files) overrides the header in its own writeHead.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>): (req: IncomingMessage, res: ServerResponse) => void {
  const https = config.publicUrl.startsWith('https:');
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  }) as Middleware;
  // helmet's headers do not depend on the request (no nonces here): worked out once, by running its
  // middleware against a response that only records them, and set as they are on every response
  const fixed: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      fixed.push([name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    removeHeader() {},
    getHeader() {
      return undefined;
    },
  };
  // helmet's middleware is synchronous: the headers are recorded when it returns
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  fixed.push(['permissions-policy', PERMISSIONS_POLICY]);
  return (_req, res) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
  };
}
