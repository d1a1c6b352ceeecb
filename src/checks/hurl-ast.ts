/**
 * @module hurl-ast
 * The tree of a `checks.hurl` file: the subset of Hurl's format
 * (Orange-OpenSource/hurl, `docs/grammar.md`) that the playground runs and
 * that `hurl --test` runs unchanged. Every node says where it starts in the
 * file (1-based line and column), so a failed check or a parse error points
 * at its text in the editor.
 *
 * A file is entries; an entry is a request and, optionally, the response it
 * expects: a status, headers, `[Captures]` that carry values into the later
 * entries, and `[Asserts]`. Text where Hurl allows templates (`{{name}}`)
 * is kept as written and filled in when the entry runs.
 */

/** Where a node starts: 1-based line and column (columns in UTF-16 units). */
export interface Position {
  line: number;
  column: number;
}

/** A whole file. */
export interface HurlFile {
  /** Its entries, in order: they run in this order. */
  entries: Entry[];
}

/** One request and what its response must be. */
export interface Entry {
  /** The comment lines right above the request line, joined (null when there are none). */
  title: string | null;
  request: Request;
  /** Null when the entry expects nothing (any response passes). */
  response: Response | null;
  /** 0-based index in the file. */
  index: number;
  position: Position;
}

/** `name: value` (a header, a param, a cookie), value as written (templates kept). */
export interface KeyValue {
  key: string;
  value: string;
  position: Position;
}

/** A request: method and URL, headers, sections, body. */
export interface Request {
  /** `GET`, `POST`, … (any token: the playground sends what is written). */
  method: string;
  /** As written: `http://localhost:8000/api?x=1`, or with `{{templates}}`. */
  url: string;
  headers: KeyValue[];
  /** `[QueryStringParams]` (or `[Query]`): appended to the URL's query. */
  query: KeyValue[];
  /** `[FormParams]` (or `[Form]`): an urlencoded body. */
  form: KeyValue[];
  /** `[MultipartFormData]` (or `[Multipart]`): a multipart body of text fields. */
  multipart: KeyValue[];
  /** `[Cookies]`: a Cookie header for this request alone. */
  cookies: KeyValue[];
  body: Body | null;
  position: Position;
}

/** A body: its bytes' source text, and how to read it. */
export interface Body {
  /**
   * `json` (an object or array, sent as it is written), `raw` (between
   * triple backticks), `oneline` (`` `text` ``), `base64` or `hex`.
   */
  kind: "json" | "raw" | "oneline" | "base64" | "hex";
  /** The text as written (for base64 and hex, the encoded text). */
  text: string;
  position: Position;
}

/** What the response must be. */
export interface Response {
  /** `HTTP`, `HTTP/1.0`, `HTTP/1.1`, `HTTP/2`, `HTTP/*`: the playground checks none of them. */
  version: string;
  /** The status code it must have, or `*` for any. */
  status: number | "*";
  /** Headers it must have (each is an assert that the header has that value). */
  headers: KeyValue[];
  captures: Capture[];
  asserts: Assert[];
  /** A body it must have, exactly. */
  body: Body | null;
  position: Position;
}

/** What an assert or a capture reads of the response. */
export interface Query {
  kind: "status" | "header" | "cookie" | "body" | "jsonpath" | "regex" | "bytes" | "duration";
  /** The header's or cookie's name, the JSONPath, the regex; null for the others. */
  argument: string | null;
  position: Position;
}

/** `name: query`: the value is kept for the later entries as `{{name}}`. */
export interface Capture {
  name: string;
  query: Query;
  position: Position;
}

/** A value a predicate compares with. */
export type PredicateValue =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number; integer: boolean }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "template"; name: string };

/** How a query's value is judged. */
export interface Predicate {
  /** `not` before it. */
  not: boolean;
  op:
    | "=="
    | "!="
    | ">"
    | ">="
    | "<"
    | "<="
    | "contains"
    | "startsWith"
    | "endsWith"
    | "matches"
    | "exists";
  /** Null for `exists`. */
  value: PredicateValue | null;
  position: Position;
}

/** `query predicate`, one line of `[Asserts]`. */
export interface Assert {
  query: Query;
  predicate: Predicate;
  /** The line as written, for the Checks view. */
  text: string;
  position: Position;
}

/** A part of the file that is not Hurl, or Hurl the playground does not run. */
export interface HurlError {
  message: string;
  line: number;
  column: number;
  /** Where the marked stretch ends on the line (1-based, past its last character). */
  endColumn: number;
}
