/**
 * @module CurlBar
 * Import a pasted `curl` command into the panel, or copy the current request
 * as one.
 */
import { useState } from "react";
import { encodeBody } from "../../request/body";
import { exportCurl, importCurl } from "../../request/curl";
import { replaceRequest, useRequest } from "../../state/request";

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
