/**
 * @module stopped
 * What the server answers for an app that ran past the time limit, or that
 * the user stopped: a gateway's 504 for a backend that never replied. Where
 * the runner was terminated, the page answers with what it knows (the
 * request's environ); where the runtime was interrupted in place (Python,
 * see runner/interrupt.ts), the runner answers with what the app did up to
 * there and the line it was running.
 */
import { environFor } from "./environ";
import { snapshotEnviron } from "./environ-snapshot";
import type { Finding, RequestRecord, ResponseRecord, RunningLine } from "./records";
import { formatDateTime, SOFTWARE_VERSION } from "./server-identity";

/** The seconds a stop is told in: whole for the limit ("5"), tenths for a Stop pressed ("1.2"). */
export function stopSeconds(afterMs: number, byUser: boolean): string {
  return byUser ? (afterMs / 1000).toFixed(1) : String(afterMs / 1000);
}

/** The first sentence of every stop message: when, and what was running (with a guess at why). */
function stopSentence(afterMs: number, what: string, byUser: boolean, guess: string): string {
  return byUser
    ? `You stopped the app after ${stopSeconds(afterMs, true)} s, while ${what} was running.`
    : `The app was stopped after ${stopSeconds(afterMs, false)} s: ${what} did not finish (${guess}).`;
}

const RESTARTED = "The runner was restarted, so the next request works.";

/** What the server says of work stopped at the time limit (`what`: "GET /", "its module's top level"). */
export function stoppedMessage(afterMs: number, what: string): string {
  return `${stopSentence(afterMs, what, false, "a loop that never ends?")} ${RESTARTED}`;
}

/** What the server says of work the user stopped with Stop, `afterMs` after it began. */
export function stoppedByUserMessage(afterMs: number, what: string): string {
  return `${stopSentence(afterMs, what, true, "")} ${RESTARTED}`;
}

/** Memory growth below this is not worth a word: CPython's own start-up grows it by tens of MB. */
const GROWTH_WORTH_SAYING = 64 * 1024 * 1024;

/** A memory size as the stop messages say it: "850 MB", "1.2 GB". */
export function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** How a job was stopped in place, for its message. */
export interface InterruptedStop {
  afterMs: number;
  byUser: boolean;
  /** What was running: "GET /spin", "its module's top level". */
  what: string;
  /** The line it was running, when it was in the project's files. */
  at: RunningLine | null;
  /** How much the runtime's memory grew during the job. */
  grewBytes: number;
}

/** What the server says of a job stopped in place: when, what, where it was, how much it had grown. */
export function interruptedMessage(stop: InterruptedStop): string {
  const grew = stop.grewBytes >= GROWTH_WORTH_SAYING;
  const guess = grew ? "something that keeps growing?" : "a loop that never ends?";
  const when = stopSentence(stop.afterMs, stop.what, stop.byUser, guess);
  const at = stop.at;
  const where = at
    ? ` It was running ${at.file}, line ${at.line}, in ${at.function}${at.text ? ":" : "."}`
    : "";
  const lines = [when + where];
  if (at?.text) lines.push(`    ${at.text}`);
  const memory = grew
    ? `Its memory had grown by ${megabytes(stop.grewBytes)} while it ran (WebAssembly CPython has 4 GB at the most). `
    : "";
  lines.push(
    `${memory}Python was interrupted${at ? " there" : ""} (KeyboardInterrupt, its traceback in the errors log), so the next request works.`,
  );
  return lines.join("\n");
}

/** The playground's finding for a stopped app, at `at` when known. */
function stoppedFinding(seconds: string, byUser: boolean, at?: RunningLine | null): Finding {
  return {
    severity: "error",
    source: "playground",
    message: byUser
      ? `You stopped the app after ${seconds} s, before it finished.`
      : `The app did not finish within ${seconds} s and was stopped.`,
    pep: "specification-details",
    fix: "WSGI is synchronous: the server waits until the app returns and its body is iterated. Look for a loop that never ends, or raise the time limit for slow work.",
    ...(at ? { location: { file: at.file, line: at.line, column: at.column } } : {}),
  };
}

/** The gateway's 504 head and body for `message`. */
function gatewayTimeout(message: string, now: Date) {
  const body = new TextEncoder().encode(`${message}\n`);
  return {
    httpVersion: "HTTP/1.0",
    status: "504 Gateway Timeout",
    headers: [
      ["Date", formatDateTime(now)],
      ["Server", SOFTWARE_VERSION],
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.length)],
    ] as [string, string][],
    serverHeaders: ["date", "server", "content-type", "content-length"],
    body,
    truncated: false,
  };
}

/**
 * The record of a job stopped in place: the runner's record of it (the
 * environ, the calls up to the stop, the errors log with the interrupt's
 * traceback) under the gateway's 504, the stop's finding at the line that
 * was running in place of the server's own about the KeyboardInterrupt.
 */
export function interruptedResponse(
  record: ResponseRecord,
  stop: InterruptedStop,
  now: Date = new Date(),
): ResponseRecord {
  const seconds = stopSeconds(stop.afterMs, stop.byUser);
  const message = interruptedMessage(stop);
  const findings = record.findings.filter((each) => !each.message.startsWith("KeyboardInterrupt"));
  return {
    ...record,
    ...gatewayTimeout(message, now),
    trace: [
      ...record.trace,
      {
        kind: "exception",
        at: stop.afterMs,
        message: stop.byUser ? `Stopped by you after ${seconds} s` : `Stopped after ${seconds} s`,
      },
    ],
    errors: `${message}\n\n${record.errors}`,
    findings: [stoppedFinding(seconds, stop.byUser, stop.at), ...findings],
    stopped: {
      afterMs: stop.afterMs,
      ...(stop.byUser ? { byUser: true as const } : {}),
      ...(stop.at ? { at: stop.at } : {}),
      ...(stop.grewBytes >= GROWTH_WORTH_SAYING ? { grewBytes: stop.grewBytes } : {}),
    },
  };
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
  const seconds = stopSeconds(afterMs, byUser);
  const environ = snapshotEnviron(environFor(request) ?? {});
  return {
    ...gatewayTimeout(message, now),
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
    findings: [stoppedFinding(seconds, byUser)],
    appTime: afterMs,
    stopped: byUser ? { afterMs, byUser: true } : { afterMs },
  };
}
