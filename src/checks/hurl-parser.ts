/**
 * @module hurl-parser
 * Reads `checks.hurl`: Hurl's plain-text format (Orange-OpenSource/hurl,
 * `docs/grammar.md`), the subset the playground runs, into the tree of
 * `hurl-ast.ts`. Hurl is line-oriented: an entry starts at a request line
 * (`GET http://localhost:8000/`), headers and sections follow one per
 * line, a body may span lines (JSON until its brackets close, a raw string
 * between triple backticks), and a response line (`HTTP 200`) starts what
 * the response must be. `#` starts a comment, also at the end of a line;
 * the comments right above a request line are the check's title.
 *
 * What Hurl has and the playground does not run (XPath, filters, options,
 * file bodies, …) is an error at its place that says what is supported,
 * so a file that parses here runs the same under `hurl --test`.
 *
 * @example
 * const { file, errors } = parseHurl("GET http://localhost:8000/\nHTTP 200\n");
 * file.entries[0].response?.status; // 200
 */
import type {
  Assert,
  Body,
  Capture,
  Entry,
  HurlError,
  HurlFile,
  KeyValue,
  Position,
  Predicate,
  PredicateValue,
  Query,
  Request,
  Response,
} from "./hurl-ast";
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
const PREDICATE_WORDS: Record<string, Predicate["op"]> = {
  equals: "==",
  notEquals: "!=",
  greaterThan: ">",
  greaterThanOrEquals: ">=",
  lessThan: "<",
  lessThanOrEquals: "<=",
};
const REQUEST_SECTIONS: Record<string, "query" | "form" | "multipart" | "cookies"> = {
  QueryStringParams: "query",
  Query: "query",
  FormParams: "form",
  Form: "form",
  MultipartFormData: "multipart",
  Multipart: "multipart",
  Cookies: "cookies",
};
const RESPONSE_SECTIONS: Record<string, "captures" | "asserts"> = {
  Captures: "captures",
  Asserts: "asserts",
};

const REQUEST_LINE = /^(?!HTTP(?:\/\S*)?[ \t])([A-Z]+)[ \t]+(\S.*)$/;
const RESPONSE_LINE = /^(HTTP(?:\/(?:1\.0|1\.1|2|3|\*))?)[ \t]+(\d{3}|\*)[ \t]*$/;
const SECTION_LINE = /^\[([A-Za-z]+)\][ \t]*$/;
const KEY = /^((?:[A-Za-z0-9_.-]|\\.)+)[ \t]*:/;

/** What parsing gives: the tree, and every error found (the tree holds what could be read). */
export interface ParsedHurl {
  file: HurlFile;
  errors: HurlError[];
}

class HurlSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
    readonly endColumn: number,
  ) {
    super(message);
  }
}

/** The text of a line without its comment (`#` outside quotes; `\#` is a `#`), right-trimmed. */
function stripComment(text: string): string {
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
function unescapeValue(text: string): string {
  return text.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (_m, escape: string, hex?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[escape] ?? escape;
  });
}

/** Read a quoted string at `at` (the opening quote): its value and where it ends. */
function quoted(line: string, at: number): { value: string; end: number } {
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

/** The parser over one file's lines. */
class Parser {
  private readonly lines: string[];
  private index = 0;
  readonly errors: HurlError[] = [];
  /** The comment lines read since the last blank line or content: the next entry's title. */
  private comments: string[] = [];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  private error(message: string, line: number, column: number, endColumn: number): void {
    this.errors.push({ message, line, column, endColumn });
  }

  /** The line being read (1-based number) and its text without comment, or null at the end. */
  private current(): { number: number; raw: string; text: string; indent: number } | null {
    if (this.index >= this.lines.length) return null;
    const raw = this.lines[this.index]!;
    const indent = raw.length - raw.trimStart().length;
    return { number: this.index + 1, raw, text: stripComment(raw).trim(), indent };
  }

  /** Move past a line with nothing but a comment (kept for the next title) or nothing at all. */
  private skipEmpty(line: { raw: string }): void {
    const comment = line.raw.trim();
    if (comment.startsWith("#")) this.comments.push(comment.replace(/^#+\s?/, "").trim());
    else this.comments = [];
    this.index++;
  }

  parse(): HurlFile {
    const entries: Entry[] = [];
    for (let line = this.current(); line; line = this.current()) {
      if (line.text === "") {
        this.skipEmpty(line);
        continue;
      }
      const request = REQUEST_LINE.exec(line.text);
      if (!request) {
        this.error(
          /^HTTP/.test(line.text)
            ? "A response line must follow a request: write the request line (GET http://localhost:8000/) above it."
            : 'Expected a request line: a method in capitals and a URL, as "GET http://localhost:8000/".',
          line.number,
          line.indent + 1,
          line.indent + line.text.length + 1,
        );
        this.index++;
        this.comments = [];
        continue;
      }
      const title = this.comments;
      this.comments = [];
      entries.push(this.entry(line, request, title, entries.length));
    }
    return { entries };
  }

  private entry(
    line: { number: number; indent: number; text: string },
    match: RegExpExecArray,
    comments: string[],
    index: number,
  ): Entry {
    const position = { line: line.number, column: line.indent + 1 };
    const request: Request = {
      method: match[1]!,
      url: unescapeValue(match[2]!.trim()),
      headers: [],
      query: [],
      form: [],
      multipart: [],
      cookies: [],
      body: null,
      position,
    };
    this.index++;
    let section: "query" | "form" | "multipart" | "cookies" | null = null;
    let response: Response | null = null;
    for (let next = this.current(); next; next = this.current()) {
      if (next.text === "") {
        this.skipEmpty(next);
        continue;
      }
      if (REQUEST_LINE.test(next.text)) break;
      this.comments = [];
      if (RESPONSE_LINE.test(next.text)) {
        response = this.response(next);
        break;
      }
      if (request.body) {
        this.error(
          "Nothing may follow the body but the response line (HTTP 200) or the next request.",
          next.number,
          next.indent + 1,
          next.indent + next.text.length + 1,
        );
        this.index++;
        continue;
      }
      const opened = this.section(
        next,
        REQUEST_SECTIONS,
        "a request may have [QueryStringParams], [FormParams], [MultipartFormData] and [Cookies]",
      );
      if (opened !== undefined) {
        section = opened;
        continue;
      }
      const body = this.body(next);
      if (body !== undefined) {
        if (body) request.body = body;
        continue;
      }
      const pair = this.keyValue(next);
      if (pair) {
        if (section === null) request.headers.push(pair);
        else request[section].push(pair);
      }
      this.index++;
    }
    if (request.body && (request.form.length || request.multipart.length)) {
      this.error(
        "A request has one body: a body, [FormParams] or [MultipartFormData], not two.",
        request.body.position.line,
        request.body.position.column,
        request.body.position.column + 1,
      );
    }
    return {
      title: comments.length ? comments.join(" ") : null,
      request,
      response,
      index,
      position,
    };
  }

  /**
   * A section line (`[Asserts]`): the section it opens (null for one that is
   * not supported: an error, and its lines are skipped); undefined when the
   * line is no section line.
   */
  private section<T>(
    line: { number: number; indent: number; text: string },
    known: Record<string, T>,
    supported: string,
  ): T | null | undefined {
    const match = SECTION_LINE.exec(line.text);
    if (!match) return undefined;
    this.index++;
    const name = match[1]!;
    if (name in known) return known[name]!;
    this.error(
      `[${name}] is not supported here: ${supported}.`,
      line.number,
      line.indent + 1,
      line.indent + line.text.length + 1,
    );
    this.skipKeyValues();
    return null;
  }

  /** After an unsupported section: its lines are skipped, not read as headers. */
  private skipKeyValues(): void {
    for (let next = this.current(); next; next = this.current()) {
      if (next.text === "" || (KEY.test(next.text) && !REQUEST_LINE.test(next.text))) {
        this.index++;
        continue;
      }
      return;
    }
  }

  private keyValue(line: { number: number; indent: number; text: string }): KeyValue | null {
    const match = KEY.exec(line.text);
    if (!match) {
      this.error(
        "Expected a line `name: value` (a header, or an entry of the section above).",
        line.number,
        line.indent + 1,
        line.indent + line.text.length + 1,
      );
      return null;
    }
    return {
      key: unescapeValue(match[1]!),
      value: unescapeValue(line.text.slice(match[0].length).trim()),
      position: { line: line.number, column: line.indent + 1 },
    };
  }

  /**
   * A body starting on this line, read to its end (the parser moves past it);
   * undefined when the line starts no body, null when it started one that failed.
   */
  private body(line: {
    number: number;
    indent: number;
    text: string;
    raw: string;
  }): Body | null | undefined {
    const position = { line: line.number, column: line.indent + 1 };
    const text = line.raw.trim();
    const fail = (message: string) => {
      this.error(message, line.number, line.indent + 1, line.indent + text.length + 1);
      this.index++;
      return null;
    };
    if (text.startsWith("```")) return this.rawBody(line, position);
    if (text.startsWith("{") || (text.startsWith("[") && !SECTION_LINE.test(line.text)))
      return this.jsonBody(line, position);
    if (/^`[^`]/.test(text)) {
      const end = text.lastIndexOf("`");
      if (end <= 0) return fail("This one-line body is not closed: end it with a backtick (`).");
      this.index++;
      return { kind: "oneline", text: unescapeValue(text.slice(1, end)), position };
    }
    const encoded = /^(base64|hex),([^;]*);$/.exec(line.text);
    if (encoded) {
      this.index++;
      return {
        kind: encoded[1] as "base64" | "hex",
        text: encoded[2]!.replace(/\s+/g, ""),
        position,
      };
    }
    if (/^file,/.test(line.text))
      return fail(
        "A file, body is not supported here (the checks run in the browser): write the body in the entry.",
      );
    if (text.startsWith("<"))
      return fail("An XML body is not supported here: put it between ``` lines as a raw body.");
    return undefined;
  }

  private rawBody(line: { number: number; raw: string }, position: Position): Body | null {
    const first = line.raw.trim().slice(3);
    // ```text``` on one line; else the lines up to the closing ```, the first line's language hint dropped.
    if (first.endsWith("```") && first.length >= 3) {
      this.index++;
      return { kind: "raw", text: first.slice(0, -3), position };
    }
    const lines: string[] = [];
    for (let i = this.index + 1; i < this.lines.length; i++) {
      const text = this.lines[i]!;
      if (text.trimEnd().endsWith("```")) {
        const last = text.trimEnd().slice(0, -3);
        if (last.trim() !== "") lines.push(last);
        this.index = i + 1;
        return {
          kind: "raw",
          text: lines.join("\n") + (last.trim() === "" && lines.length ? "\n" : ""),
          position,
        };
      }
      lines.push(text);
    }
    this.error(
      "This raw body is not closed: end it with a line ```.",
      line.number,
      position.column,
      position.column + 3,
    );
    this.index = this.lines.length;
    return null;
  }

  private jsonBody(line: { number: number }, position: Position): Body | null {
    let depth = 0;
    let inString = false;
    const lines: string[] = [];
    for (let i = this.index; i < this.lines.length; i++) {
      const text = this.lines[i]!;
      lines.push(text);
      for (let k = 0; k < text.length; k++) {
        const c = text[k];
        if (inString) {
          if (c === "\\") k++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
      }
      if (depth <= 0 && !inString) {
        this.index = i + 1;
        return { kind: "json", text: lines.join("\n").trim(), position };
      }
    }
    this.error(
      "This JSON body is not closed: its brackets do not balance.",
      line.number,
      position.column,
      position.column + 1,
    );
    this.index = this.lines.length;
    return null;
  }

  private response(line: { number: number; indent: number; text: string }): Response {
    const match = RESPONSE_LINE.exec(line.text)!;
    const response: Response = {
      version: match[1]!,
      status: match[2] === "*" ? "*" : Number(match[2]),
      headers: [],
      captures: [],
      asserts: [],
      body: null,
      position: { line: line.number, column: line.indent + 1 },
    };
    this.index++;
    let section: "captures" | "asserts" | null = null;
    for (let next = this.current(); next; next = this.current()) {
      if (next.text === "") {
        this.skipEmpty(next);
        continue;
      }
      if (REQUEST_LINE.test(next.text)) break;
      this.comments = [];
      const opened = this.section(
        next,
        RESPONSE_SECTIONS,
        "a response may have [Captures] and [Asserts]",
      );
      if (opened !== undefined) {
        section = opened;
        continue;
      }
      if (section === null) {
        const body = this.body(next);
        if (body !== undefined) {
          if (body) response.body = body;
          continue;
        }
        const pair = this.keyValue(next);
        if (pair) response.headers.push(pair);
        this.index++;
        continue;
      }
      try {
        if (section === "captures") response.captures.push(this.capture(next));
        else response.asserts.push(this.assert(next));
      } catch (error) {
        if (!(error instanceof HurlSyntaxError)) throw error;
        this.error(
          error.message,
          next.number,
          next.indent + error.column,
          next.indent + error.endColumn,
        );
      }
      this.index++;
    }
    return response;
  }

  private capture(line: { number: number; indent: number; text: string }): Capture {
    const match = /^([A-Za-z0-9_\-.]+)[ \t]*:[ \t]*/.exec(line.text);
    if (!match)
      throw new HurlSyntaxError(
        'A capture is `name: query`, as `session: cookie "sid"`.',
        1,
        line.text.length + 1,
      );
    const { query, end } = readQuery(line.text, match[0].length, line.number, line.indent);
    if (line.text.slice(end).trim() !== "")
      throw new HurlSyntaxError(
        "A capture takes its query alone (filters are not supported here).",
        skipSpaces(line.text, end) + 1,
        line.text.length + 1,
      );
    return { name: match[1]!, query, position: { line: line.number, column: line.indent + 1 } };
  }

  private assert(line: { number: number; indent: number; text: string }): Assert {
    const { query, end } = readQuery(line.text, 0, line.number, line.indent);
    const predicate = readPredicate(line.text, end, line.number, line.indent);
    return {
      query,
      predicate,
      text: line.text,
      position: { line: line.number, column: line.indent + 1 },
    };
  }
}

function skipSpaces(text: string, at: number): number {
  while (text[at] === " " || text[at] === "\t") at++;
  return at;
}

/** A query at `at`: its node, and where it ends. */
function readQuery(
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

function readPredicate(text: string, at: number, line: number, indent: number): Predicate {
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

/** Parse a checks file: its entries, and every error with its place. */
export function parseHurl(text: string): ParsedHurl {
  const parser = new Parser(text);
  const file = parser.parse();
  return { file, errors: parser.errors };
}
