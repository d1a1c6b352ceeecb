/**
 * @module python-export
 * The checks taken home: `test_checks.py`, a standard-library test file
 * (unittest; pytest runs it too) that makes each check's request as the
 * page makes it, sends its bytes through CPython's own wsgiref request
 * handler and judges the response by the same rules, so `python3 -m
 * unittest` in the project's folder gives the page's verdicts. The runner
 * is `python-runner.py` with `python-judge.py` inside it; the checks and
 * the words of a failure (`check-words.ts`) go in as data.
 */
import judge from "./python-judge.py?raw";
import runner from "./python-runner.py?raw";
import { CHECK_WORDS } from "./check-words";
import type { Entry, HurlFile } from "./hurl-ast";
import { parseHurl } from "./hurl-parser";
import { entryTitle } from "./run-checks";

const pairs = (list: { key: string; value: string }[]) =>
  list.map(({ key, value }) => [key, value]);

/** What the Python runner reads of an entry. */
function entryData(entry: Entry) {
  const { request, response } = entry;
  return {
    title: entryTitle(entry),
    line: entry.position.line,
    request: {
      method: request.method,
      url: request.url,
      headers: pairs(request.headers),
      query: pairs(request.query),
      form: pairs(request.form),
      multipart: pairs(request.multipart),
      cookies: pairs(request.cookies),
      body: request.body ? { kind: request.body.kind, text: request.body.text } : null,
    },
    response: response && {
      status: response.status,
      headers: pairs(response.headers),
      captures: response.captures.map((c) => ({
        name: c.name,
        query: { kind: c.query.kind, argument: c.query.argument },
      })),
      asserts: response.asserts.map((a) => ({
        text: a.text,
        query: { kind: a.query.kind, argument: a.query.argument },
        predicate: { not: a.predicate.not, op: a.predicate.op, value: a.predicate.value },
      })),
      body: response.body ? { kind: response.body.kind, text: response.body.text } : null,
    },
  };
}

/** The test file for a parsed checks file and the project's entry file. */
export function testFileFor(file: HurlFile, entry: string): string {
  const data = JSON.stringify(file.entries.map(entryData));
  // The judge first: its own text holds no placeholder.
  return runner
    .replace("__JUDGE__\n", judge.slice(judge.indexOf("# ----")))
    .replace("__ENTRY__", JSON.stringify(entry))
    .replace("__CHECKS__", JSON.stringify(data))
    .replace("__WORDS__", JSON.stringify(JSON.stringify(CHECK_WORDS)));
}

/** `test_checks.py` for a checks file's text, or null when the file has errors (nothing would run). */
export function testChecksPy(checks: string, entry: string): string | null {
  const { file, errors } = parseHurl(checks);
  return errors.length ? null : testFileFor(file, entry);
}
