/**
 * @module differences
 * What sets the servers' answers to one request apart: the status line,
 * the Server header, the body, and the environ key by key (the keys that
 * differ first), with a note per difference saying which rule of which
 * server makes it, and where that rule is discussed.
 */
import type { EnvironValue, ServerAnswer } from "../wsgi/records";

/** One row of a comparison: a name, and each server's value (null: the server gave none). */
export interface Row {
  name: string;
  values: (string | null)[];
  differs: boolean;
}

/** Why a row differs, as a rule of one server or another. */
export interface Note {
  /** The rows it explains. */
  about: string[];
  text: string;
  link?: { href: string; label: string };
}

const latin1 = new TextDecoder("latin1");

function shown(value: EnvironValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === "string") return `'${value}'`;
  if (value !== null && typeof value === "object" && "repr" in value) return value.repr;
  return JSON.stringify(value);
}

function row(name: string, values: (string | null)[]): Row {
  return { name, values, differs: new Set(values).size > 1 };
}

/** The answers' heads and bodies side by side: Status, Server, Content-Length, body size. */
export function answerRows(answers: ServerAnswer[]): Row[] {
  const header = (answer: ServerAnswer, name: string) =>
    answer.response?.headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
  return [
    row(
      "Status",
      answers.map((a) =>
        a.response
          ? a.response.sent === "nothing"
            ? "(nothing sent)"
            : `${a.response.httpVersion} ${a.response.status}`.trim()
          : `(failed: ${a.error})`,
      ),
    ),
    row(
      "Server",
      answers.map((a) => header(a, "server")),
    ),
    row(
      "Content-Length",
      answers.map((a) => header(a, "content-length")),
    ),
    row(
      "Transfer-Encoding",
      answers.map((a) => header(a, "transfer-encoding")),
    ),
    row(
      "Body",
      answers.map((a) => (a.response ? `${a.response.body.length} bytes` : null)),
    ),
  ];
}

/** The environ of each answer, key by key: the keys whose values differ first, then the rest, each sorted. */
export function environRows(answers: ServerAnswer[]): Row[] {
  const keys = new Set<string>();
  for (const answer of answers)
    for (const key of Object.keys(answer.response?.environ ?? {})) keys.add(key);
  const rows = [...keys].sort().map((key) =>
    row(
      key,
      answers.map((a) => shown(a.response?.environ[key])),
    ),
  );
  return [...rows.filter((r) => r.differs), ...rows.filter((r) => !r.differs)];
}

/** The request's header names, as sent (from its bytes). */
function headerNames(request: Uint8Array): string[] {
  const head = latin1.decode(request).split(/\r?\n\r?\n/)[0] ?? "";
  return head
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(":")))
    .filter((name) => name && !/^[ \t]/.test(name));
}

/** The notes for what differs, from the request and the rows that differ. */
export function notes(request: Uint8Array, answers: Row[], environ: Row[]): Note[] {
  const differs = new Set([...answers, ...environ].filter((r) => r.differs).map((r) => r.name));
  const text = latin1.decode(request);
  const requestLine = text.split(/\r?\n/)[0] ?? "";
  const target = requestLine.split(/\s+/)[1] ?? "";
  const out: Note[] = [];
  const underscored = headerNames(request).filter((name) => name.includes("_"));
  for (const name of underscored) {
    const key = `HTTP_${name.toUpperCase().replace(/-/g, "_")}`;
    if (!differs.has(key)) continue;
    out.push({
      about: [key],
      text: `${name} and a header spelt with dashes become the same key, ${key}. wsgiref, Werkzeug and Gunicorn 20 keep both, joined with a comma, so a client can pose as a proxy's header; Waitress drops a header whose name has an underscore; Paste keeps one.`,
      link: { href: "https://github.com/benoitc/gunicorn/issues/2799", label: "gunicorn#2799" },
    });
  }
  if (differs.has("PATH_INFO") && /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    out.push({
      about: ["PATH_INFO"],
      text: "An absolute-form target (RFC 9112 §3.2.2): wsgiref's http.server keeps the whole URL in PATH_INFO; Werkzeug, Waitress and Gunicorn take its path (Werkzeug its host too, for HTTP_HOST).",
    });
  } else if (differs.has("PATH_INFO")) {
    out.push({
      about: ["PATH_INFO"],
      text: "The path as each server decodes it: Paste normalises it (dot segments and doubled slashes removed, posixpath.normpath); the others decode %XX and keep its shape.",
    });
  }
  if (differs.has("CONTENT_TYPE") || differs.has("CONTENT_LENGTH")) {
    out.push({
      about: ["CONTENT_TYPE", "CONTENT_LENGTH"],
      text: "A request without a body: PEP 3333 lets CONTENT_TYPE and CONTENT_LENGTH be absent or empty. wsgiref gives CONTENT_TYPE 'text/plain' (http.server's default) and leaves CONTENT_LENGTH out; Paste gives '' and '0'; the others leave both out.",
    });
  }
  if (
    /\r?\ntransfer-encoding:[^\r\n]*chunked/i.test(text) &&
    (differs.has("wsgi.input_terminated") || differs.has("Body"))
  ) {
    out.push({
      about: ["wsgi.input_terminated"],
      text: "A chunked request body: Werkzeug, Waitress and Gunicorn decode it (Werkzeug sets wsgi.input_terminated); wsgiref and Paste do not read it, and the app sees no CONTENT_LENGTH.",
    });
  }
  if (
    /\r?\n[ \t]/.test(text.split(/\r?\n\r?\n/)[0] ?? "") &&
    environ.some((r) => r.differs && r.name.startsWith("HTTP_"))
  ) {
    out.push({
      about: environ.filter((r) => r.differs && r.name.startsWith("HTTP_")).map((r) => r.name),
      text: "A folded header (obs-fold, RFC 9112 §5.2): wsgiref and Paste keep its CRLF in the value; Werkzeug removes it; Waitress and Gunicorn join the lines.",
    });
  }
  if (differs.has("SERVER_SOFTWARE") || differs.has("Server")) {
    out.push({
      about: ["SERVER_SOFTWARE", "Server"],
      text: "Each server names itself: in the Server header and, but for Paste, in SERVER_SOFTWARE.",
    });
  }
  if (differs.has("SERVER_NAME")) {
    out.push({
      about: ["SERVER_NAME"],
      text: "Waitress gives its server_name adjustment ('waitress.invalid' unless set), not the host it is bound to; the others give the host (here the Host field's).",
    });
  }
  if (differs.has("REMOTE_PORT")) {
    out.push({
      about: ["REMOTE_PORT"],
      text: "Werkzeug gives REMOTE_PORT as an int, which wsgiref.validate refuses (CGI variables are str); Waitress and Gunicorn give a str; wsgiref and Paste leave it out.",
    });
  }
  if (differs.has("Status")) {
    out.push({
      about: ["Status"],
      text: "Each server's parser refuses different things: what one reads, another answers with its own 400 (Waitress and Gunicorn are the strictest about bytes and header syntax).",
    });
  }
  return out;
}
