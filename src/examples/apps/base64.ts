// The seeds' wsgi_app.py (document 004), written for the playground: a front
// page with a form, /encode showing the string's base64, 400s and a 404.
import { b, escape, parse_qs } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

function* page(content: string) {
  yield b`<html><head><title>wsgi_app.py</title></head><body>`;
  yield b`${content}`;
  yield b`</body>`;
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export default function simple_app(environ: Environ, start_response: StartResponse) {
  const gohome = '<br><a href="/">Return to the home page</a>';
  const q = parse_qs(environ.QUERY_STRING);
  if (environ.PATH_INFO === "/") {
    if (environ.REQUEST_METHOD !== "GET" || environ.QUERY_STRING) {
      start_response("400 Bad Request", [["Content-Type", "text/plain"]]);
      return [b`Error: the front page is not a form`];
    }
    start_response("200 OK", [["Content-Type", "text/html"]]);
    return page(
      'Welcome! Enter a string: <form action="encode"><input name="mystring"><input type="submit"></form>',
    );
  } else if (environ.PATH_INFO === "/encode") {
    if (environ.REQUEST_METHOD !== "GET") {
      start_response("400 Bad Request", [["Content-Type", "text/plain"]]);
      return [b`Error: this form does not support POST parameters`];
    }
    if (!("mystring" in q) || !q.mystring![0]) {
      start_response("400 Bad Request", [["Content-Type", "text/plain"]]);
      return [b`Error: this form requires a "mystring" parameter`];
    }
    const my = q.mystring![0]!;
    start_response("200 OK", [["Content-Type", "text/html"]]);
    return page(
      `<tt>${escape(`'${my}'`)}</tt> base64 encoded is: <tt>${escape(base64(my))}</tt>` + gohome,
    );
  } else {
    start_response("404 Not Found", [["Content-Type", "text/plain"]]);
    return [b`That URL is not valid`];
  }
}
