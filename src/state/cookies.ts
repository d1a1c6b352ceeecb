/**
 * @module cookies
 * The shared cookie jar as a store: the panel sends its cookies and keeps
 * what responses set; the Cookies view lists and edits it. Saved locally.
 *
 * The jar (tough-cookie, with the public suffix list) is a large module, so
 * it loads only when there is something for it to do: saved cookies, a
 * response that sets one, or a cookie added by hand. Until then the jar is
 * empty and a request carries no Cookie header, which needs no code at all.
 */
import { create } from "zustand";
import type { CookieView, PlaygroundCookieJar, RejectedCookie } from "../request/cookie-jar";
import type { SnapshotCookie } from "../request/cookie-snapshot";
import { load, saveLater } from "./persist";

const KEY = "wsgi-playground:cookies";

/** The jar's cookies, and the Set-Cookie headers the last response had refused. */
export interface CookiesState {
  cookies: CookieView[];
  rejected: RejectedCookie[];
  /** The saved jar has been read. */
  loaded: boolean;
}

/** The cookies store. */
export const useCookies = create<CookiesState>(() => ({
  cookies: [],
  rejected: [],
  loaded: false,
}));

let jar: PlaygroundCookieJar | null = null;
let opening: Promise<PlaygroundCookieJar> | null = null;
/** The saved jar, read at start; null when there is none. */
let saved: string | null = null;

/** The jar, loading its code (and the saved cookies) the first time. */
function theJar(): Promise<PlaygroundCookieJar> {
  opening ??= import("../request/cookie-jar").then(({ PlaygroundCookieJar }) => {
    try {
      jar = new PlaygroundCookieJar(saved ?? undefined);
    } catch {
      jar = new PlaygroundCookieJar();
    }
    useCookies.setState({ cookies: jar.list() });
    return jar;
  });
  return opening;
}

function changed(rejected?: RejectedCookie[]): void {
  useCookies.setState((state) => ({
    cookies: jar!.list(),
    rejected: rejected ?? state.rejected,
  }));
  saveLater(KEY, () => jar!.serialize());
}

function holdsCookies(serialized: string): boolean {
  try {
    const cookies = (JSON.parse(serialized) as { cookies?: unknown[] }).cookies;
    return !Array.isArray(cookies) || cookies.length > 0;
  } catch {
    return true; // let the jar itself say what it makes of it
  }
}

let loaded: Promise<void> | null = null;

/** Load the saved jar (once, at start); the jar's code loads only if it holds cookies. */
export function loadCookies(): Promise<void> {
  loaded ??= (async () => {
    saved = (await load<string>(KEY)) ?? null;
    if (saved && holdsCookies(saved)) await theJar();
    useCookies.setState({ loaded: true });
  })();
  return loaded;
}

/**
 * Every cookie a request to `host` may carry, for the service worker to
 * make Cookie headers from; null until the saved jar has been read.
 */
export function cookieSnapshot(host: string): SnapshotCookie[] | null {
  if (!useCookies.getState().loaded) return null;
  return jar ? jar.snapshot(host) : [];
}

/** The Cookie header for a request to the virtual host (none while the jar is empty and unloaded). */
export function cookieHeaderFor(host: string, target: string): string | null {
  return jar ? jar.cookieHeader(host, target) : null;
}

/** The Cookie header for a request about to be sent: once the saved jar has been read. */
export async function cookieHeaderToSend(host: string, target: string): Promise<string | null> {
  await loadCookies();
  return cookieHeaderFor(host, target);
}

function setsCookies(headers: [string, string][]): boolean {
  return headers.some(([name]) => /^set-cookie2?$/i.test(name));
}

/** Keep what a response's Set-Cookie headers set. */
export async function storeResponseCookies(
  host: string,
  target: string,
  headers: [string, string][],
): Promise<void> {
  if (!jar && !setsCookies(headers)) return;
  const theOne = await theJar();
  changed(theOne.storeFrom(host, target, headers));
}

/** Add or change a cookie by hand. */
export async function setCookie(
  host: string,
  cookie: { name: string; value: string; path?: string },
): Promise<void> {
  (await theJar()).set(host, cookie);
  changed();
}

/** Delete one cookie. */
export async function deleteCookie(cookie: CookieView): Promise<void> {
  (await theJar()).remove(cookie);
  changed();
}

/** Delete every cookie. */
export async function clearCookies(): Promise<void> {
  (await theJar()).clear();
  changed([]);
}
