/**
 * @module trace-format
 * The call trace in words: each WSGI step as a line a person reads.
 */
import type { TraceEvent } from "../wsgi/records";

/** One step of the timeline. */
export interface TraceLine {
  at: string;
  /** Short name of the step. */
  step: string;
  detail: string;
  /** Body events (write and chunks) are numbered, in order. */
  bodyIndex: number | null;
  /** The layer of a stack whose code made the step (none for a one-layer app). */
  layer: string | null;
}

/** Describe every event, numbering the body events. */
export function describeTrace(trace: TraceEvent[]): TraceLine[] {
  let body = 0;
  return trace.map((event) => ({ ...describe(event), layer: event.layer ?? null }));

  function describe(event: TraceEvent): Omit<TraceLine, "layer"> {
    const at = `${event.at.toFixed(2)} ms`;
    switch (event.kind) {
      case "call":
        return { at, step: "call", detail: "app(environ, start_response)", bodyIndex: null };
      case "start_response":
        return {
          at,
          step: "start_response",
          detail: `(${JSON.stringify(event.status)}, ${event.headers}${event.excInfo ? `, exc_info=${event.excInfo}` : ""})`,
          bodyIndex: null,
        };
      case "return":
        return {
          at,
          step: "return",
          detail: `the app returned a ${event.result}`,
          bodyIndex: null,
        };
      case "write":
        return { at, step: "write", detail: `${event.size} bytes`, bodyIndex: ++body };
      case "chunk":
        return { at, step: "yield", detail: `chunk of ${event.size} bytes`, bodyIndex: ++body };
      case "headers-sent":
        return { at, step: "headers sent", detail: "status and headers went out", bodyIndex: null };
      case "close":
        return { at, step: "close", detail: "the body's close() was called", bodyIndex: null };
      case "exception":
        return { at, step: "exception", detail: event.message, bodyIndex: null };
    }
  }
}
