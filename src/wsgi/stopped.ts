/**
 * @module stopped
 * What the server answers for an app that ran past the time limit.
 */
import { environFor } from "./environ";
import { snapshotEnviron } from "./environ-snapshot";
import type { RequestRecord, ResponseRecord } from "./records";
import { formatDateTime, SOFTWARE_VERSION } from "./server-identity";

/** What the server says of work stopped at the time limit (`what`: "GET /", "its module's top level"). */
export function stoppedMessage(afterMs: number, what: string): string {
  return `The app was stopped after ${afterMs / 1000} s: ${what} did not finish (a loop that never ends?). The runner was restarted, so the next request works.`;
}

/** What the server says of work the user stopped with Stop, `afterMs` after it began. */
export function stoppedByUserMessage(afterMs: number, what: string): string {
  return `You stopped the app after ${(afterMs / 1000).toFixed(1)} s, while ${what} was running. The runner was restarted, so the next request works.`;
}

/**
 * The record of a request whose app ran past the time limit: the runner was
 * terminated, so the server answers for it, as a gateway does for a backend
 * that never replied (504), with the environ the app was given.
 */
export function stoppedResponse(
  request: RequestRecord,
  afterMs: number,
  message: string,
  now: Date = new Date(),
  byUser = false,
): ResponseRecord {
  const seconds = byUser ? (afterMs / 1000).toFixed(1) : String(afterMs / 1000);
  const environ = snapshotEnviron(environFor(request) ?? {});
  const body = new TextEncoder().encode(`${message}\n`);
  return {
    httpVersion: "HTTP/1.0",
    status: "504 Gateway Timeout",
    headers: [
      ["Date", formatDateTime(now)],
      ["Server", SOFTWARE_VERSION],
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.length)],
    ],
    serverHeaders: ["date", "server", "content-type", "content-length"],
    body,
    truncated: false,
    environ,
    trace: [
      { kind: "call", at: 0 },
      {
        kind: "exception",
        at: afterMs,
        message: byUser ? `Stopped by you after ${seconds} s` : `Stopped after ${seconds} s`,
      },
    ],
    errors: `${message}\n`,
    findings: [
      {
        severity: "error",
        source: "playground",
        message: byUser
          ? `You stopped the app after ${seconds} s, before it finished.`
          : `The app did not finish within ${seconds} s and was stopped.`,
        pep: "specification-details",
        fix: "WSGI is synchronous: the server waits until the app returns and its body is iterated. Look for a loop that never ends, or raise the time limit for slow work.",
      },
    ],
    appTime: afterMs,
    stopped: byUser ? { afterMs, byUser: true } : { afterMs },
  };
}
