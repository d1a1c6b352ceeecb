// Middleware: gzip the body when the client accepts it. It must see the
// whole body first, so it collects the chunks, then sets Content-Encoding
// and Content-Length. Send with and without "Accept-Encoding: gzip".
import { b, gzip, Headers } from "wsgi";
import type { Environ, StartResponse, WSGIApplication } from "wsgi";

function gzipped(app: WSGIApplication): WSGIApplication {
  return function middleware(environ, start_response) {
    if (!(environ.HTTP_ACCEPT_ENCODING ?? "").includes("gzip")) return app(environ, start_response);
    let status = "";
    let headers = new Headers();
    const chunks: Uint8Array[] = [];
    const body = app(environ, (s, h) => {
      status = s;
      headers = new Headers([...h]);
      return (data) => void chunks.push(data);
    });
    try {
      for (const chunk of body) chunks.push(chunk);
    } finally {
      body.close?.();
    }
    const size = chunks.reduce((n, c) => n + c.length, 0);
    const all = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    const compressed = gzip.compress(all);
    headers.set("Content-Encoding", "gzip");
    headers.set("Content-Length", String(compressed.length));
    headers.add_header("Vary", "Accept-Encoding");
    start_response(status, headers.items());
    return [compressed];
  };
}

function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b`${"WSGI middleware can rewrite a whole response. ".repeat(20)}\n`];
}

export default gzipped(app);
