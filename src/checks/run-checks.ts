/**
 * @module run-checks
 * Runs a checks file's entries in order through a `serve(request)`
 * function (the page gives the same one the panel uses), with a cookie jar
 * of the checks' own, and judges each response: the status and headers of
 * the response line, every assert, the exact body, and the captures that
 * later entries read as `{{name}}`. An entry that cannot be sent (a
 * template with no value) fails with the reason; the rest still run. An
 * entry that runs past the time limit ends the run: the rest are not sent.
 *
 * @example
 * const results = await runChecks(parseHurl(text).file, (request) => runner.serve(request));
 * results.filter((r) => !r.passed).map((r) => r.failures[0]); // [{ assert: "status", expected: "200", actual: "404", … }]
 */
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { Entry, HurlFile } from "./hurl-ast";
import { judge, runQuery, shown, statusCode, type Answer } from "./check-asserts";
import { entryRequest, fillTemplates } from "./check-request";
import { checkWords } from "./check-words";

/** One thing a check expected that the response did not give. */
export interface CheckFailure {
  /** What was checked, as written (`status`, `header "Location" startsWith "/items/"`). */
  assert: string;
  expected: string;
  actual: string;
  /** Its line in the checks file. */
  line: number;
}

/** The verdict of one entry. */
export interface CheckResult {
  index: number;
  /** The comment above the entry, else its request line. */
  title: string;
  /** The request line's line in the file. */
  line: number;
  passed: boolean;
  failures: CheckFailure[];
  /** Why it could not be sent (its response is then null). */
  error: string | null;
  request: RequestRecord | null;
  response: ResponseRecord | null;
  /** How many PEP 3333 error findings its response has. */
  errorFindings: number;
}

/** How an entry is sent: the page's request path (the panel's). */
export type Serve = (request: RequestRecord) => Promise<ResponseRecord>;

/** The title of an entry: its comment, else its request line. */
export function entryTitle(entry: Entry): string {
  return entry.title ?? `${entry.request.method} ${entry.request.url}`;
}

function judgeEntry(entry: Entry, answer: Answer, variables: Map<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const expect = entry.response;
  if (!expect) return failures;
  const code = statusCode(answer.response);
  if (expect.status !== "*" && code !== expect.status) {
    failures.push({
      assert: "status",
      expected: String(expect.status),
      actual: code === null ? checkWords("noStatusLine") : String(code),
      line: expect.position.line,
    });
  }
  for (const header of expect.headers) {
    const name = header.key.toLowerCase();
    const want = fillTemplates(header.value, variables);
    const values = answer.response.headers.filter(([key]) => key.toLowerCase() === name);
    if (!values.some(([, value]) => value === want)) {
      failures.push({
        assert: `header ${header.key}`,
        expected: shown(want),
        actual: values.length
          ? values.map(([, v]) => shown(v)).join(", ")
          : checkWords("noSuchHeader"),
        line: header.position.line,
      });
    }
  }
  // Captures first, as Hurl takes them: an assert may compare with {{a value captured here}}.
  for (const capture of expect.captures) {
    const found = runQuery(capture.query, answer);
    if (found.found) variables.set(capture.name, found.value);
    else {
      failures.push({
        assert: `capture ${capture.name}`,
        expected: checkWords("aValue"),
        actual: found.why ?? checkWords("nothing"),
        line: capture.position.line,
      });
    }
  }
  for (const assert of expect.asserts) {
    const verdict = judge(assert.predicate, runQuery(assert.query, answer), variables);
    if (verdict) failures.push({ assert: assert.text, ...verdict, line: assert.position.line });
  }
  if (expect.body) {
    const body = new TextDecoder().decode(answer.response.body);
    const want = fillTemplates(expect.body.text, variables);
    if (body !== want) {
      failures.push({
        assert: "body",
        expected: shown(want),
        actual: shown(body),
        line: expect.body.position.line,
      });
    }
  }
  return failures;
}

/** Run every entry in order; each result as soon as it is known, through `onResult`. */
export async function runChecks(
  file: HurlFile,
  serve: Serve,
  onResult?: (result: CheckResult) => void,
): Promise<CheckResult[]> {
  // The jar's code (tough-cookie) loads when checks first run, not with the page.
  const { PlaygroundCookieJar } = await import("../request/cookie-jar");
  const jar = new PlaygroundCookieJar();
  const variables = new Map<string, unknown>();
  const results: CheckResult[] = [];
  for (const entry of file.entries) {
    const base = { index: entry.index, title: entryTitle(entry), line: entry.position.line };
    let result: CheckResult;
    let request: RequestRecord | null = null;
    try {
      request = entryRequest(entry, variables, (host, target) => jar.cookieHeader(host, target));
      const started = performance.now();
      const response = await serve(request);
      const duration = performance.now() - started;
      const host = request.headers.find(([name]) => name.toLowerCase() === "host")?.[1] ?? "";
      jar.storeFrom(host, request.target, response.headers);
      const failures = judgeEntry(entry, { response, duration }, variables);
      result = {
        ...base,
        passed: failures.length === 0,
        failures,
        error: null,
        request,
        response,
        errorFindings: response.findings.filter((f) => f.severity === "error").length,
      };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      result = {
        ...base,
        passed: false,
        failures: [],
        error: error.message,
        request,
        response: null,
        errorFindings: 0,
      };
    }
    results.push(result);
    onResult?.(result);
    if (result.response?.stopped && !result.response.stopped.byUser) {
      // The app loops: each check after it would wait out the limit too. The run ends here.
      const why = `Not run: check ${results.length} ran past the time limit.`;
      for (const rest of file.entries.slice(results.length)) {
        const skipped: CheckResult = {
          index: rest.index,
          title: entryTitle(rest),
          line: rest.position.line,
          passed: false,
          failures: [],
          error: why,
          request: null,
          response: null,
          errorFindings: 0,
        };
        results.push(skipped);
        onResult?.(skipped);
      }
      break;
    }
  }
  return results;
}
