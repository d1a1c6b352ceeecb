/**
 * @module CurlBar
 * Import a pasted `curl` command into the panel, or copy the current request
 * as one; or start a new request, with Undo until the next change.
 */
import { useState } from "react";
import { encodeBody } from "../../request/body";
import { exportCurl, importCurl } from "../../request/curl";
import type { RequestDraft } from "../../request/draft";
import { newRequest, replaceRequest, useRequest } from "../../state/request";

/**
 * New request, and the note that offers the replaced draft back while the
 * new one is untouched (a draft never sent is in no history).
 */
function NewRequest() {
  const [undo, setUndo] = useState<{ before: RequestDraft; after: RequestDraft } | null>(null);
  const current = useRequest((state) => state);
  const offered = undo !== null && undo.after === current;
  return (
    <>
      <button
        type="button"
        className="small"
        title="GET / with no headers or body, on the same host"
        onClick={() => {
          const before = newRequest();
          setUndo(before && { before, after: useRequest.getState() });
        }}
      >
        New request
      </button>
      {offered && (
        <span role="status" aria-label="New request" className="hint">
          The panel was cleared.{" "}
          <button
            type="button"
            className="small"
            onClick={() => {
              replaceRequest(undo.before);
              setUndo(null);
            }}
          >
            Undo
          </button>
        </span>
      )}
    </>
  );
}

/** The curl import and export controls. */
export function CurlBar() {
  const [open, setOpen] = useState(false);
  const [command, setCommand] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async () => {
    const draft = useRequest.getState();
    try {
      const body = encodeBody(draft.body);
      const text = exportCurl(draft, body.bytes, body.contentType);
      setCopied(text);
      await navigator.clipboard.writeText(text).catch(() => undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="curl-bar">
      <button type="button" className="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Import curl
      </button>
      <button type="button" className="small" onClick={() => void copy()}>
        Copy as curl
      </button>
      <NewRequest />
      {copied && (
        <output className="curl-out" aria-label="curl command">
          {copied}
        </output>
      )}
      {open && (
        <form
          className="curl-import"
          onSubmit={(event) => {
            event.preventDefault();
            try {
              const current = useRequest.getState();
              const draft = importCurl(command);
              replaceRequest({
                ...draft,
                useCookieJar: current.useCookieJar,
                autoFollow: current.autoFollow,
              });
              setProblem(null);
              setOpen(false);
              setCommand("");
            } catch (error) {
              setProblem(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          <textarea
            aria-label="curl command to import"
            rows={3}
            spellCheck={false}
            placeholder="curl -X POST http://localhost:8000/form -d 'name=Ada'"
            value={command}
            onChange={(event) => setCommand(event.target.value)}
          />
          <button type="submit" className="small">
            Import
          </button>
        </form>
      )}
      {problem && (
        <p className="error" role="alert" aria-label="curl problem">
          {problem}
        </p>
      )}
    </div>
  );
}
