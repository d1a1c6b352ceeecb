/**
 * @module Banners
 * What the user must know before going on: a broken link (their saved work
 * is untouched), code from a link that waits for Run, storage that cannot
 * save.
 */
import { ensureBuilt } from "../../app/builds";
import { useStorageWarning } from "../../state/persist";
import { dismissLinkError, useShareLink } from "../../state/share-link";
import { trustCode, useWorkspace } from "../../state/workspace";
import { pageSandbox } from "../../sandbox/page-sandbox";

/** Where this page runs user code (fixed for the page's life). */
const SANDBOX = pageSandbox();

/** Where a link's code will run, as the banner says it: an origin of its own, or this one. */
function whereCodeRuns(sandbox: string | null) {
  return sandbox ? (
    <>
      It runs on <code>{sandbox}</code>, an origin of its own that cannot reach your saved projects.
    </>
  ) : (
    <>
      <strong>This deployment has no sandbox:</strong> it runs on the playground&rsquo;s own origin,
      where it could read, change or delete your saved projects.
    </>
  );
}

/** The banners under the top bar. */
export function Banners() {
  const { error } = useShareLink();
  const trusted = useWorkspace((state) => state.trusted);
  const storage = useStorageWarning((state) => state.warning);
  return (
    <>
      {error && (
        <div className="banner banner-error" role="alert" aria-label="Link problem">
          {/* One flex item: the banner's gap is between the text and the button, not inside a sentence. */}
          <span>
            <strong>This link could not be opened.</strong> {error} Your saved work is unchanged.
          </span>
          <button type="button" className="small" onClick={dismissLinkError}>
            Dismiss
          </button>
        </div>
      )}
      {!trusted && (
        <div className="banner banner-hold" role="alert" aria-label="Code from a link">
          <span>
            <strong>This code came from a link or a file, and has not run.</strong> Read it, then
            run it if you trust it. {whereCodeRuns(SANDBOX)}
          </span>
          <button
            type="button"
            className="small primary"
            onClick={() => {
              trustCode();
              void ensureBuilt();
            }}
          >
            Run
          </button>
        </div>
      )}
      {storage && (
        <div className="banner banner-warn" role="alert" aria-label="Storage problem">
          {storage}
        </div>
      )}
    </>
  );
}
