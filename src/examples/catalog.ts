/**
 * @module catalog
 * The examples gallery: ports of every example in the seed documents, and
 * the next things a learner needs. Each is data: its file, the request that
 * shows it off, a note on what it teaches, and what that request must give
 * (the end-to-end tests run every example and check exactly that).
 */
import type { SharedProject } from "../share/share-codec";
import base64 from "./apps/base64.ts?raw";
import demoApp from "./apps/demo-app.ts?raw";
import download from "./apps/download.ts?raw";
import gzip from "./apps/gzip.ts?raw";
import helloBytes from "./apps/hello-bytes.ts?raw";
import helloHtml from "./apps/hello-html.ts?raw";
import jsonApi from "./apps/json-api.ts?raw";
import logging from "./apps/logging.ts?raw";
import postForm from "./apps/post-form.ts?raw";
import redirectAfterPost from "./apps/redirect-after-post.ts?raw";
import routing from "./apps/routing.ts?raw";
import session from "./apps/session.ts?raw";
import streaming from "./apps/streaming.ts?raw";
import strBody from "./apps/str-body.ts?raw";
import validator from "./apps/validator.ts?raw";

/** One example of the gallery. */
export interface Example {
  id: string;
  title: string;
  /** Where it comes from: a seed document, or "next steps". */
  source: string;
  /** What it teaches, in a sentence or two. */
  note: string;
  /** The project: its file and the request that shows it off. */
  project: SharedProject;
  /** What that request gives: the status, and text the body (or the errors log) contains. */
  expect: { status: string; body?: string[]; header?: [string, string]; errors?: string };
}

/** Every example, in the order the gallery lists them. */
export const EXAMPLES: Example[] = [
  {
    id: "hello-html",
    title: "Hello World (minimal server)",
    source: "Seed 000",
    note: "The smallest WSGI app: a status, a header list, and a body that is a list of bytes.",
    project: { files: { "app.ts": helloHtml } },
    expect: { status: "200 OK", body: ["Hello World"], header: ["Content-Length", "11"] },
  },
  {
    id: "str-body",
    title: "Python 2 habits: a str body",
    source: "Seed 001",
    note: "The seed returns a str, fine in Python 2. PEP 3333 wants bytes: wsgiref answers 500, and Findings explains the fix.",
    project: { files: { "app.ts": strBody } },
    expect: {
      status: "500 Internal Server Error",
      errors: "write() argument must be a bytes instance",
    },
  },
  {
    id: "hello-bytes",
    title: "Hello, world! in Python 3",
    source: "Seed 003",
    note: "A one-element list of bytes: wsgiref adds Content-Length (13), Date and Server for you.",
    project: { files: { "app.ts": helloBytes } },
    expect: { status: "200 OK", body: ["Hello, world!"], header: ["Content-Length", "13"] },
  },
  {
    id: "demo-app",
    title: "demo_app: see the environ",
    source: "Seed 002",
    note: "wsgiref's own demo app prints every environ key it received: send a request with headers and a query and read them back.",
    project: {
      files: { "app.ts": demoApp },
      request: {
        target: "/some/path?query=string",
        headers: [{ name: "X-Custom", value: "hello" }],
      },
    },
    expect: {
      status: "200 OK",
      body: ["Hello world!", "PATH_INFO = '/some/path'", "HTTP_X_CUSTOM = 'hello'"],
    },
  },
  {
    id: "post-form",
    title: "A POST form greeting",
    source: "Seed 003",
    note: "cgi.FieldStorage (FieldStorage here) reads the posted form from wsgi.input.",
    project: {
      files: { "app.ts": postForm },
      request: { method: "POST", body: { mode: "form", form: [{ name: "name", value: "Ada" }] } },
    },
    expect: { status: "200 OK", body: ["Hello, Ada!"] },
  },
  {
    id: "base64",
    title: "The base64 encoder",
    source: "Seed 004",
    note: "Routing on PATH_INFO, a GET form, parse_qs, html escaping, and 400/404 answers. Open it in the preview too.",
    project: { files: { "app.ts": base64 }, request: { target: "/encode?mystring=hello" } },
    expect: { status: "200 OK", body: ["base64 encoded is: <tt>aGVsbG8=</tt>"] },
  },
  {
    id: "routing",
    title: "Many apps, one server: shift_path_info",
    source: "Seed 002",
    note: "shift_path_info moves a path segment from PATH_INFO to SCRIPT_NAME, so each sub-app sees itself mounted.",
    project: { files: { "app.ts": routing }, request: { target: "/blog/2024/hello" } },
    expect: { status: "200 OK", body: ["blog: SCRIPT_NAME=/blog PATH_INFO=/2024/hello"] },
  },
  {
    id: "validator",
    title: "Middleware: wsgiref.validate",
    source: "Next steps",
    note: "validator() wraps an app and raises at the first PEP 3333 fault, with CPython's message.",
    project: { files: { "app.ts": validator } },
    expect: {
      status: "500 Internal Server Error",
      errors: "No Content-Type header found in headers ([])",
    },
  },
  {
    id: "logging",
    title: "Middleware: a request logger",
    source: "Next steps",
    note: "Middleware is an app that calls an app: this one wraps start_response to log the status to wsgi.errors.",
    project: { files: { "app.ts": logging }, request: { target: "/hello" } },
    expect: { status: "200 OK", body: ["Logged."], errors: "GET /hello -> 200 OK" },
  },
  {
    id: "gzip",
    title: "Middleware: gzip",
    source: "Next steps",
    note: "Compressing needs the whole body: the middleware collects it, compresses it and fixes the headers.",
    project: {
      files: { "app.ts": gzip },
      request: { headers: [{ name: "Accept-Encoding", value: "gzip" }] },
    },
    expect: { status: "200 OK", header: ["Content-Encoding", "gzip"] },
  },
  {
    id: "streaming",
    title: "Streaming with a generator, and close()",
    source: "Next steps",
    note: "A generator body is sent chunk by chunk, without Content-Length; the server closes it, so its finally block runs.",
    project: { files: { "app.ts": streaming } },
    expect: { status: "200 OK", body: ["chunk 1", "chunk 5"], errors: "the generator was closed" },
  },
  {
    id: "download",
    title: "A file download with FileWrapper",
    source: "Next steps",
    note: "wsgi.file_wrapper reads a file in blocks as the server iterates, and closes it at the end.",
    project: { files: { "app.ts": download } },
    expect: {
      status: "200 OK",
      body: ["1,Ada", "3,Guido"],
      header: ["Content-Disposition", 'attachment; filename="people.csv"'],
    },
  },
  {
    id: "session",
    title: "Cookies and a tiny session",
    source: "Next steps",
    note: "Set-Cookie on the first visit; the cookie jar sends it back, and the session counts your visits. Send twice.",
    project: { files: { "app.ts": session } },
    expect: { status: "200 OK", body: ["Visit number 1 in this session."] },
  },
  {
    id: "redirect-after-post",
    title: "Redirect after POST",
    source: "Next steps",
    note: "POST, then 303 See Other to a page you can reload safely. Tick Follow redirects to land on it.",
    project: {
      files: { "app.ts": redirectAfterPost },
      request: {
        method: "POST",
        body: { mode: "form", form: [{ name: "note", value: "buy milk" }] },
      },
    },
    expect: { status: "303 See Other", header: ["Location", "/"] },
  },
  {
    id: "json-api",
    title: "A JSON API",
    source: "Next steps",
    note: "Route by method and path, read a JSON body, answer JSON with 201, 400, 404 and 405.",
    project: {
      files: { "app.ts": jsonApi },
      request: {
        method: "POST",
        target: "/todos",
        body: { mode: "json", json: '{"title": "Write a WSGI app"}' },
      },
    },
    expect: { status: "201 Created", body: ['"title":"Write a WSGI app"'] },
  },
];
