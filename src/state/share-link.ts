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
import { useRequest } from "./request";
import { useWorkspace } from "./workspace";

/** The link the page opened with: broken (and why), or code held until Run. */
export interface ShareLinkState {
  error: string | null;
  fromLink: boolean;
}

/** The share-link store. */
export const useShareLink = create<ShareLinkState>(() => ({ error: null, fromLink: false }));

const DEBOUNCE_MS = 500;
/** The fragment this tab last wrote: a reload that finds it opens the user's own work, not a link. */
const OWN_FRAGMENT = "wsgi-playground:own-fragment";

/**
 * True when `hash` is the fragment this tab wrote itself: it says so in
 * session storage, or the page is being reloaded (the address bar holds
 * what this page wrote there).
 */
export function isOwnFragment(hash: string): boolean {
  const navigation = performance.getEntriesByType("navigation")[0] as
    PerformanceNavigationTiming | undefined;
  if (navigation?.type === "reload") return true;
  try {
    return sessionStorage.getItem(OWN_FRAGMENT) === hash.replace(/^#/, "");
  } catch {
    return false;
  }
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const fragment = currentFragment();
      const url = `${location.pathname}${location.search}${fragment ? `#${fragment}` : ""}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) {
        history.replaceState(history.state, "", url);
      }
      try {
        sessionStorage.setItem(OWN_FRAGMENT, fragment);
      } catch {
        // Without session storage a reload of unsaved changes opens them as a link: still nothing is lost.
      }
    }, DEBOUNCE_MS);
  };
  useWorkspace.subscribe(update);
  useRequest.subscribe(update);
}
