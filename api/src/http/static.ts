import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Hashed build output: its name changes with its content, so a browser may keep it for a year. */
const IMMUTABLE = /^\/assets\//;
/** A path that names a file (`/assets/x.js`, `/favicon.svg`), as opposed to a client route. */
const FILE_LIKE = /\/[^/]*\.[A-Za-z0-9]+$/;

/**
 * Whether a request is a page navigation, the only kind that gets the SPA's index.html for an
 * unknown path. A script or a chunk asked for by an old tab after a deploy gets a plain 404, so the
 * app can tell it failed instead of parsing HTML as JavaScript.
 */
export function isNavigation(req: IncomingMessage, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (IMMUTABLE.test(pathname) || FILE_LIKE.test(pathname)) return false;
  const mode = req.headers['sec-fetch-mode'];
  if (mode) return mode === 'navigate';
  const accept = req.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

/**
 * Serves the built web app with sirv: the brotli or gzip copies made at build time when the browser
 * takes them, ETag and 304, hashed assets immutable, everything else revalidated (`no-cache`), and
 * index.html for navigations to client routes.
 */
export function createStaticHandler(root: string) {
  let files: Handler | null = null;
  let index: Handler | null = null;
  const setHeaders = (res: ServerResponse, pathname: string) => {
    res.setHeader('Cache-Control', IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
  };
  const load = () => {
    // sirv lists the directory once; the list is made when the build first appears
    files ??= sirv(root, { etag: true, gzip: true, brotli: true, extensions: [], dotfiles: false, setHeaders }) as Handler;
    index ??= sirv(root, { etag: true, gzip: true, brotli: true, extensions: ['html'], single: true, ignores: false, setHeaders: (res) => setHeaders(res, '/index.html') }) as Handler;
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!files && !existsSync(join(root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
      res.end('Ứng dụng web chưa được build: chạy "pnpm --filter @thidua/web build".');
      return true;
    }
    load();
    let pathname = '/';
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      /* a malformed URL is nobody's file */
    }
    files!(req, res, () => {
      if (isNavigation(req, pathname)) {
        // sirv's single-page mode answers any unknown path with index.html (and its .br/.gz)
        index!(req, res, () => notFound(res));
      } else notFound(res);
    });
    return true;
  };
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
  res.end('Không tìm thấy.');
}
