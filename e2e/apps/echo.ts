// An app that tells the test what it received: the environ's strings, the
// body as hex, the form fields (FieldStorage), and a few routes for
// redirects and cookies.
import { b, FieldStorage } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join(" ");
}

export default function app(environ: Environ, start_response: StartResponse) {
  const path = environ.PATH_INFO;
  if (path === "/old") {
    start_response("302 Found", [
      ["Location", "/new?from=old"],
      ["Content-Type", "text/plain"],
    ]);
    return [b`moved`];
  }
  if (path === "/login") {
    start_response("200 OK", [
      ["Set-Cookie", "session=s3cret; Path=/"],
      ["Content-Type", "text/plain"],
    ]);
    return [b`logged in`];
  }
  const length = Number(environ.CONTENT_LENGTH || 0);
  const type = environ.CONTENT_TYPE;
  const form: Record<string, string> = {};
  let body: Uint8Array = new Uint8Array();
  if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
    const fields = new FieldStorage({
      fp: environ["wsgi.input"],
      environ: { ...environ, QUERY_STRING: "" },
    });
    for (const item of fields.list ?? []) {
      form[item.name ?? ""] =
        item.value instanceof Uint8Array
          ? `file ${item.filename} (${item.type}) ${hex(item.value)}`
          : String(item.value);
    }
  } else {
    body = environ["wsgi.input"].read(length);
  }
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(environ)) {
    if (typeof value === "string") strings[key] = value;
  }
  start_response("200 OK", [["Content-Type", "application/json"]]);
  return [b`${JSON.stringify({ environ: strings, body: hex(body), form }, null, 1)}`];
}
