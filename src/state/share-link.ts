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
/** The fragment this tab last wrote: a reload that finds it opens the user's own work, not a link. */
const OWN_FRAGMENT = "wsgi-playground:own-fragment";

/** What this tab wrote to its address bar last, and whether that code was still held for Run. */
interface OwnFragment {
  fragment: string;
  held: boolean;
}

/**
 * Remember `fragment` as this tab's own work, so that a reload which finds
 * it in the address bar before the save has landed reopens it as it was
 * (held for Run if it was), not as a new link.
 */
export function rememberOwnFragment(fragment: string, held: boolean): void {
  try {
    sessionStorage.setItem(OWN_FRAGMENT, JSON.stringify({ fragment, held } satisfies OwnFragment));
  } catch {
    // Without session storage a reload of unsaved changes opens them as a link: still nothing is lost.
  }
}

/**
 * This tab's own work if `hash` is the fragment it wrote itself (session
 * storage says so), else null: a link from elsewhere. A reload alone proves
 * nothing: the page reloads itself once when it loads without a service
 * worker in control, with a link from elsewhere still in the address bar.
 */
export function ownFragment(hash: string): { held: boolean } | null {
  try {
    const own = JSON.parse(sessionStorage.getItem(OWN_FRAGMENT) ?? "null") as OwnFragment | null;
    return own?.fragment === hash.replace(/^#/, "") ? { held: own.held === true } : null;
  } catch {
    return null;
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
