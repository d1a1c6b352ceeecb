/**
 * @module validate-report
 * The rules wsgiref.validate enforces and how a fault is reported: raised
 * as CPython raises it (the validator middleware), or recorded as a finding
 * (the server's own check of every request).
 */
import { AssertionError } from "./errors";
import { pyRepr } from "./repr";
import type { ErrorStream } from "./types";

/** Which rule a check enforces; see {@link RULES}. */
export type RuleId =
  | "environ"
  | "environ-key"
  | "status"
  | "headers"
  | "control-characters"
  | "content-type"
  | "exc-info"
  | "iterator"
  | "input"
  | "errors"
  | "write"
  | "start-response";

/** Where each rule is in PEP 3333, and how to satisfy it. */
export const RULES: Record<RuleId, { pep: string; fix: string }> = {
  environ: {
    pep: "environ-variables",
    fix: "Pass the environ the server gave you (or a copy of it with the required keys).",
  },
  "environ-key": {
    pep: "environ-variables",
    fix: "CGI variables must be strings; keys with a dot (wsgi.*) may hold other values.",
  },
  status: {
    pep: "the-start-response-callable",
    fix: 'Give the status as a string: a three-digit code, a space and a reason, e.g. "404 Not Found".',
  },
  headers: {
    pep: "the-start-response-callable",
    fix: 'Give headers as an array of [name, value] string pairs, e.g. [["Content-Type", "text/html"]].',
  },
  "control-characters": {
    pep: "the-start-response-callable",
    fix: "Remove CR, LF and other control characters from the status and headers; never copy request data into a header unchecked, or a line break in it writes headers of its own (response splitting).",
  },
  "content-type": {
    pep: "the-start-response-callable",
    fix: "Send a Content-Type header, except with 204 and 304, which must have none.",
  },
  "exc-info": {
    pep: "error-handling",
    fix: "Pass the caught error as the third argument only from an error handler: start_response(status, headers, error).",
  },
  iterator: {
    pep: "specification-details",
    fix: "Return an iterable of bytes, e.g. [b`Hello`], not a string or bytes on their own.",
  },
  input: {
    pep: "input-and-error-streams",
    fix: 'Read wsgi.input with a size: environ["wsgi.input"].read(Number(environ.CONTENT_LENGTH || 0)).',
  },
  errors: {
    pep: "input-and-error-streams",
    fix: "Write strings to wsgi.errors, and leave closing the streams to the server.",
  },
  write: {
    pep: "the-write-callable",
    fix: "Pass bytes to write(): write(b`text`).",
  },
  "start-response": {
    pep: "the-start-response-callable",
    fix: "Call start_response(status, headers) before the body is iterated.",
  },
};

/** Receives each fault found. The default raises errors and writes warnings to stderr. */
export type Reporter = (rule: RuleId, severity: "error" | "warning", message: string) => void;

/** Thrown by a recording reporter to stop the rest of one check, as CPython's assert would. */
export class StopCheck extends Error {
  override name: string = "StopCheck";
}

export function raising(errors: ErrorStream | null): Reporter {
  return (_rule, severity, message) => {
    if (severity === "error") throw new AssertionError(message);
    errors?.write(`WSGIWarning: ${message}\n`);
  };
}

/** CPython's `assert_`; where its assert has no message, ours says what failed. */
export function assert(report: Reporter, rule: RuleId, condition: unknown, message: string): void {
  if (!condition) report(rule, "error", message);
}

/** Run one check; a recording reporter's StopCheck ends just that check. */
export function guarded(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof StopCheck)) throw error;
  }
}

export function checkString(
  report: Reporter,
  rule: RuleId,
  value: unknown,
  title: string,
): value is string {
  if (typeof value === "string") return true;
  report(rule, "error", `${title} must be of type str (got ${pyRepr(value)})`);
  return false;
}
