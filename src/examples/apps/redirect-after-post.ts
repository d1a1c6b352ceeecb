// Redirect after POST: the form posts, the app stores the note and answers
// 303 See Other, so a reload of the result page never posts twice. Tick
// "Follow redirects" (or use Follow) to land on the list.
import { b, escape, FieldStorage } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const notes: string[] = [];

export default function app(environ: Environ, start_response: StartResponse) {
  if (environ.REQUEST_METHOD === "POST") {
    const form = new FieldStorage({ fp: environ["wsgi.input"], environ });
    notes.push(String(form.getfirst("note", "")));
    start_response("303 See Other", [
      ["Location", "/"],
      ["Content-Type", "text/plain"],
    ]);
    return [b`See /`];
  }
  const items = notes.map((note) => `<li>${escape(note)}</li>`).join("");
  start_response("200 OK", [["Content-Type", "text/html"]]);
  return [b`<ul>${items}</ul><form method="post"><input name="note"><button>Add</button></form>`];
}
