/**
 * @module Preview
 * The app served as a real site: a small browser (back, forward, reload, the
 * URL on the virtual host) around a frame whose requests the service worker
 * answers by running the app. Links, forms, redirects and the page's own
 * fetch() calls all reach the app (see the essay in sw/service-worker.ts).
 */
import { useEffect, useRef, useState } from "react";
import { useRequest, replaceRequest } from "../../state/request";
import {
  appPath,
  frameUrl,
  navigatePreview,
  previewMount,
  updatePreview,
  usePreview,
} from "../../state/preview";
import { useRun } from "../../state/run";
import { defaultDraft } from "../../request/draft";
import { frameReach, type FrameAction } from "../../app/preview-frame";
import "./preview.css";

/**
 * What the app's pages may do in the preview: what a page in a browser tab
 * does (scripts, forms, dialogs, downloads, a popup on a click), but not
 * navigate the playground away.
 */
const PREVIEW_SANDBOX =
  "allow-scripts allow-same-origin allow-forms allow-modals allow-downloads allow-popups allow-popups-to-escape-sandbox";

/** The Preview pane. */
export function Preview() {
  const { available, reason, scope, path, opened, autoReload, loadSeq } = usePreview();
  const host = useRequest((state) => state.host);
  const build = useRun((state) => state.build);
  const frame = useRef<HTMLIFrameElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const mount = scope ? previewMount(scope) : "";

  // Load the path asked for (a new loadSeq), once the frame exists.
  useEffect(() => {
    if (opened && scope && frame.current)
      frame.current.src = frameUrl(scope, usePreview.getState().path);
  }, [opened, scope, loadSeq]);

  // A new build: reload what the frame shows.
  const readyBuild = build.phase === "ready" ? build.buildId : null;
  const seenBuild = useRef<number | null>(null);
  useEffect(() => {
    if (readyBuild === null || readyBuild === seenBuild.current) return;
    const previous = seenBuild.current;
    seenBuild.current = readyBuild;
    const { opened: isOpen, autoReload: reload } = usePreview.getState();
    if (previous !== null && isOpen && reload && frame.current)
      frameReach().act(frame.current, "reload");
  }, [readyBuild]);

  if (available === false) {
    return (
      <section className="pane preview-pane" aria-label="Preview" id="pane-preview">
        <p className="error" role="alert" aria-label="Preview unavailable">
          The live preview needs a service worker, and this browser context does not allow one (
          {reason}). The request panel works without it.
        </p>
      </section>
    );
  }

  const onLoad = () => {
    if (!frame.current) return;
    // A frame that left the origin cannot be read: the last path stays.
    void frameReach()
      .href(frame.current)
      .then((href) => {
        if (href && href !== "about:blank") updatePreview({ path: appPath(href) });
      });
  };
  const act = (action: FrameAction) => {
    if (frame.current) frameReach().act(frame.current, action);
  };

  return (
    <section className="pane preview-pane" aria-label="Preview" id="pane-preview">
      <form
        className="browser-bar"
        onSubmit={(event) => {
          event.preventDefault();
          navigatePreview(typed ?? path);
          setTyped(null);
        }}
      >
        <button
          type="button"
          className="icon"
          aria-label="Back"
          disabled={!opened}
          onClick={() => act("back")}
        >
          ←
        </button>
        <button
          type="button"
          className="icon"
          aria-label="Forward"
          disabled={!opened}
          onClick={() => act("forward")}
        >
          →
        </button>
        <button
          type="button"
          className="icon"
          aria-label="Reload"
          disabled={!scope}
          onClick={() => (opened ? act("reload") : navigatePreview(path))}
        >
          ⟳
        </button>
        <span className="scheme">http://{host}</span>
        <input
          aria-label="Preview URL"
          spellCheck={false}
          value={typed ?? path}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="small" disabled={!scope}>
          Go
        </button>
        <button
          type="button"
          className="small"
          title="Put this URL in the request panel"
          onClick={() => {
            const current = useRequest.getState();
            replaceRequest({
              ...defaultDraft(),
              host: current.host,
              target: path,
              useCookieJar: current.useCookieJar,
              autoFollow: current.autoFollow,
            });
          }}
        >
          To request panel
        </button>
        <label className="inline small-label">
          <input
            type="checkbox"
            checked={autoReload}
            onChange={(event) => updatePreview({ autoReload: event.target.checked })}
          />
          Reload on build
        </label>
      </form>
      {mount && (
        <p className="hint" aria-label="Preview mount">
          The playground is served under {mount}/, so the app is mounted there: SCRIPT_NAME is “
          {mount}”, and links to “/” leave the preview.
        </p>
      )}
      {opened ? (
        <iframe
          ref={frame}
          title="Preview"
          name="wsgi-preview"
          sandbox={PREVIEW_SANDBOX}
          onLoad={onLoad}
        />
      ) : (
        <div className="preview-closed">
          <button
            type="button"
            className="small"
            disabled={!scope}
            onClick={() => navigatePreview(path)}
          >
            Open http://{host}
            {path} in the preview
          </button>
          <p className="hint">The app runs as a site here: click its links, submit its forms.</p>
        </div>
      )}
    </section>
  );
}
