/**
 * @module preview
 * The live preview's state: whether it can run (it needs a service worker),
 * where the app is mounted, the path shown, and when to reload it.
 */
import { create } from "zustand";

/** The preview as the browser bar shows it. */
export interface PreviewState {
  /** null while the service worker starts; false with a reason when it cannot. */
  available: boolean | null;
  reason: string | null;
  /** The service worker's scope: the preview frame's URLs start with it. */
  scope: string | null;
  /** The path (and query) the frame shows, as the app sees it. */
  path: string;
  /** False until the user opens the preview (code does not run unasked). */
  opened: boolean;
  /** Reload the frame when a new build is ready. */
  autoReload: boolean;
  /** Bumped to make the frame load `path` again. */
  loadSeq: number;
}

/** The preview store. */
export const usePreview = create<PreviewState>(() => ({
  available: null,
  reason: null,
  scope: null,
  path: "/",
  opened: false,
  autoReload: true,
  loadSeq: 0,
}));

/** Change some fields of the preview state. */
export function updatePreview(change: Partial<PreviewState>): void {
  usePreview.setState(change);
}

/** Load `path` in the preview frame (opening it if needed). */
export function navigatePreview(path: string): void {
  usePreview.setState((state) => ({ path, opened: true, loadSeq: state.loadSeq + 1 }));
}

/** The URL the frame loads for a path on the virtual host. */
export function frameUrl(scope: string, path: string): string {
  return new URL(path.startsWith("/") ? path : `/${path}`, scope).href;
}

/** The path on the virtual host of a frame URL (SCRIPT_NAME and PATH_INFO together, and the query). */
export function appPath(href: string): string {
  const url = new URL(href);
  return url.pathname + url.search;
}

/** SCRIPT_NAME of the preview: "" at the root of an origin, else the scope's path. */
export function previewMount(scope: string): string {
  const path = new URL(scope).pathname;
  return path === "/" ? "" : path.replace(/\/$/, "");
}
