/**
 * The service worker's Cookie header (from a snapshot of the jar) must be
 * the jar's own, for any cookies and any path: checked against tough-cookie
 * on random jars and requests.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlaygroundCookieJar } from "./cookie-jar";
import { pathMatches, snapshotCookieHeader, targetPath } from "./cookie-snapshot";

const HOST = "localhost:8000";
const segment = fc.constantFrom("", "a", "ab", "b", "a b", "%41", "%E0", "%C3%A9", "..", "x.y");
const path = fc
  .array(segment, { minLength: 0, maxLength: 4 })
  .map((parts) => `/${parts.join("/")}`);
const setCookie = fc.record({
  name: fc.constantFrom("sid", "theme", "a", "SID", ""),
  value: fc.constantFrom("1", "two", "x=y", ""),
  path: fc.option(path, { nil: undefined }),
  maxAge: fc.option(fc.constantFrom(0, -1, 60, 86_400), { nil: undefined }),
  secure: fc.boolean(),
  domain: fc.option(fc.constantFrom("localhost", "example.com"), { nil: undefined }),
});

function header(cookie: typeof setCookie extends fc.Arbitrary<infer T> ? T : never): string {
  let text = cookie.name ? `${cookie.name}=${cookie.value}` : cookie.value;
  if (cookie.path !== undefined) text += `; Path=${cookie.path}`;
  if (cookie.maxAge !== undefined) text += `; Max-Age=${cookie.maxAge}`;
  if (cookie.domain !== undefined) text += `; Domain=${cookie.domain}`;
  if (cookie.secure) text += "; Secure";
  return text;
}

describe("the cookie snapshot", () => {
  it("gives the jar's Cookie header for any jar and any request path", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(setCookie, path), { maxLength: 8 }),
        fc.array(fc.tuple(path, fc.constantFrom("", "?q=1", "?a/b", "#f")), {
          minLength: 1,
          maxLength: 5,
        }),
        (cookies, requests) => {
          const jar = new PlaygroundCookieJar();
          for (const [cookie, from] of cookies) {
            jar.storeFrom(HOST, from, [["Set-Cookie", header(cookie)]]);
          }
          const snapshot = jar.snapshot(HOST);
          for (const [requestPath, rest] of requests) {
            const target = requestPath + rest;
            expect(snapshotCookieHeader(snapshot, target)).toBe(jar.cookieHeader(HOST, target));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("leaves out a cookie once it has expired", () => {
    const jar = new PlaygroundCookieJar();
    jar.storeFrom(HOST, "/", [
      ["Set-Cookie", "short=1; Max-Age=60"],
      ["Set-Cookie", "long=2"],
    ]);
    const snapshot = jar.snapshot(HOST);
    expect(snapshotCookieHeader(snapshot, "/")).toBe("short=1; long=2");
    expect(snapshotCookieHeader(snapshot, "/", Date.now() + 61_000)).toBe("long=2");
  });

  it("matches paths as RFC 6265 says", () => {
    expect(pathMatches("/a", "/a")).toBe(true);
    expect(pathMatches("/a/b", "/a")).toBe(true);
    expect(pathMatches("/a/b", "/a/")).toBe(true);
    expect(pathMatches("/ab", "/a")).toBe(false);
    expect(pathMatches("/", "/a")).toBe(false);
    expect(targetPath("/x/y?z=/w")).toBe("/x/y");
    expect(targetPath("*")).toBe("/");
  });
});
