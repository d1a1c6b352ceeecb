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
  Request,
  Response,
} from "./hurl-ast";
import {
  HurlSyntaxError,
  readPredicate,
  readQuery,
  skipSpaces,
  stripComment,
  unescapeValue,
} from "./hurl-line";

export { PREDICATES, QUERIES } from "./hurl-line";

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

/** Parse a checks file: its entries, and every error with its place. */
export function parseHurl(text: string): ParsedHurl {
  const parser = new Parser(text);
  const file = parser.parse();
  return { file, errors: parser.errors };
}
