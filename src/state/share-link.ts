/**
 * @module share-link
 * The page's URL as a share link, kept current as the user works (replaced,
 * never pushed: no history entry per keystroke), and what happened to the
 * link the page was opened with.
 */
import { create } from "zustand";
import { toShared } from "../share/project-state";
import { encodeShare } from "../share/share-codec";
import { currentContent, currentName } from "./projects";
import { later } from "./persist";
import { useRequest } from "./request";
import { useWorkspace } from "./workspace";

/** The link the page opened with: broken (and why), or code held until Run. */
export interface ShareLinkState {
  error: string | null;
  fromLink: boolean;
}

/** The share-link store. */
export const useShareLink = create<ShareLinkState>(() => ({ error: null, fromLink: false }));

/** Hide the message about a link that could not be opened. */
export function dismissLinkError(): void {
  useShareLink.setState({ error: null });
}

const DEBOUNCE_MS = 500;
/** The fragments this tab wrote last: a reload that finds one opens the user's own work, not a link. */
const OWN_FRAGMENT = "wsgi-playground:own-fragments";

/** One fragment this tab wrote to its address bar (by digest: fragments can be megabytes), and whether its code was held for Run. */
interface OwnFragment {
  digest: string;
  held: boolean;
}

/**
 * How many of its latest fragments a tab remembers. A reload can carry one
 * that is not the latest: the old page's timers still run while the reload's
 * request is under way, and may write a newer fragment the new page never sees.
 */
const OWN_FRAGMENTS_KEPT = 20;

/** A short digest of a fragment (53-bit FNV-style hash and the length): enough to tell a tab's own writes apart. */
export function fragmentDigest(fragment: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}.${fragment.length}`;
}

function ownFragments(): OwnFragment[] {
  try {
    const own: unknown = JSON.parse(sessionStorage.getItem(OWN_FRAGMENT) ?? "[]");
    return Array.isArray(own) ? (own as OwnFragment[]) : [];
  } catch {
    return [];
  }
}

/**
 * Remember `fragment` as this tab's own work, so that a reload which finds
 * it in the address bar before the save has landed reopens it as it was
 * (held for Run if it was), not as a new link.
 */
export function rememberOwnFragment(fragment: string, held: boolean): void {
  const digest = fragmentDigest(fragment.replace(/^#/, ""));
  const kept = ownFragments().filter((own) => own.digest !== digest);
  kept.push({ digest, held });
  try {
    sessionStorage.setItem(OWN_FRAGMENT, JSON.stringify(kept.slice(-OWN_FRAGMENTS_KEPT)));
  } catch {
    // Without session storage a reload of unsaved changes opens them as a link: still nothing is lost.
  }
}

/**
 * This tab's own work if `hash` is a fragment it wrote itself (session
 * storage says so), else null: a link from elsewhere. `latest` says whether
 * it was the last one written. A reload alone proves nothing: the page
 * reloads itself once when it loads without a service worker in control,
 * with a link from elsewhere still in the address bar.
 */
export function ownFragment(hash: string): { held: boolean; latest: boolean } | null {
  const own = ownFragments();
  const digest = fragmentDigest(hash.replace(/^#/, ""));
  const at = own.findIndex((entry) => entry.digest === digest);
  return at < 0 ? null : { held: own[at].held === true, latest: at === own.length - 1 };
}

/** The fragment for the project on screen ("" for an unchanged new project). */
export function currentFragment(): string {
  const shared = toShared(currentContent());
  return Object.keys(shared).length ? encodeShare({ ...shared, name: currentName() }) : "";
}

/** The full link for the project on screen. */
export function currentLink(): string {
  const fragment = currentFragment();
  return `${location.href.split("#")[0]}${fragment ? `#${fragment}` : ""}`;
}

/** Keep the address bar's fragment in step with the project, debounced. */
export function syncUrl(): void {
  // Counted by the save status: the address bar is one more place the work is kept.
  const update = () =>
    later(
      "address-bar",
      () => {
        const fragment = currentFragment();
        const url = `${location.pathname}${location.search}${fragment ? `#${fragment}` : ""}`;
        if (url !== `${location.pathname}${location.search}${location.hash}`) {
          history.replaceState(history.state, "", url);
        }
        rememberOwnFragment(fragment, !useWorkspace.getState().trusted);
      },
      DEBOUNCE_MS,
    );
  useWorkspace.subscribe(update);
  useRequest.subscribe(update);
}
