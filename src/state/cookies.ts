/**
 * @module cookies
 * The shared cookie jar as a store: the panel sends its cookies and keeps
 * what responses set; the Cookies view lists and edits it. Saved locally.
 */
import { create } from "zustand";
import { PlaygroundCookieJar, type CookieView, type RejectedCookie } from "../request/cookie-jar";
import { load, saveLater } from "./persist";

const KEY = "wsgi-playground:cookies";

/** The jar's cookies, and the Set-Cookie headers the last response had refused. */
export interface CookiesState {
  cookies: CookieView[];
  rejected: RejectedCookie[];
}

let jar = new PlaygroundCookieJar();

/** The cookies store. */
export const useCookies = create<CookiesState>(() => ({ cookies: [], rejected: [] }));

function changed(rejected?: RejectedCookie[]): void {
  useCookies.setState((state) => ({ cookies: jar.list(), rejected: rejected ?? state.rejected }));
  saveLater(KEY, () => jar.serialize());
}

/** Load the saved jar (once, at start). */
export async function loadCookies(): Promise<void> {
  const saved = await load<string>(KEY);
  if (saved) {
    try {
      jar = new PlaygroundCookieJar(saved);
    } catch {
      jar = new PlaygroundCookieJar();
    }
    useCookies.setState({ cookies: jar.list() });
  }
}

/** The Cookie header for a request to the virtual host. */
export function cookieHeaderFor(host: string, target: string): string | null {
  return jar.cookieHeader(host, target);
}

/** Keep what a response's Set-Cookie headers set. */
export function storeResponseCookies(
  host: string,
  target: string,
  headers: [string, string][],
): void {
  changed(jar.storeFrom(host, target, headers));
}

/** Add or change a cookie by hand. */
export function setCookie(
  host: string,
  cookie: { name: string; value: string; path?: string },
): void {
  jar.set(host, cookie);
  changed();
}

/** Delete one cookie. */
export function deleteCookie(cookie: CookieView): void {
  jar.remove(cookie);
  changed();
}

/** Delete every cookie. */
export function clearCookies(): void {
  jar.clear();
  changed([]);
}
