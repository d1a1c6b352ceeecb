/**
 * @module HistoryTab
 * Every request sent, newest first: click one to put it back in the panel.
 */
import { inspectResponse } from "../../app/sending";
import { saveCheck } from "../../app/checks-service";
import { clearHistory, useHistory } from "../../state/history";
import { replaceRequest } from "../../state/request";
import { shownTarget } from "../../request/shown-target";

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The History tab. */
export function HistoryTab() {
  const entries = useHistory((state) => state.entries);
  if (entries.length === 0) return <p className="hint">Requests you send are listed here.</p>;
  return (
    <>
      <ol className="history" aria-label="Request history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="history-entry"
              title="Put this request back in the panel"
              onClick={() => replaceRequest(structuredClone(entry.draft))}
            >
              <span className="method">
                {entry.source === "preview" && <span className="badge">preview</span>}
                {entry.method}
              </span>
              <span className="target">{shownTarget(entry.target)}</span>
              <span className="status">{entry.status}</span>
              <span className="meta">
                {size(entry.size)} · {entry.time.toFixed(0)} ms ·{" "}
                {new Date(entry.at).toLocaleTimeString()}
              </span>
            </button>
            {entry.response && (
              <button
                type="button"
                className="small"
                aria-label={`Inspect the response to ${entry.method} ${entry.target}`}
                onClick={() => inspectResponse(entry.response!)}
              >
                Inspect
              </button>
            )}
            {entry.response && (
              <button
                type="button"
                className="small"
                aria-label={`Save ${entry.method} ${entry.target} as a check`}
                title="Append this request and the answer it got to checks.hurl"
                onClick={() => saveCheck(entry.draft, entry.response!)}
              >
                Save as check
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="small" onClick={clearHistory}>
        Clear history
      </button>
    </>
  );
}
