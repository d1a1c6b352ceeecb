/**
 * @module cookie-snapshot
 * The cookie jar's cookies for one virtual host, as plain data the service
 * worker can hold: it answers the preview frame without asking the page, so
 * it needs the Cookie header for any path without the jar's code (tough-cookie
 * and the public suffix list stay in the page). The page makes the snapshot
 * with the jar's own rules for domain, Secure and order (`getCookies` with
 * every path, sorted); what is left to decide per request is the path and
 * the expiry, which this module does as RFC 6265 (§5.1.4, §5.4) says.
 */

/** One cookie the host would be sent, in the order the jar sends them. */
export interface SnapshotCookie {
  /** `name=value` as it goes into the Cookie header. */
  pair: string;
  /** The cookie's Path. */
  path: string;
  /** When it expires (ms since the epoch), or null for a session cookie. */
  expiresAt: number | null;
}

/** RFC 6265 §5.1.4: does a request path match a cookie's Path? */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

/** The path of a request target as the jar reads it: parsed as a URL, then `decodeURI`d. */
export function targetPath(target: string): string {
  let path = "/";
  try {
    path = new URL(`http://host${target.startsWith("/") ? target : "/"}`).pathname;
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The Cookie header a request to `target` carries, or null when no cookie applies. */
export function snapshotCookieHeader(
  cookies: readonly SnapshotCookie[],
  target: string,
  now: number = Date.now(),
): string | null {
  const path = targetPath(target);
  const pairs = cookies
    .filter(
      (cookie) =>
        (cookie.expiresAt === null || cookie.expiresAt > now) && pathMatches(path, cookie.path),
    )
    .map((cookie) => cookie.pair);
  return pairs.join("; ") || null;
}
