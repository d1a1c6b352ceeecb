// Seed 003, the POST example: a form posts a name, and the app greets it.
// cgi.FieldStorage is FieldStorage here; QUERY_STRING is blanked so only the
// body's fields are read, as in the seed.
import { b, escape, FieldStorage } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const form = b`<html>
  <head><title>Hello User!</title></head>
  <body>
    <form method="post">
      <label>Hello</label>
      <input type="text" name="name">
      <input type="submit" value="Go">
    </form>
  </body>
</html>`;

export default function app(environ: Environ, start_response: StartResponse) {
  let html = form;
  if (environ.REQUEST_METHOD === "POST") {
    const post_env = { ...environ, QUERY_STRING: "" };
    const post = new FieldStorage({
      fp: environ["wsgi.input"],
      environ: post_env,
      keep_blank_values: true,
    });
    html = b`Hello, ${escape(String(post.getfirst("name", "")))}!`;
  }
  start_response("200 OK", [["Content-Type", "text/html"]]);
  return [html];
}
