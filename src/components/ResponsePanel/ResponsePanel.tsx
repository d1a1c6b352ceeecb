/**
 * @module ResponsePanel
 * Everything the server and the app did: the status line with size and
 * timings, the headers (server-added ones marked), and tabs for the body
 * (four views), the environ, the call trace, the findings, the errors log
 * and a comparison of two responses. A failed build is reported above the
 * last good response, which stays on screen.
 */
import { useEffect, useState } from "react";
import { followRedirectOnScreen } from "../../app/sending";
import { redirectLocation } from "../../request/redirect";
import { useRun } from "../../state/run";
import type { ResponseRecord } from "../../wsgi/records";
import { TabBar } from "../common/TabBar";
import { LayersView } from "../Layers/LayersView";
import { ChecksView } from "../Checks/ChecksView";
import { saveAsCheck, showsPanelResponse } from "../../app/checks-service";
import { useChecks } from "../../state/checks";
import { BodyView } from "./body/BodyView";
import { BuildStatus } from "./BuildStatus";
import { CompareView } from "./CompareView";
import { EnvironView } from "./EnvironView";
import { ErrorsLog } from "./ErrorsLog";
import { FindingsList } from "./FindingsList";
import { FramingNote } from "./FramingNote";
import { ServerNote } from "../Servers/ServerNote";
import { ServersView } from "../Servers/ServersView";
import { RequestBytesView } from "./RequestBytesView";
import { RunningBar } from "./RunningBar";
import { StoppedBanner } from "./StoppedBanner";
import { StreamingView } from "./StreamingView";
import { TraceView } from "./TraceView";
import { count, ms } from "../common/format";

const TABS = [
  "Body",
  "Environ",
  "Layers",
  "Request",
  "Trace",
  "Findings",
  "Errors",
  "Compare",
  "Servers",
  "Checks",
] as const;
type Tab = (typeof TABS)[number];

function statusClass(status: string): string {
  const code = Number(status.slice(0, 3));
  if (code >= 500) return "status status-5xx";
  if (code >= 400) return "status status-4xx";
  if (code >= 300) return "status status-3xx";
  return "status status-2xx";
}

function StatusRow({ response }: { response: ResponseRecord }) {
  const roundTrip = useRun((state) => state.roundTrip);
  const build = useRun((state) => state.build);
  const redirects = useRun((state) => state.redirects);
  const compile =
    build.phase === "ready" && build.buildId === response.buildId ? build.compileTime : null;
  const location = redirectLocation(response);
  return (
    <>
      <div className="status-row">
        <output
          className={response.incomplete ? "status status-5xx" : statusClass(response.status)}
          aria-label="Response status"
        >
          {response.sent === "nothing"
            ? "No response: the server closed the connection"
            : response.status || "(no status: the app failed before sending headers)"}
        </output>
        {response.sent === "body-only" && (
          <span className="badge" title="HTTP/0.9: no status line went out">
            not sent
          </span>
        )}
        <span className="meta" aria-label="Timings">
          {count(response.body.length)} bytes · app {ms(response.appTime)}
          {roundTrip !== null &&
            ` · queue ${ms(Math.max(0, roundTrip - response.appTime))} · total ${ms(roundTrip)}`}
          {compile !== null && ` · compile ${ms(compile)}`}
          {response.buildId !== undefined && ` · build #${response.buildId}`}
        </span>
        {location !== null && (
          <button type="button" className="small" onClick={() => void followRedirectOnScreen()}>
            Follow redirect to {location}
          </button>
        )}
        {showsPanelResponse(response) && (
          <button
            type="button"
            className="small"
            title="Append this request and the answer it got to checks.hurl"
            onClick={saveAsCheck}
          >
            Save as check
          </button>
        )}
      </div>
      {redirects.length > 0 && (
        <p className="meta" aria-label="Redirects followed">
          Followed {redirects.length} redirect{redirects.length > 1 ? "s" : ""}:{" "}
          {redirects.map((r) => `${r.status.slice(0, 3)} → ${r.location}`).join(", ")}
        </p>
      )}
      {(build.phase === "failed" || build.phase === "crashed") &&
        response.buildId !== undefined &&
        response.buildId < build.buildId && (
          <p className="warning" aria-label="Older build">
            Answered by build #{response.buildId}, the last one that worked: build #{build.buildId}{" "}
            failed, so the code on screen has not run.
          </p>
        )}
      <ServerNote response={response} />
      <FramingNote response={response} />
      {response.stopped && <StoppedBanner stopped={response.stopped} />}
      {response.sent === "body-only" && (
        <p className="warning" aria-label="HTTP/0.9">
          HTTP/0.9: the server sent the body alone, with no status line and no headers. The status
          and headers shown are what it held back.
        </p>
      )}
      {response.sent === "nothing" && (
        <p className="warning" aria-label="No response">
          The server read an empty request line and closed the connection without sending a byte;
          the app was not called. The Request bytes view shows what was read.
        </p>
      )}
      {response.incomplete ? (
        <p className="warning">
          The server stopped in the middle of the headers: the client got the status line and the
          headers below, then the connection closed. A browser shows an error.
        </p>
      ) : (
        response.truncated && (
          <p className="warning">
            The app failed after the headers were sent: the body stops short, as the client saw it.
          </p>
        )
      )}
    </>
  );
}

function HeadersTable({ response }: { response: ResponseRecord }) {
  return (
    <details open className="response-headers">
      <summary>
        {response.sent
          ? `Headers (none sent${response.sent === "body-only" ? ": HTTP/0.9" : ""})`
          : `Headers (${response.httpVersion} ${response.status})`}
      </summary>
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
    </details>
  );
}

/** The Checks tab's name: its counts, in words and colour ("Checks 3 ✓ 1 ✗"). */
function ChecksTabText() {
  const { errors, results, running } = useChecks();
  const passed = results.filter((result) => result.passed).length;
  const failed = results.length - passed;
  return (
    <>
      Checks
      {errors.length > 0 ? (
        <span className="tab-count count-failed"> errors</span>
      ) : (
        <>
          {passed > 0 && <span className="tab-count count-passed"> {passed} ✓</span>}
          {failed > 0 && <span className="tab-count count-failed"> {failed} ✗</span>}
          {running && <span className="tab-count"> …</span>}
        </>
      )}
    </>
  );
}

function Inspector({ response }: { response: ResponseRecord }) {
  const hasChecks = useChecks((state) => !state.absent);
  const checkShown = useChecks((state) => state.shown);
  // Opened from a check: the checks stay in view.
  const [tab, setTab] = useState<Tab>(() =>
    useChecks.getState().shown !== null ? "Checks" : "Body",
  );
  // Servers: a Python project's (TypeScript has one server, the port of wsgiref).
  const tabs = TABS.filter(
    (name) => (name !== "Checks" || hasChecks) && (name !== "Servers" || response.server),
  );
  const current: Tab = tabs.includes(tab) ? tab : "Body";
  const errors = response.findings.filter((f) => f.severity === "error").length;
  const badge = (name: Tab) =>
    name === "Findings" && response.findings.length
      ? ` (${response.findings.length})`
      : name === "Errors" && response.errors.includes("Traceback")
        ? " (traceback)"
        : "";
  const contentType = response.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1];
  // The checks stand on their own: the response above them is the one of a check opened from them, else none.
  const ownResponse = current !== "Checks" || checkShown !== null;
  return (
    <>
      {ownResponse && current === "Checks" && (
        <p className="hint check-response-of">The response to check {checkShown! + 1}:</p>
      )}
      {ownResponse && <StatusRow response={response} />}
      {ownResponse && <HeadersTable response={response} />}
      <TabBar<Tab>
        label="Response views"
        idPrefix="response"
        tabs={tabs}
        current={current}
        onSelect={setTab}
        text={(name) =>
          name === "Checks" ? (
            <ChecksTabText />
          ) : (
            `${name === "Trace" ? "Call trace" : name === "Errors" ? "Errors log" : name === "Request" ? "Request bytes" : name}${badge(name)}`
          )
        }
        extraClass={(name) => (name === "Findings" && errors ? "has-errors" : "")}
      />
      <div
        role="tabpanel"
        id="response-tabpanel"
        aria-labelledby={`response-tab-${current}`}
        className="tabpanel response-tabpanel"
      >
        {current === "Body" && <BodyView body={response.body} contentType={contentType} />}
        {current === "Environ" && <EnvironView environ={response.environ} />}
        {current === "Layers" && <LayersView response={response} />}
        {current === "Request" && (
          <RequestBytesView
            fates={response.fates}
            raw={response.requestBytes}
            server={response.server?.name}
          />
        )}
        {current === "Trace" && <TraceView trace={response.trace} />}
        {current === "Findings" && <FindingsList findings={response.findings} />}
        {current === "Errors" && <ErrorsLog text={response.errors} />}
        {current === "Compare" && <CompareView />}
        {current === "Servers" && <ServersView />}
        {current === "Checks" && <ChecksView />}
      </div>
    </>
  );
}

/** What a screen reader hears when a response arrives: once per response. */
function announcement(response: ResponseRecord): string {
  const size = `${count(response.body.length)} bytes`;
  if (response.sent === "nothing") return "No response: the server closed the connection.";
  const findings = response.findings.length
    ? `, ${response.findings.length} finding${response.findings.length > 1 ? "s" : ""}`
    : "";
  return `Response ${response.status || "without a status"}, ${size}${findings}.`;
}

/**
 * A polite live region that speaks each new response once: a new node per
 * response (keyed by its number), so the same words are spoken again for a
 * new response, and a redraw of the same one says nothing.
 */
function Announcer({ response, seq }: { response: ResponseRecord | null; seq: number }) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-label="Announcement">
      {response && seq > 0 && <span key={seq}>{announcement(response)}</span>}
    </div>
  );
}

/** The response pane. */
export function ResponsePanel() {
  const response = useRun((state) => state.response);
  const hasChecks = useChecks((state) => !state.absent);
  const streaming = useRun((state) => state.streaming);
  const seq = useRun((state) => state.responseSeq);
  useEffect(() => {
    // For the benchmark: the frame after a response is drawn.
    if (seq > 0)
      requestAnimationFrame(() => performance.mark("wsgi:response-rendered", { detail: seq }));
  }, [seq]);
  return (
    <section
      className="pane response-pane"
      aria-label="Response"
      data-response-seq={seq}
      id="pane-response"
    >
      <Announcer response={response} seq={seq} />
      <BuildStatus />
      <RunningBar />
      {streaming ? (
        <StreamingView streaming={streaming} />
      ) : response ? (
        <Inspector response={response} />
      ) : (
        <>
          <p className="placeholder">Press Send (or Ctrl+Enter) to call the app.</p>
          {hasChecks && <ChecksView />}
        </>
      )}
    </section>
  );
}
