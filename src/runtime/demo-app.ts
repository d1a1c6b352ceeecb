/**
 * @module demo-app
 * `wsgiref.simple_server.demo_app`: "Hello world!" and the environ, sorted.
 */
import { pyRepr } from "./repr";
import type { Environ, StartResponse } from "./types";
import { libraryLayer, type LibrarySite } from "./layer-hook";

/**
 * A small complete app that shows the environ it was given (`demo_app`).
 * @example export default demo_app;
 */
export function demo_app(environ: Environ, start_response: StartResponse): Uint8Array[] {
  return libraryLayer(DEMO_APP, environ, start_response, (e, s) =>
    demo(e as Environ, s as StartResponse),
  ) as Uint8Array[];
}

/** demo_app as the Layers view names it. */
const DEMO_APP: LibrarySite = {
  name: "demo_app",
  function: "demo_app",
  kind: "function",
  defined: { file: "/wsgi/demo-app.ts", line: 13, column: 1 },
};

function demo(environ: Environ, start_response: StartResponse): Uint8Array[] {
  const lines = ["Hello world!", ""];
  for (const key of Object.keys(environ).sort()) lines.push(`${key} = ${pyRepr(environ[key])}`);
  start_response("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [new TextEncoder().encode(lines.join("\n") + "\n")];
}
