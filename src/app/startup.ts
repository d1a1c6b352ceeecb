/**
 * @module startup
 * What the page opens with: the project a share link carries (held until
 * the user presses Run), else the project that was on screen last, else a
 * new one. A broken link says what is wrong and leaves saved work as it was.
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
      try {
        const project = decodeShare(hash);
        createProject(
          project.name ? `${project.name} (from a link)` : "From a link",
          fromShared(project),
          false,
        );
        useShareLink.setState({ fromLink: true });
        rememberOwnFragment(hash.slice(1), true);
        opened = true;
      } catch (error) {
        useShareLink.setState({ error: error instanceof Error ? error.message : String(error) });
        if (saved) showContent(saved.content, !saved.held);
        replaceFragment(currentFragment());
      }
    }
  }
  if (!saved && !opened) createProject("My project", currentContent());
  watchForChanges();
  syncUrl();
  // The editor and esbuild start once the first response can be had: they are not on its path.
  void ensureBuilt().finally(afterFirstBuild);
}

function replaceFragment(fragment: string): void {
  history.replaceState(
    history.state,
    "",
    `${location.pathname}${location.search}${fragment ? `#${fragment}` : ""}`,
  );
}
