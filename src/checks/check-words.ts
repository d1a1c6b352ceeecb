/**
 * @module check-words
 * The words a check's failure is told in, one table for the page and for
 * the exported `test_checks.py` (which gets it as data), so that the same
 * failure reads the same in both: "jsonpath "$.id" == 7: expected 7, got
 * the body is not JSON".
 *
 * @example
 * checkWords("failure", { assert: "status", expected: "200", actual: "404" });
 * // "status: expected 200, got 404"
 */
import type { CheckFailure } from "./run-checks";

/** Each message, with `{name}` where a value goes (`{{` and `}}` are themselves). */
export const CHECK_WORDS = {
  failure: "{assert}: expected {expected}, got {actual}",
  nothing: "nothing",
  aValue: "a value",
  bytes: "{count} bytes",
  noStatus: "no status was sent",
  noStatusLine: "no status (nothing was sent)",
  notJson: "the body is not JSON",
  noSuchHeader: "no such header",
  noValue:
    "{{{name}}} has no value: no earlier check captured {name} (its [Captures] must run first).",
  notUrl:
    '"{url}" is not a URL the checks can send: write http://localhost:8000/path (the host is the app\'s virtual host).',
} as const;

/** A message of the table with its values put in. */
export function checkWords(
  key: keyof typeof CHECK_WORDS,
  values: Record<string, string | number> = {},
): string {
  return CHECK_WORDS[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A failure as one line: "status: expected 200, got 404". */
export function failureText(failure: Pick<CheckFailure, "assert" | "expected" | "actual">): string {
  return checkWords("failure", failure);
}
