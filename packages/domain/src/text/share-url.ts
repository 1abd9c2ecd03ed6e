const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * A link to share (a badge's verification page, an account's activation page) as people can open
 * it: when the server knows no public address (PUBLIC_URL unset outside production, so it says
 * localhost) the link takes the origin of the page the person is on instead. A link with a real
 * address, or one that is not a URL, is left as it is.
 */
export function shareableUrl(url: string, pageOrigin: string | null | undefined): string {
  let link: URL;
  let page: URL;
  try {
    link = new URL(url);
    if (!pageOrigin) return url;
    page = new URL(pageOrigin);
  } catch {
    return url;
  }
  if (!LOOPBACK.has(link.hostname) || LOOPBACK.has(page.hostname)) return url;
  return `${page.origin}${link.pathname}${link.search}${link.hash}`;
}
