/**
 * @module check-asserts
 * What a response is, as a check reads it (its queries), and whether it is
 * what the check says (its predicates), with Hurl's meanings: a query finds
 * a value or nothing; `exists` asks which; `not` turns the answer around;
 * numbers compare as numbers (`1 == 1.0`), text as text, bytes as bytes.
 * A failure says what was expected and what came ("status: expected 200,
 * got 404").
 */
import type { ResponseRecord } from "../wsgi/records";
import type { Predicate, PredicateValue, Query } from "./hurl-ast";
import type { Variables } from "./check-request";
import { checkWords } from "./check-words";
import { compileJsonPath, evaluate } from "./jsonpath";

/** What a query found: a value, or nothing (with why, when there is a reason to say). */
export type Found = { found: true; value: unknown } | { found: false; why?: string };

/** The response a check reads, and how long it took. */
export interface Answer {
  response: ResponseRecord;
  /** Milliseconds from the request sent to the response received. */
  duration: number;
}

const decoder = new TextDecoder();

/** The status code of a response record (`"404 Not Found"` → 404). */
export function statusCode(response: ResponseRecord): number | null {
  const code = /^\d{3}/.exec(response.status)?.[0];
  return code ? Number(code) : null;
}

/** The value of the cookie `name` a response sets (its last Set-Cookie of that name). */
function setCookie(response: ResponseRecord, name: string): string | null {
  let value: string | null = null;
  for (const [header, text] of response.headers) {
    if (header.toLowerCase() !== "set-cookie") continue;
    const pair = text.split(";", 1)[0]!;
    const equals = pair.indexOf("=");
    if (equals !== -1 && pair.slice(0, equals).trim() === name)
      value = pair.slice(equals + 1).trim();
  }
  return value;
}

/** Run one query on an answer. */
export function runQuery(query: Query, answer: Answer): Found {
  const { response } = answer;
  switch (query.kind) {
    case "status": {
      const code = statusCode(response);
      return code === null
        ? { found: false, why: checkWords("noStatus") }
        : { found: true, value: code };
    }
    case "header": {
      const name = query.argument!.toLowerCase();
      const values = response.headers
        .filter(([key]) => key.toLowerCase() === name)
        .map(([, v]) => v);
      if (!values.length) return { found: false };
      return { found: true, value: values.length === 1 ? values[0] : values };
    }
    case "cookie": {
      const value = setCookie(response, query.argument!);
      return value === null ? { found: false } : { found: true, value };
    }
    case "body":
      return { found: true, value: decoder.decode(response.body) };
    case "bytes":
      return { found: true, value: response.body };
    case "duration":
      return { found: true, value: Math.round(answer.duration) };
    case "jsonpath": {
      let document: unknown;
      try {
        document = JSON.parse(decoder.decode(response.body));
      } catch {
        return { found: false, why: checkWords("notJson") };
      }
      return evaluate(compileJsonPath(query.argument!), document);
    }
    case "regex": {
      const match = new RegExp(query.argument!).exec(decoder.decode(response.body));
      if (!match) return { found: false };
      return { found: true, value: match.length > 1 ? match[1] : match[0] };
    }
  }
}

/** A value as a failure shows it: text quoted, bytes by their size, the rest as JSON. */
export function shown(value: unknown): string {
  if (value instanceof Uint8Array) return checkWords("bytes", { count: value.length });
  if (typeof value === "string")
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (value === undefined) return checkWords("nothing");
  return JSON.stringify(value);
}

function expectedValue(value: PredicateValue, variables: Variables): unknown {
  switch (value.kind) {
    case "string":
    case "number":
    case "boolean":
      return value.value;
    case "null":
      return null;
    case "template":
      return variables.get(value.name);
  }
}

const encoder = new TextEncoder();

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return encoder.encode(value);
  return null;
}

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  if (at < 0 || at + b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[at + i] !== b[i]) return false;
  return true;
}

function equal(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") return actual === expected;
  if (actual instanceof Uint8Array) {
    const other = bytesOf(expected);
    return other !== null && other.length === actual.length && sameBytes(actual, other, 0);
  }
  if (Array.isArray(actual) || (actual !== null && typeof actual === "object"))
    return JSON.stringify(actual) === JSON.stringify(expected);
  return actual === expected;
}

/** Whether a found value meets a predicate (before `not`). */
function meets(predicate: Predicate, found: Found, expected: unknown): boolean {
  if (predicate.op === "exists") return found.found;
  if (!found.found) return false;
  const actual = found.value;
  switch (predicate.op) {
    case "==":
      return equal(actual, expected);
    case "!=":
      return !equal(actual, expected);
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (typeof actual !== "number" || typeof expected !== "number") return false;
      return predicate.op === ">"
        ? actual > expected
        : predicate.op === ">="
          ? actual >= expected
          : predicate.op === "<"
            ? actual < expected
            : actual <= expected;
    }
    case "contains":
      if (Array.isArray(actual)) return actual.some((item) => equal(item, expected));
      if (actual instanceof Uint8Array) {
        const part = bytesOf(expected);
        return part !== null && actual.some((_, i) => sameBytes(actual, part, i));
      }
      return (
        typeof actual === "string" && typeof expected === "string" && actual.includes(expected)
      );
    case "startsWith":
    case "endsWith": {
      const whole = bytesOf(actual);
      const part = bytesOf(expected);
      if (!whole || !part) return false;
      return sameBytes(whole, part, predicate.op === "startsWith" ? 0 : whole.length - part.length);
    }
    case "matches":
      return (
        typeof actual === "string" &&
        typeof expected === "string" &&
        new RegExp(expected).test(actual)
      );
  }
}

/** The verdict of one predicate on what a query found: null when it holds, else the failure's words. */
export function judge(
  predicate: Predicate,
  found: Found,
  variables: Variables,
): { expected: string; actual: string } | null {
  const expected = predicate.value ? expectedValue(predicate.value, variables) : undefined;
  const holds = meets(predicate, found, expected) !== predicate.not;
  if (holds) return null;
  const words = `${predicate.not ? "not " : ""}${predicate.op === "==" ? "" : `${predicate.op} `}`;
  return {
    expected:
      predicate.op === "exists"
        ? checkWords(predicate.not ? "nothing" : "aValue")
        : `${words}${shown(expected)}`.trim(),
    actual: found.found ? shown(found.value) : (found.why ?? checkWords("nothing")),
  };
}
