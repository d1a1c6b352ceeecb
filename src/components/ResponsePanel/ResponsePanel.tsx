/**
 * @module ResponsePanel
 * What came back: status, headers (server-added ones marked), the body as
 * text, the environ the app received, and the errors log. A failed build is
 * reported above the last good response, which stays on screen.
 */
import type { EnvironValue, ResponseRecord } from "../../wsgi/records";
import { followRedirectOnScreen } from "../../app/engine";
import { redirectLocation } from "../../request/redirect";
import { revealInEditor } from "../../state/editor-nav";
import { useRun } from "../../state/run";
import { BuildStatus } from "./BuildStatus";

function showValue(value: EnvironValue): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value.repr;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function statusClass(status: string): string {
  const code = Number(status.slice(0, 3));
  if (code >= 500) return "status status-5xx";
  if (code >= 400) return "status status-4xx";
  if (code >= 300) return "status status-3xx";
  return "status status-2xx";
}

function Redirects() {
  const redirects = useRun((state) => state.redirects);
  if (redirects.length === 0) return null;
  return (
    <p className="meta" aria-label="Redirects followed">
      Followed {redirects.length} redirect{redirects.length > 1 ? "s" : ""}:{" "}
      {redirects.map((r) => `${r.status.slice(0, 3)} → ${r.location}`).join(", ")}
    </p>
  );
}

function Response({ response, roundTrip }: { response: ResponseRecord; roundTrip: number | null }) {
  const body = new TextDecoder().decode(response.body);
  const location = redirectLocation(response);
  return (
    <>
      <div className="status-row">
        <output className={statusClass(response.status)} aria-label="Response status">
          {response.status || "(no status: the app failed before sending headers)"}
        </output>
        <span className="meta">
          {response.body.length} bytes · app {response.appTime.toFixed(1)} ms
          {roundTrip !== null && ` · round trip ${roundTrip.toFixed(1)} ms`}
          {response.buildId !== undefined && ` · build #${response.buildId}`}
        </span>
        {location !== null && (
          <button type="button" className="small" onClick={() => void followRedirectOnScreen()}>
            Follow redirect to {location}
          </button>
        )}
      </div>
      <Redirects />
      <h3 id="response-headers-title">Headers</h3>
      <table className="kv" aria-label="Response headers">
        <tbody>
          {response.headers.map(([name, value], index) => (
            <tr key={index}>
              <th scope="row">{name}</th>
              <td>
                {value}
                {response.serverHeaders.includes(name.toLowerCase()) && (
                  <span className="badge" title="Added by the server, not the app">
                    server
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 id="response-body-title">Body</h3>
      <pre className="body" role="region" aria-label="Response body" tabIndex={0}>
        {body}
      </pre>
      {response.truncated && (
        <p className="warning">The app failed after the headers were sent: the body stops short.</p>
      )}
      <details open>
        <summary>Environ</summary>
        <table className="kv environ" aria-label="Environ">
          <tbody>
            {Object.entries(response.environ).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{showValue(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details open={response.errors.includes("Traceback")}>
        <summary>Errors log</summary>
        <pre className="errors" role="region" aria-label="Errors log" tabIndex={0}>
          {response.errors}
        </pre>
      </details>
      {response.findings.length > 0 && (
        <section aria-label="Findings">
          <h3>Findings</h3>
          <ul className="findings">
            {response.findings.map((finding, index) => (
              <li key={index} className={`finding finding-${finding.severity}`}>
                <span className="severity">
                  {finding.severity === "error" ? "Error" : "Warning"}
                  {finding.source === "validate" ? " (wsgiref.validate)" : " (wsgiref)"}
                </span>{" "}
                <strong>{finding.message}</strong>
                {finding.location && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => revealInEditor(finding.location!)}
                    title="Show this line in the editor"
                  >
                    {finding.location.file}:{finding.location.line}
                  </button>
                )}
                {finding.fix && <div className="fix">{finding.fix}</div>}
                {finding.pep && (
                  <a
                    className="pep"
                    href={`https://peps.python.org/pep-3333/#${finding.pep}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    PEP 3333 § {finding.pep.replace(/-/g, " ")}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The response pane. */
export function ResponsePanel() {
  const response = useRun((state) => state.response);
  const roundTrip = useRun((state) => state.roundTrip);
  const sendError = useRun((state) => state.sendError);
  return (
    <section className="pane response-pane" aria-label="Response">
      <BuildStatus />
      {sendError && (
        <p className="error" role="alert">
          {sendError}
        </p>
      )}
      {response ? (
        <Response response={response} roundTrip={roundTrip} />
      ) : (
        <p className="placeholder">Press Send (or Ctrl+Enter) to call the app.</p>
      )}
    </section>
  );
}
