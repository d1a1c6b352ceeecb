/**
 * @module TraceView
 * The WSGI conversation as a timeline: start_response, each write() and
 * yielded chunk (numbered), close(), exceptions, with the time of each.
 */
import { describeTrace } from "../../inspect/trace-format";
import type { TraceEvent } from "../../wsgi/records";
import "./trace-view.css";

/** The Call trace tab. */
export function TraceView({ trace }: { trace: TraceEvent[] }) {
  return (
    <ol className="trace" aria-label="Call trace">
      {describeTrace(trace).map((line, index) => (
        <li key={index} className={`trace-${line.step.replace(/\s/g, "-")}`}>
          <span className="at">{line.at}</span>
          <span className="step">
            {line.bodyIndex !== null && <span className="body-index">#{line.bodyIndex} </span>}
            {line.step}
          </span>
          <span className="detail">
            {line.layer && (
              <span className="trace-layer" title="The layer whose code made this step">
                {line.layer}
              </span>
            )}
            {line.detail}
          </span>
        </li>
      ))}
    </ol>
  );
}
