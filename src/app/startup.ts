/**
 * @module startup
 * What the page opens with: the project a share link carries (held until
 * the user presses Run), else the project that was on screen last, else a
 * new one. A broken link says what is wrong and leaves saved work as it was.
 * A link pasted into the address bar of an open tab (only the fragment
 * changes: no reload) opens under the same rules.
 */
import { fromShared } from "../share/project-state";
import { decodeShare, isShareFragment } from "../share/share-codec";
import {
  adoptProject,
  createProject,
  currentContent,
  loadProjects,
  saveProjectNow,
  showContent,
  watchForChanges,
} from "../state/projects";
import {
  currentFragment,
  ownFragment,
  rememberOwnFragment,
  syncUrl,
  useShareLink,
} from "../state/share-link";
import { afterFirstBuild, ensureBuilt } from "./builds";

/** Put the right project on screen, then build it (unless it waits for Run). */
export async function openStartProject(): Promise<void> {
  const hash = location.hash;
  const saved = await loadProjects();
  let opened = false;
  if (saved) {
    showContent(saved.content, !saved.held);
    adoptProject(saved.id);
  }
  if (isShareFragment(hash)) {
    // The address bar tracks the project on screen: a reload of it is not a new link.
    const savedFragment = saved ? currentFragment() : null;
    const same = savedFragment !== null && `#${savedFragment}` === hash;
    const own = same ? null : ownFragment(hash);
    if (own && savedFragment !== null && !own.latest && ownFragment(savedFragment)?.latest) {
      // The save is newer than the address bar: the old page wrote its last
      // fragment while this reload was already on its way.
      replaceFragment(savedFragment);
    } else if (own) {
      // This tab wrote that fragment: the user's own work, newer than the last save.
      try {
        const content = fromShared(decodeShare(hash));
        if (saved) {
          showContent(content, !own.held);
          saveProjectNow();
        } else {
          createProject("My project", content, !own.held);
          opened = true;
        }
      } catch (error) {
        // A broken fragment in the address bar: say so, and keep what was saved.
        useShareLink.setState({ error: error instanceof Error ? error.message : String(error) });
      }
    } else if (!same) {
      opened = openLink(hash);
      if (!opened && saved) showContent(saved.content, !saved.held);
    }
  }
  if (!saved && !opened) createProject("My project", currentContent());
  watchForChanges();
  syncUrl();
  addEventListener("hashchange", () => {
    const fragment = location.hash;
    // The page writes its own fragments with replaceState, which fires no hashchange.
    if (!isShareFragment(fragment) || `#${currentFragment()}` === fragment) return;
    if (ownFragment(fragment)) return;
    openLink(fragment);
  });
  // The editor and esbuild start once the first response can be had: they are not on its path.
  void ensureBuilt().finally(afterFirstBuild);
}

/**
 * A project from somebody else's link, as a new project whose code waits
 * for Run; a broken one says why, and the address bar goes back to the
 * project on screen. True when it opened.
 */
function openLink(hash: string): boolean {
  try {
    const project = decodeShare(hash);
    createProject(
      project.name ? `${project.name} (from a link)` : "From a link",
      fromShared(project),
      false,
    );
    useShareLink.setState({ fromLink: true, error: null });
    rememberOwnFragment(hash.slice(1), true);
    return true;
  } catch (error) {
    useShareLink.setState({ error: error instanceof Error ? error.message : String(error) });
    replaceFragment(currentFragment());
    return false;
  }
}

function replaceFragment(fragment: string): void {
  history.replaceState(
    history.state,
    "",
    `${location.pathname}${location.search}${fragment ? `#${fragment}` : ""}`,
  );
}
