/**
 * @module hurl-line
 * The pieces of a Hurl line the checks parser reads: quoted strings and
 * value-strings with their escapes, comments, and one `[Asserts]` or
 * `[Captures]` line's query and predicate. Each reader takes the line's
 * text and an offset and says where it stopped, or throws a
 * HurlSyntaxError with the columns to mark.
 */
import type { Predicate, PredicateValue, Query } from "./hurl-ast";
import { compileJsonPath, JsonPathError } from "./jsonpath";

/** The queries the playground runs. */
export const QUERIES = [
  "status",
  "header",
  "cookie",
  "body",
  "jsonpath",
  "regex",
  "bytes",
  "duration",
];
/** The predicates it runs (with `not` before any of them). */
export const PREDICATES = [
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "contains",
  "startsWith",
  "endsWith",
  "matches",
  "exists",
];
/** Hurl's older word forms of the comparisons. */
export const PREDICATE_WORDS: Record<string, Predicate["op"]> = {
  equals: "==",
  notEquals: "!=",
  greaterThan: ">",
  greaterThanOrEquals: ">=",
  lessThan: "<",
  lessThanOrEquals: "<=",
};

/** A fault on one line, with the columns (1-based, in the line's text) to mark. */
export class HurlSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
    readonly endColumn: number,
  ) {
    super(message);
  }
}

/** The text of a line without its comment (`#` outside quotes; `\#` is a `#`), right-trimmed. */
export function stripComment(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "#" && !quoted) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

/** A value-string's text: escapes read (`\#`, `\\`, `\n`, `\u{…}`), templates kept. */
export function unescapeValue(text: string): string {
  return text.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (_m, escape: string, hex?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[escape] ?? escape;
  });
}

/** Read a quoted string at `at` (the opening quote): its value and where it ends. */
export function quoted(line: string, at: number): { value: string; end: number } {
  let value = "";
  for (let i = at + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === "\\") {
      const next = line[i + 1];
      if (next === "u" && line[i + 2] === "{") {
        const close = line.indexOf("}", i + 3);
        const hex = line.slice(i + 3, close);
        if (close === -1 || !/^[0-9a-fA-F]+$/.test(hex))
          throw new HurlSyntaxError("A \\u escape is written \\u{hex digits}.", i + 1, i + 3);
        value += String.fromCodePoint(parseInt(hex, 16));
        i = close;
        continue;
      }
      const escaped = { '"': '"', "\\": "\\", n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[
        next ?? ""
      ];
      if (escaped === undefined)
        throw new HurlSyntaxError(
          `Unknown escape \\${next ?? ""} in a quoted string.`,
          i + 1,
          i + 3,
        );
      value += escaped;
      i++;
      continue;
    }
    value += c;
  }
  throw new HurlSyntaxError(
    'This quoted string is not closed: add a " at its end.',
    at + 1,
    line.length + 1,
  );
}

/** Past the spaces and tabs at `at`. */
export function skipSpaces(text: string, at: number): number {
  while (text[at] === " " || text[at] === "\t") at++;
  return at;
}

/** A query at `at`: its node, and where it ends. */
export function readQuery(
  text: string,
  at: number,
  line: number,
  indent: number,
): { query: Query; end: number } {
  const word = /^[A-Za-z0-9]+/.exec(text.slice(at))?.[0] ?? "";
  const position = { line, column: indent + at + 1 };
  const end = at + word.length;
  if (!QUERIES.includes(word)) {
    throw new HurlSyntaxError(
      word
        ? `The query ${word} is not supported here: the supported queries are ${QUERIES.join(", ")}.`
        : `Expected a query: ${QUERIES.join(", ")}.`,
      at + 1,
      Math.max(end, at + 1) + 1,
    );
  }
  const kind = word as Query["kind"];
  if (kind !== "header" && kind !== "cookie" && kind !== "jsonpath" && kind !== "regex") {
    return { query: { kind, argument: null, position }, end };
  }
  const start = skipSpaces(text, end);
  if (start === end)
    throw new HurlSyntaxError(`${kind} takes a quoted argument: ${kind} "…".`, end + 1, end + 2);
  if (kind === "regex" && text[start] === "/") {
    const close = regexEnd(text, start);
    return {
      query: { kind, argument: text.slice(start + 1, close).replace(/\\\//g, "/"), position },
      end: close + 1,
    };
  }
  if (text[start] !== '"')
    throw new HurlSyntaxError(
      `${kind} takes a quoted argument: ${kind} "…".`,
      start + 1,
      start + 2,
    );
  const { value, end: after } = quoted(text, start);
  if (kind === "jsonpath") {
    try {
      compileJsonPath(value);
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      // The offset is in the path's text: one past the opening quote (escapes aside).
      throw new HurlSyntaxError(error.message, start + 2 + error.offset, after + 1);
    }
  }
  return { query: { kind, argument: value, position }, end: after };
}

/** Where a `/regex/` literal starting at `at` closes. */
function regexEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "/") return i;
  }
  throw new HurlSyntaxError("This regex is not closed: end it with /.", at + 1, text.length + 1);
}

/** The predicate at `at` (after the query): `not`, the operator and its value. */
export function readPredicate(text: string, at: number, line: number, indent: number): Predicate {
  let i = skipSpaces(text, at);
  if (i === at && i < text.length)
    throw new HurlSyntaxError("Put a space between the query and the predicate.", i + 1, i + 2);
  if (i >= text.length)
    throw new HurlSyntaxError(
      `An assert needs a predicate: ${PREDICATES.join(", ")} (and not before any).`,
      i + 1,
      i + 2,
    );
  const position = { line, column: indent + i + 1 };
  let not = false;
  if (/^not[ \t]/.test(text.slice(i))) {
    not = true;
    i = skipSpaces(text, i + 3);
  }
  const word = /^(==|!=|>=|<=|>|<|[A-Za-z]+)/.exec(text.slice(i))?.[0] ?? text.slice(i, i + 1);
  const op = PREDICATE_WORDS[word] ?? word;
  if (!PREDICATES.includes(op)) {
    throw new HurlSyntaxError(
      `The predicate ${word} is not supported here: the supported predicates are ${PREDICATES.join(", ")}, with not before any.`,
      i + 1,
      i + word.length + 1,
    );
  }
  i += word.length;
  if (op === "exists") {
    if (text.slice(i).trim() !== "")
      throw new HurlSyntaxError("exists takes no value.", i + 1, text.length + 1);
    return { not, op: "exists", value: null, position };
  }
  const start = skipSpaces(text, i);
  if (start === i) throw new HurlSyntaxError(`${word} takes a value after a space.`, i + 1, i + 2);
  const { value, end } = readValue(text, start, op as Predicate["op"]);
  if (text.slice(end).trim() !== "")
    throw new HurlSyntaxError(
      "Nothing may follow the predicate's value.",
      skipSpaces(text, end) + 1,
      text.length + 1,
    );
  return { not, op: op as Predicate["op"], value, position };
}

function readValue(
  text: string,
  at: number,
  op: Predicate["op"],
): { value: PredicateValue; end: number } {
  const rest = text.slice(at);
  if (rest.startsWith('"')) {
    const { value, end } = quoted(text, at);
    return { value: { kind: "string", value }, end };
  }
  if (op === "matches" && rest.startsWith("/")) {
    const close = regexEnd(text, at);
    return {
      value: { kind: "string", value: text.slice(at + 1, close).replace(/\\\//g, "/") },
      end: close + 1,
    };
  }
  const template = /^\{\{[ \t]*([A-Za-z0-9_-]+)[ \t]*\}\}/.exec(rest);
  if (template)
    return { value: { kind: "template", name: template[1]! }, end: at + template[0].length };
  const number = /^-?\d+(\.\d+)?(?![\w.])/.exec(rest);
  if (number) {
    return {
      value: { kind: "number", value: Number(number[0]), integer: number[1] === undefined },
      end: at + number[0].length,
    };
  }
  const word = /^[A-Za-z]+/.exec(rest)?.[0];
  if (word === "true" || word === "false")
    return { value: { kind: "boolean", value: word === "true" }, end: at + word.length };
  if (word === "null") return { value: { kind: "null" }, end: at + 4 };
  throw new HurlSyntaxError(
    'Expected a value: a "quoted string", a number, true, false, null or {{name}}.',
    at + 1,
    text.length + 1,
  );
}
