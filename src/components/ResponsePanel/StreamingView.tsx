/**
 * @module StreamingView
 * A response still coming (see app/streaming): its status and headers once
 * sent, the body as it grows, the call trace ticking. The whole response
 * replaces it in the inspector when it is done.
 */
import type { Streaming } from "../../state/run";
import { TraceView } from "./TraceView";
import "./streaming-view.css";
import { count } from "../common/format";

/**
 * How much of a growing body is drawn (the rest is drawn when it is all in,
 * in the body view that draws only the lines in sight): 64 KB of text is
 * about a thousand lines, laid out in 30 ms; 256 KB took 125 ms.
 */
const SHOWN_BYTES = 64 * 1024;

const utf8 = new TextDecoder();

/** The body so far, as text, up to {@link SHOWN_BYTES}. */
function shownText(chunks: Uint8Array[]): string {
  let text = "";
  let left = SHOWN_BYTES;
  for (const chunk of chunks) {
    if (left <= 0) break;
    text += utf8.decode(chunk.subarray(0, left), { stream: true });
    left -= chunk.length;
  }
  return text;
}

/** The response so far. */
export function StreamingView({ streaming }: { streaming: Streaming }) {
  const yielded = streaming.trace.filter((e) => e.kind === "chunk" || e.kind === "write").length;
  return (
    <div className="streaming" aria-busy="true">
      <div className="status-row">
        <output className="status" aria-label="Response status">
          {streaming.status ?? "…"}
        </output>
        <span className="meta" role="status" aria-label="Streaming">
          {streaming.status === null
            ? "The app is running; no headers sent yet."
            : `Streaming: ${yielded} chunk${yielded === 1 ? "" : "s"}, ${count(streaming.size)} bytes so far.`}
        </span>
      </div>
      {streaming.headers && (
        <table className="kv" aria-label="Response headers">
          <tbody>
            {streaming.headers.map(([name, value], index) => (
              <tr key={index}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <pre className="raw streaming-body" role="region" aria-label="Response body" tabIndex={0}>
        {shownText(streaming.chunks)}
        {streaming.size > SHOWN_BYTES && "\n…"}
      </pre>
      <TraceView trace={streaming.trace} />
    </div>
  );
}
