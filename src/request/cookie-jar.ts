/**
 * @module cookie-jar
 * The cookie jar the panel (and the live preview) share: cookies the app
 * sets are stored as a browser would store them (Domain, Path, Expires,
 * Max-Age, Secure honoured, by tough-cookie's RFC 6265 rules) and sent on
 * later requests to the virtual host. Kept as plain data so it can be saved.
 */
import { Cookie, CookieJar } from "tough-cookie";
import type { SnapshotCookie } from "./cookie-snapshot";

/** A cookie as the Cookies view lists it. */
export interface CookieView {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** ISO date, or null for a session cookie. */
  expires: string | null;
  httpOnly: boolean;
  secure: boolean;
}

/** A Set-Cookie the jar did not store, and why (as a browser would ignore it). */
export interface RejectedCookie {
  header: string;
  reason: string;
}

function url(host: string, target: string): string {
  return `http://${host}${target.startsWith("/") ? target : "/"}`;
}

function view(cookie: Cookie): CookieView {
  const expires = cookie.isPersistent() ? cookie.expiryDate() : null;
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain ?? "",
    path: cookie.path ?? "/",
    expires: expires && Number.isFinite(expires.getTime()) ? expires.toISOString() : null,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
  };
}

/** The jar, with the operations the panel needs. */
export class PlaygroundCookieJar {
  private jar: CookieJar;

  constructor(serialized?: string) {
    this.jar = serialized
      ? CookieJar.deserializeSync(serialized)
      : new CookieJar(undefined, { looseMode: true, allowSpecialUseDomain: true });
  }

  /** The Cookie header for a request, or null when no cookie applies. */
  cookieHeader(host: string, target: string): string | null {
    return this.jar.getCookieStringSync(url(host, target)) || null;
  }

  /**
   * Every cookie a request to `host` may carry, whatever its path, in the
   * order the jar sends them: what the service worker needs to make the
   * Cookie header of any preview request (see `cookie-snapshot`).
   */
  snapshot(host: string): SnapshotCookie[] {
    return this.jar.getCookiesSync(url(host, "/"), { allPaths: true, sort: true }).map((cookie) => {
      const expiresAt = cookie.expiryTime();
      return {
        pair: cookie.cookieString(),
        path: cookie.path ?? "/",
        expiresAt: expiresAt === undefined ? null : expiresAt,
      };
    });
  }

  /** Store every Set-Cookie of a response; returns those a browser would refuse. */
  storeFrom(host: string, target: string, headers: [string, string][]): RejectedCookie[] {
    const rejected: RejectedCookie[] = [];
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== "set-cookie") continue;
      try {
        if (!this.jar.setCookieSync(value, url(host, target))) {
          rejected.push({ header: value, reason: "it could not be parsed" });
        }
      } catch (error) {
        rejected.push({
          header: value,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return rejected;
  }

  /** Every stored cookie that has not expired. */
  list(): CookieView[] {
    return (this.jar.serializeSync()?.cookies ?? [])
      .map((data) => Cookie.fromJSON(data))
      .filter((cookie): cookie is Cookie => cookie !== undefined && cookie.TTL() > 0)
      .map(view);
  }

  /** Add or replace a cookie by hand (the Cookies view). */
  set(host: string, cookie: { name: string; value: string; path?: string }): void {
    const path = cookie.path || "/";
    this.jar.setCookieSync(`${cookie.name}=${cookie.value}; Path=${path}`, url(host, path));
  }

  /** Remove one cookie. */
  remove(cookie: Pick<CookieView, "name" | "domain" | "path">): void {
    const kept = (this.jar.serializeSync()?.cookies ?? []).filter(
      (c) => !(c.key === cookie.name && c.domain === cookie.domain && c.path === cookie.path),
    );
    const data = this.jar.serializeSync()!;
    this.jar = CookieJar.deserializeSync({ ...data, cookies: kept });
  }

  /** Remove every cookie. */
  clear(): void {
    this.jar.removeAllCookiesSync();
  }

  /** The jar as JSON text, for saving. */
  serialize(): string {
    return JSON.stringify(this.jar.serializeSync());
  }
}
