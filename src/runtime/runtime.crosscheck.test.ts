/**
 * Every library function against CPython: the same calls go to Python's own
 * functions (scripts/python_calls.py) and to ours, and the results must be
 * equal, errors included ("Type: message").
 */
import { describe, expect, it } from "vitest";
import { ORACLE_APPS } from "../wsgi/test-support/oracle-apps";
import { FieldStorage } from "./field-storage";
import { demo_app } from "./demo-app";
import { Headers } from "./headers";
import { escape } from "./html";
import { encodeLatin1 } from "./latin1";
import { BytesIO, StringIO } from "./io";
import { callPython, hasPython, type PythonCall } from "./test-support/python-calls";
import type { Environ, Header, StartResponse, WSGIApplication } from "./types";
import { parse_qs, parse_qsl, quote, unquote, type Encoding, type ParseQsOptions } from "./urllib";
import {
  application_uri,
  FileWrapper,
  guess_scheme,
  is_hop_by_hop,
  request_uri,
  setup_testing_defaults,
  shift_path_info,
} from "./util";
import { validator } from "./validate";

type Env = Record<string, unknown>;

function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function latin1Text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function headersOps(initial: Header[], ops: [string, ...unknown[]][]) {
  const h = new Headers(initial.map(([k, v]) => [k, v] as Header));
  const results = ops.map(([op, ...args]) => {
    const a = args as [string, string];
    switch (op) {
      case "set":
        return (h.set(...a), null);
      case "delete":
        return (h.delete(a[0]), null);
      case "get":
        return args.length > 1 ? h.get(a[0], a[1]) : h.get(a[0]);
      case "has":
        return h.has(a[0]);
      case "get_all":
        return h.get_all(a[0]);
      case "setdefault":
        return h.setdefault(...a);
      case "add_header":
        return (h.add_header(a[0], a[1], args[2] as Record<string, string | null>), null);
      case "length":
        return h.length;
      case "keys":
        return h.keys();
      default:
        return h.values();
    }
  });
  return { results, items: h.items(), str: h.toString() };
}

function fieldStorage(environ: Env, body: string, options: Record<string, unknown>) {
  const form = new FieldStorage({ fp: new BytesIO(latin1Bytes(body)), environ, ...options });
  const fields = (form.list ?? []).map((item) => {
    const value = item.value instanceof Uint8Array ? { bytes: latin1Text(item.value) } : item.value;
    return [item.name, value, item.filename, item.type];
  });
  return { type: form.type, fields };
}

function validate(appName: string, method = "GET") {
  const errors = new StringIO();
  const environ: Env = { REQUEST_METHOD: method, QUERY_STRING: "", "wsgi.errors": errors };
  setup_testing_defaults(environ);
  const app = validator(ORACLE_APPS[appName] as unknown as WSGIApplication);
  const startResponse: StartResponse = () => () => undefined;
  let error: string | null = null;
  try {
    const result = app(environ as Environ, startResponse) as Iterable<unknown> & {
      close?: () => void;
    };
    try {
      for (const _ of result) void _;
    } finally {
      result.close?.();
    }
  } catch (caught) {
    error =
      caught instanceof Error && caught.name === "AssertionError"
        ? caught.message
        : "raised " +
          (caught instanceof Error && caught.name !== "Error" ? caught.name : "ValueError");
  }
  const warnings = errors
    .getvalue()
    .split("\n")
    .filter((line) => line.startsWith("WSGIWarning: "))
    .map((line) => line.slice("WSGIWarning: ".length));
  return { error, warnings };
}

function bytesioOps(data: string, ops: [string, ...unknown[]][]) {
  const stream = new BytesIO(latin1Bytes(data));
  return ops.map(([op, ...args]) => {
    const arg = args[0] as number | undefined;
    if (op === "iter") return [...stream].map(latin1Text);
    if (op === "readlines")
      return (args.length ? stream.readlines(arg) : stream.readlines()).map(latin1Text);
    const read = op === "read" ? stream.read.bind(stream) : stream.readline.bind(stream);
    return latin1Text(args.length ? read(arg) : read());
  });
}

function demo(environ: Env) {
  const seen: unknown[] = [];
  const body = demo_app(environ as Environ, (status, headers) => {
    seen.push([status, headers]);
    return () => undefined;
  });
  return { start: seen, body: new TextDecoder().decode(body[0]) };
}

const OURS: Record<string, (...args: never[]) => unknown> = {
  bytesio_ops: bytesioOps,
  file_wrapper: (data: string, blksize: number) =>
    [...new FileWrapper(new BytesIO(latin1Bytes(data)), blksize)].map(latin1Text),
  demo_app: demo,
  quote: (s: string, safe: string, enc: Encoding) => quote(s, safe, enc),
  unquote: (s: string, enc: Encoding) => unquote(s, enc),
  parse_qsl: (qs: string, kw: ParseQsOptions) => parse_qsl(qs, kw),
  parse_qs: (qs: string, kw: ParseQsOptions) => ({ ...parse_qs(qs, kw) }),
  escape: (s: string, q: boolean) => escape(s, q),
  encode_latin1: (s: string) => [...encodeLatin1(s)],
  is_hop_by_hop,
  guess_scheme,
  application_uri,
  request_uri: (env: Env, q?: boolean) => request_uri(env, q),
  shift_path_info: (env: Env) => {
    const name = shift_path_info(env);
    return [name, env.SCRIPT_NAME, env.PATH_INFO];
  },
  setup_testing_defaults: (env: Env) => {
    setup_testing_defaults(env);
    const out: Env = {};
    for (const [k, v] of Object.entries(env)) {
      if (!k.startsWith("wsgi.input") && !k.startsWith("wsgi.errors")) out[k] = v;
    }
    return out;
  },
  headers_ops: headersOps,
  field_storage: fieldStorage,
  validate,
};

function ours([name, ...args]: PythonCall): unknown {
  try {
    return (OURS[name] as (...a: unknown[]) => unknown)(...structuredClone(args));
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const env = (extra: Env): Env => ({
  "wsgi.url_scheme": "http",
  SERVER_NAME: "example.org",
  SERVER_PORT: "80",
  ...extra,
});

const multipart = [
  "--XyZ",
  'Content-Disposition: form-data; name="title"',
  "",
  "Zoë's photo",
  "--XyZ",
  'Content-Disposition: form-data; name="photo"; filename="a b.png"',
  "Content-Type: image/png",
  "",
  "\x89PNG\r\n\x1a\n\x00\x01\xff",
  "--XyZ",
  'Content-Disposition: form-data; name="tags"',
  "",
  "one",
  "--XyZ",
  'Content-Disposition: form-data; name="tags"',
  "",
  "two\r\nlines",
  "--XyZ--",
  "",
].join("\r\n");

const CALLS: PythonCall[] = [
  [
    "bytesio_ops",
    "line one\nline two\r\nthree",
    [["readline"], ["read", 4], ["readline", 2], ["readlines"], ["read"], ["readline"]],
  ],
  ["bytesio_ops", "a\nbb\nccc\ndddd\n", [["readlines", 4], ["iter"]]],
  [
    "bytesio_ops",
    "\x00\xff\n\n",
    [
      ["read", -1],
      ["read", 0],
    ],
  ],
  ["file_wrapper", "0123456789", 4],
  ["file_wrapper", "", 8192],
  [
    "demo_app",
    { PATH_INFO: "/x", QUERY_STRING: "a='b'", HTTP_X: 'say "hi"\n', "wsgi.url_scheme": "http" },
  ],
  ["encode_latin1", "Zo\u00eb \u00ff"],
  ["encode_latin1", "10 \u20ac"],
  ["encode_latin1", "ab\u20ac\u20acc\u20ac"],
  ["encode_latin1", "a\u{1f600}b"],
  ["encode_latin1", "\u{1f600}\u{1f600}x"],
  ["quote", "/a b/ü?x=1&y", "/", "utf-8"],
  ["quote", "/caf\u00e9;p=1,2", "/;=,", "latin1"],
  ["quote", "~user/_.-", "", "utf-8"],
  ["quote", "\u2603", "/", "latin1"],
  ["unquote", "caf%C3%A9%20%2F", "utf-8"],
  ["unquote", "%zz%4%41%e9", "utf-8"],
  ["unquote", "%e9t%E9", "latin-1"],
  ["unquote", "plain", "utf-8"],
  ["unquote", "%C3%A9\u00e9%C3", "utf-8"],
  ["parse_qsl", "a=1&b=x+y&c=%2B&d", {}],
  ["parse_qsl", "a=1&b=&c&&d=%E9", { keep_blank_values: true }],
  ["parse_qsl", "a=1;b=2", { separator: ";" }],
  ["parse_qsl", "a=1&b", { strict_parsing: true }],
  ["parse_qsl", "a=1&b=2&c=3", { max_num_fields: 2 }],
  ["parse_qsl", "name=Zo%C3%AB&q=%F0%9F%90%8D", {}],
  ["parse_qs", "a=1&a=2&b=3&__proto__=x", {}],
  ["parse_qs", "", {}],
  ["escape", `<a href="x" title='y'>&amp;</a>`, true],
  ["escape", `"quotes" & 'apostrophes'`, false],
  ["is_hop_by_hop", "Connection"],
  ["is_hop_by_hop", "Keep-Alive"],
  ["is_hop_by_hop", "Content-Type"],
  ["is_hop_by_hop", "TE"],
  ["guess_scheme", { HTTPS: "on" }],
  ["guess_scheme", { HTTPS: "1" }],
  ["guess_scheme", { HTTPS: "off" }],
  ["guess_scheme", {}],
  ["application_uri", env({ HTTP_HOST: "localhost:8000", SCRIPT_NAME: "" })],
  ["application_uri", env({ SCRIPT_NAME: "/app root" })],
  ["application_uri", env({ "wsgi.url_scheme": "https", SERVER_PORT: "443" })],
  ["application_uri", env({ "wsgi.url_scheme": "https", SERVER_PORT: "8443" })],
  ["application_uri", env({ SERVER_PORT: "8080", SCRIPT_NAME: "/caf\u00e9" })],
  ["request_uri", env({ SCRIPT_NAME: "", PATH_INFO: "/a b/c;d=e,f", QUERY_STRING: "x=1" })],
  ["request_uri", env({ SCRIPT_NAME: "/mount", PATH_INFO: "/x", QUERY_STRING: "q" }), false],
  ["request_uri", env({ HTTP_HOST: "h", SCRIPT_NAME: "", PATH_INFO: "/\u00e9", QUERY_STRING: "" })],
  ["shift_path_info", { SCRIPT_NAME: "", PATH_INFO: "/a/b/c" }],
  ["shift_path_info", { SCRIPT_NAME: "/x", PATH_INFO: "/" }],
  ["shift_path_info", { SCRIPT_NAME: "", PATH_INFO: "" }],
  ["shift_path_info", { SCRIPT_NAME: "/x", PATH_INFO: "//a/./b//c/" }],
  ["shift_path_info", { SCRIPT_NAME: "/x", PATH_INFO: "/." }],
  ["shift_path_info", { SCRIPT_NAME: "/x/y", PATH_INFO: "/../z" }],
  ["shift_path_info", { PATH_INFO: "/only" }],
  ["shift_path_info", { SCRIPT_NAME: "", PATH_INFO: "noslash" }],
  ["setup_testing_defaults", {}],
  ["setup_testing_defaults", { HTTPS: "on", PATH_INFO: "/p" }],
  ["setup_testing_defaults", { SERVER_NAME: "x", REQUEST_METHOD: "POST", SCRIPT_NAME: "/s" }],
  [
    "headers_ops",
    [
      ["Content-Type", "text/plain"],
      ["Set-Cookie", "a=1"],
    ],
    [
      ["get", "content-type"],
      ["get", "missing"],
      ["get", "missing", "fallback"],
      ["has", "SET-COOKIE"],
      ["add_header", "Set-Cookie", "b=2", {}],
      ["get_all", "set-cookie"],
      [
        "add_header",
        "Content-Disposition",
        "attachment",
        { filename: 'a "b".txt', size_hint: null },
      ],
      ["set", "content-type", "text/html"],
      ["setdefault", "X-New", "1"],
      ["setdefault", "x-new", "2"],
      ["delete", "Set-Cookie"],
      ["delete", "Not-There"],
      ["length"],
      ["keys"],
      ["values"],
    ],
  ],
  ["headers_ops", [["X", 1]], []],
  [
    "field_storage",
    {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "application/x-www-form-urlencoded",
      CONTENT_LENGTH: "25",
      QUERY_STRING: "q=1",
    },
    "name=Ada+L&lang=py%2B&e=",
    { keep_blank_values: true },
  ],
  ["field_storage", { REQUEST_METHOD: "GET", QUERY_STRING: "a=1&a=2&b=%E9" }, "", {}],
  [
    "field_storage",
    {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "multipart/form-data; boundary=XyZ",
      CONTENT_LENGTH: String(multipart.length),
      QUERY_STRING: "",
    },
    multipart,
    {},
  ],
  [
    "field_storage",
    {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: 'multipart/form-data; boundary="XyZ"',
      CONTENT_LENGTH: String(multipart.length),
      QUERY_STRING: "from=query",
    },
    multipart,
    {},
  ],
  [
    "field_storage",
    {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "multipart/form-data; boundary=bad\u00e9",
      QUERY_STRING: "",
    },
    "",
    {},
  ],
  [
    "field_storage",
    {
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "application/json",
      CONTENT_LENGTH: "2",
      QUERY_STRING: "",
    },
    "{}",
    {},
  ],
  ...Object.keys(ORACLE_APPS).map((name): PythonCall => ["validate", name]),
  ["validate", "hello", "PURGE"],
];

describe.skipIf(!hasPython())("the runtime library matches CPython", () => {
  const python = hasPython() ? callPython(CALLS) : [];
  it.each(
    CALLS.map(
      (call, i) => [`${call[0]} ${JSON.stringify(call.slice(1)).slice(0, 70)}`, i] as const,
    ),
  )("%s", (_label, index) => {
    expect(ours(CALLS[index]!)).toEqual(python[index]);
  });
});

if (!hasPython()) {
  it.skip("python3 is not installed: the CPython cross-check is skipped", () => {});
}
