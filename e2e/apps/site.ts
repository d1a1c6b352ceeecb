// A small site for the preview tests: links, forms (urlencoded and
// multipart), a redirect after POST, a cookie, a page whose script fetches
// JSON from the app, a counter that shows reloads.
import { b, escape, FieldStorage, parse_qs } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const items: string[] = [];
let count = 0;

function html(start_response: StartResponse, body: string, status = "200 OK") {
  start_response(status, [["Content-Type", "text/html; charset=utf-8"]]);
  return [b`<!doctype html><html><head><title>site</title></head><body>${body}</body></html>`];
}

function cookie(environ: Environ, name: string): string | null {
  for (const part of (environ.HTTP_COOKIE ?? "").split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === name) return value ?? "";
  }
  return null;
}

export default function app(environ: Environ, start_response: StartResponse) {
  const path = environ.PATH_INFO;
  const method = environ.REQUEST_METHOD;
  if (path === "/") {
    const user = cookie(environ, "user");
    return html(
      start_response,
      `<h1>Home</h1><p id="who">${user ? `Hello, ${escape(user)}` : "Not logged in"}</p>
<a href="/list">List</a> <a href="/login?name=Ada">Log in as Ada</a> <a href="script">Script page</a>
<form method="post" action="/add"><input name="item"><button>Add</button></form>
<form method="post" action="/upload" enctype="multipart/form-data"><input type="file" name="doc"><input name="note"><button>Upload</button></form>`,
    );
  }
  if (path === "/add" && method === "POST") {
    const form = new FieldStorage({ fp: environ["wsgi.input"], environ });
    items.push(String(form.getfirst("item", "")));
    start_response("303 See Other", [
      ["Location", "/list"],
      ["Content-Type", "text/plain"],
    ]);
    return [b`see /list`];
  }
  if (path === "/list") {
    return html(
      start_response,
      `<h1>List</h1><ul>${items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul><a href="/">Home</a>`,
    );
  }
  if (path === "/upload" && method === "POST") {
    const form = new FieldStorage({ fp: environ["wsgi.input"], environ });
    const doc = form.get("doc") as FieldStorage;
    const size = (doc.value as Uint8Array).length;
    return html(
      start_response,
      `<p id="upload">${escape(String(doc.filename))}: ${size} bytes, note ${escape(String(form.getfirst("note")))}</p>`,
    );
  }
  if (path === "/login") {
    const name = parse_qs(environ.QUERY_STRING).name?.[0] ?? "someone";
    start_response("302 Found", [
      ["Set-Cookie", `user=${name}; Path=/`],
      ["Location", "/"],
      ["Content-Type", "text/plain"],
    ]);
    return [b`logged in`];
  }
  if (path === "/api/data") {
    start_response("200 OK", [["Content-Type", "application/json"]]);
    return [b`{"message": "fetched from the app at ${environ.PATH_INFO}"}`];
  }
  if (path === "/script") {
    return html(
      start_response,
      `<p id="out">waiting</p><script>fetch("/api/data").then((r) => r.json()).then((d) => { document.getElementById("out").textContent = d.message; });</script>`,
    );
  }
  if (path === "/count") {
    count += 1;
    return html(start_response, `<p id="count">visit ${count}</p>`);
  }
  if (path === "/env") {
    return html(
      start_response,
      `<p id="env">SCRIPT_NAME=[${environ.SCRIPT_NAME}] PATH_INFO=[${environ.PATH_INFO}]</p><a href="list">relative link</a>`,
    );
  }
  return html(start_response, `<p>No page at ${escape(path)}</p>`, "404 Not Found");
}
