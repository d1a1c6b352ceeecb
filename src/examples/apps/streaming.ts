// Streaming: a generator yields the body a chunk at a time (no
// Content-Length: wsgiref cannot know it), and its finally block runs when
// the server closes it: the Call trace shows each chunk, then close().
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

export default function* app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  try {
    for (let i = 1; i <= 5; i++) yield b`chunk ${i}\n`;
  } finally {
    environ["wsgi.errors"].write("the generator was closed\n");
  }
}
