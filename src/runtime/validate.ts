/**
 * @module validate
 * `wsgiref.validate`: every check CPython's validator makes, with its
 * messages word for word. `validator(app)` is the middleware, which raises
 * AssertionError at the first fault as CPython's does and writes warnings to
 * `wsgi.errors`. The server runs the same checks on every request with a
 * reporter that records findings instead of raising, so the inspector can
 * list every place the app broke PEP 3333 without changing the response.
 */
import { pyRepr, pyTypeName } from "./repr";
import type { Environ, ErrorStream, StartResponse, WSGIApplication, Write } from "./types";
import { assert, checkString, guarded, raising, type Reporter } from "./validate-report";
import { ErrorWrapper, InputWrapper, IteratorWrapper, writeWrapper } from "./validate-wrappers";
import { libraryLayer, type LibrarySite } from "./layer-hook";

export { RULES, StopCheck } from "./validate-report";
export type { Reporter, RuleId } from "./validate-report";
export { ErrorWrapper, InputWrapper, IteratorWrapper, writeWrapper } from "./validate-wrappers";

/** Issued for a WSGI fault that is not an error (`wsgiref.validate.WSGIWarning`). */
export class WSGIWarning extends Error {
  override name: string = "WSGIWarning";
}

const REQUIRED = [
  "REQUEST_METHOD",
  "SERVER_NAME",
  "SERVER_PORT",
  "wsgi.version",
  "wsgi.input",
  "wsgi.errors",
  "wsgi.multithread",
  "wsgi.multiprocess",
  "wsgi.run_once",
];
const METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PATCH", "PUT", "DELETE", "TRACE"];

/** `check_environ`. */
export function check_environ(environ: unknown, report: Reporter = raising(null)): void {
  guarded(() => {
    const isDict =
      environ !== null &&
      typeof environ === "object" &&
      Object.getPrototypeOf(environ) === Object.prototype;
    assert(
      report,
      "environ",
      isDict,
      `Environment is not of the right type: <class '${pyTypeName(environ)}'> (environment: ${pyRepr(environ)})`,
    );
    const env = environ as Record<string, unknown>;
    for (const key of REQUIRED) {
      assert(report, "environ", key in env, `Environment missing required key: ${pyRepr(key)}`);
    }
    for (const key of ["HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"]) {
      assert(
        report,
        "environ",
        !(key in env),
        `Environment should not have the key: ${key} (use ${key.slice(5)} instead)`,
      );
    }
    if (!("QUERY_STRING" in env)) {
      report(
        "environ",
        "warning",
        "QUERY_STRING is not in the WSGI environment; the cgi module will use sys.argv when this variable is missing, so application errors are more likely",
      );
    }
    for (const [key, value] of Object.entries(env)) {
      if (key.includes(".")) continue;
      assert(
        report,
        "environ-key",
        typeof value === "string",
        `Environmental variable ${key} is not a string: <class '${pyTypeName(value)}'> (value: ${pyRepr(value)})`,
      );
    }
    const version = env["wsgi.version"];
    assert(
      report,
      "environ",
      Array.isArray(version),
      `wsgi.version should be a tuple (${pyRepr(version)})`,
    );
    assert(
      report,
      "environ",
      env["wsgi.url_scheme"] === "http" || env["wsgi.url_scheme"] === "https",
      `wsgi.url_scheme unknown: ${pyRepr(env["wsgi.url_scheme"])}`,
    );
    check_input(env["wsgi.input"], report);
    check_errors(env["wsgi.errors"], report);
    if (!METHODS.includes(env.REQUEST_METHOD as string)) {
      report("environ", "warning", `Unknown REQUEST_METHOD: ${pyRepr(env.REQUEST_METHOD)}`);
    }
    const scriptName = env.SCRIPT_NAME as string | undefined;
    const pathInfo = env.PATH_INFO as string | undefined;
    assert(
      report,
      "environ",
      !scriptName || scriptName.startsWith("/"),
      `SCRIPT_NAME doesn't start with /: ${pyRepr(scriptName)}`,
    );
    assert(
      report,
      "environ",
      !pathInfo || pathInfo.startsWith("/"),
      `PATH_INFO doesn't start with /: ${pyRepr(pathInfo)}`,
    );
    const length = env.CONTENT_LENGTH as string | undefined;
    if (length) {
      if (!/^\s*[+-]?\d+\s*$/.test(length)) {
        throw new Error(`ValueError: invalid literal for int() with base 10: ${pyRepr(length)}`);
      }
      assert(report, "environ", Number(length) >= 0, `Invalid CONTENT_LENGTH: ${pyRepr(length)}`);
    }
    if (!scriptName) {
      assert(
        report,
        "environ",
        "PATH_INFO" in env,
        "One of SCRIPT_NAME or PATH_INFO are required (PATH_INFO should at least be '/' if SCRIPT_NAME is empty)",
      );
    }
    assert(
      report,
      "environ",
      scriptName !== "/",
      "SCRIPT_NAME cannot be '/'; it should instead be '', and PATH_INFO should be '/'",
    );
  });
}

/** `check_input`. */
export function check_input(wsgiInput: unknown, report: Reporter = raising(null)): void {
  const input = wsgiInput as Record<string | symbol, unknown> | null;
  for (const attr of ["read", "readline", "readlines", "__iter__"]) {
    const key = attr === "__iter__" ? Symbol.iterator : attr;
    assert(
      report,
      "input",
      input != null && typeof input[key] === "function",
      `wsgi.input (${pyRepr(wsgiInput)}) doesn't have the attribute ${attr}`,
    );
  }
}

/** `check_errors`. */
export function check_errors(wsgiErrors: unknown, report: Reporter = raising(null)): void {
  const errors = wsgiErrors as Record<string, unknown> | null;
  for (const attr of ["flush", "write", "writelines"]) {
    assert(
      report,
      "errors",
      errors != null && typeof errors[attr] === "function",
      `wsgi.errors (${pyRepr(wsgiErrors)}) doesn't have the attribute ${attr}`,
    );
  }
}

/** `check_status`. */
export function check_status(status: unknown, report: Reporter = raising(null)): void {
  guarded(() => {
    if (!checkString(report, "status", status, "Status")) return;
    const code = status.trim().split(/\s+/, 1)[0] ?? "";
    assert(
      report,
      "status",
      code.length === 3,
      `Status codes must be three characters: ${pyRepr(code)}`,
    );
    if (!/^\s*[+-]?\d+\s*$/.test(code)) {
      report("status", "error", `invalid literal for int() with base 10: ${pyRepr(code)}`);
      return;
    }
    const value = Number(code);
    assert(report, "status", value >= 100, `Status code is invalid: ${value}`);
    if (status.length < 4 || status[3] !== " ") {
      report(
        "status",
        "warning",
        `The status string (${pyRepr(status)}) should be a three-digit integer followed by a single space and a status explanation`,
      );
    }
  });
}

/** `check_headers`. */
export function check_headers(headers: unknown, report: Reporter = raising(null)): void {
  guarded(() => {
    assert(
      report,
      "headers",
      Array.isArray(headers),
      `Headers (${pyRepr(headers)}) must be of type list: <class '${pyTypeName(headers)}'>`,
    );
    for (const item of headers as unknown[]) {
      assert(
        report,
        "headers",
        Array.isArray(item),
        `Individual headers (${pyRepr(item)}) must be of type tuple: <class '${pyTypeName(item)}'>`,
      );
      const pair = item as unknown[];
      assert(
        report,
        "headers",
        pair.length === 2,
        `Individual headers must be (name, value) pairs (got ${pyRepr(item)})`,
      );
      const [name, value] = pair;
      if (!checkString(report, "headers", name, "Header name")) return;
      if (!checkString(report, "headers", value, "Header value")) return;
      assert(
        report,
        "headers",
        name.toLowerCase() !== "status",
        `The Status header cannot be used; it conflicts with CGI script, and HTTP status is not given through headers (value: ${pyRepr(value)}).`,
      );
      assert(
        report,
        "headers",
        !name.includes("\n") && !name.includes(":"),
        `Header names may not contain ':' or '\\n': ${pyRepr(name)}`,
      );
      assert(
        report,
        "headers",
        /^[a-zA-Z][a-zA-Z0-9\-_]*$/.test(name),
        `Bad header name: ${pyRepr(name)}`,
      );
      assert(
        report,
        "headers",
        !name.endsWith("-") && !name.endsWith("_"),
        `Names may not end in '-' or '_': ${pyRepr(name)}`,
      );
      // eslint-disable-next-line no-control-regex -- control characters are what is forbidden
      const bad = /[\x00-\x1f]/.exec(value);
      if (bad)
        report(
          "headers",
          "error",
          `Bad header value: ${pyRepr(value)} (bad char: ${pyRepr(bad[0])})`,
        );
    }
  });
}

/** `check_content_type`. */
export function check_content_type(
  status: unknown,
  headers: unknown,
  report: Reporter = raising(null),
): void {
  guarded(() => {
    if (!checkString(report, "status", status, "Status")) return;
    const code = Number(status.trim().split(/\s+/, 1)[0]);
    const noBody = code === 204 || code === 304;
    for (const [name] of headers as [unknown, unknown][]) {
      if (!checkString(report, "headers", name, "Header name")) return;
      if (name.toLowerCase() === "content-type") {
        if (!noBody) return;
        report(
          "content-type",
          "error",
          `Content-Type header found in a ${code} response, which must not return content.`,
        );
        return;
      }
    }
    if (!noBody) {
      const shown = (headers as [unknown, unknown][]).map(
        ([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`,
      );
      report(
        "content-type",
        "error",
        `No Content-Type header found in headers ([${shown.join(", ")}])`,
      );
    }
  });
}

/** `check_exc_info`: here, the caught error (any thrown object), not a tuple. */
export function check_exc_info(excInfo: unknown, report: Reporter = raising(null)): void {
  guarded(() => {
    const ok = excInfo === undefined || excInfo === null || typeof excInfo === "object";
    assert(
      report,
      "exc-info",
      ok,
      `exc_info (${pyRepr(excInfo)}) is not a tuple: <class '${pyTypeName(excInfo)}'>`,
    );
  });
}

/** `check_iterator`. */
export function check_iterator(iterator: unknown, report: Reporter = raising(null)): void {
  guarded(() => {
    assert(
      report,
      "iterator",
      typeof iterator !== "string" && !(iterator instanceof Uint8Array),
      "You should not return a string as your application iterator, instead return a single-item list containing a bytestring.",
    );
  });
}

/**
 * Wrap an app in wsgiref's validating middleware: every fault raises
 * AssertionError with CPython's message; warnings go to `wsgi.errors`.
 * @example export default validator(app);
 */
export function validator(application: WSGIApplication): WSGIApplication {
  return function lint_app(...args: unknown[]) {
    const report = raising(null);
    assert(report, "environ", args.length === 2, "Two arguments required");
    return libraryLayer(LINT_APP, args[0], args[1], (a, b) => lintCall(application, a, b, report));
  } as WSGIApplication;
}

/** lint_app as the Layers view names it (wsgiref's own is `validator.<locals>.lint_app`). */
const LINT_APP: LibrarySite = {
  name: "validator.<locals>.lint_app",
  function: "lint_app",
  kind: "function",
  defined: { file: "/wsgi/validate.ts", line: 317, column: 10 },
};

function lintCall(
  application: WSGIApplication,
  environArg: unknown,
  startResponseArg: unknown,
  report: Reporter,
): unknown {
  const [environ, start_response] = [environArg, startResponseArg] as [Environ, StartResponse];
  const errors = environ?.["wsgi.errors"] as ErrorStream | undefined;
  const warn = raising(errors ?? null);
  check_environ(environ, warn);
  const started: unknown[] = [];
  const start_response_wrapper: StartResponse = (...srArgs: unknown[]) => {
    assert(
      report,
      "start-response",
      srArgs.length === 2 || srArgs.length === 3,
      `Invalid number of arguments: ${pyRepr(srArgs)}`,
    );
    const [status, headers, excInfo] = srArgs;
    check_status(status, warn);
    check_headers(headers, warn);
    check_content_type(status, headers, warn);
    check_exc_info(excInfo ?? null, warn);
    started.push(null);
    return writeWrapper((start_response as (...a: unknown[]) => Write)(...srArgs), warn);
  };
  environ["wsgi.input"] = new InputWrapper(environ["wsgi.input"], warn);
  environ["wsgi.errors"] = new ErrorWrapper(environ["wsgi.errors"], warn);
  const iterator = application(environ, start_response_wrapper) as unknown;
  assert(
    report,
    "iterator",
    iterator !== null && iterator !== undefined && iterator !== false,
    "The application must return an iterator, if only an empty list",
  );
  check_iterator(iterator, warn);
  return new IteratorWrapper(iterator as Iterable<unknown>, started, warn);
}
