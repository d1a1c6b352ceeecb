// An app that breaks the rules on purpose, one way per path: the
// robustness tests send each path and then "/" to see the next request work.
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const text = (): [string, string][] => [["Content-Type", "text/plain"]];

function deeper(n: number): number {
  return deeper(n + 1) + 1;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- returns the wrong things on purpose
export default function app(environ: Environ, start_response: StartResponse): any {
  switch (environ.PATH_INFO) {
    case "/async":
      return (async () => {
        start_response("200 OK", text());
        return [b`too late`];
      })();
    case "/no-start":
      return [b`forgot start_response`];
    case "/twice":
      start_response("200 OK", text());
      start_response("200 OK", text());
      return [b`twice`];
    case "/str":
      start_response("200 OK", text());
      return ["a str, not bytes"];
    case "/recursion":
      return [b`${deeper(0)}`];
    case "/alloc":
      return [new Uint8Array(2 ** 34)];
    case "/iterator":
      start_response("200 OK", text());
      return (function* () {
        yield b`half a body`;
        throw new Error("the iterator broke");
      })();
    case "/close":
      start_response("200 OK", text());
      return {
        *[Symbol.iterator]() {
          yield b`whole body`;
        },
        close() {
          throw new Error("close() broke");
        },
      };
    case "/crlf":
      start_response("200 OK", [
        ...text(),
        ["X-Echo", `${environ.QUERY_STRING}\r\nSet-Cookie: stolen=1`],
      ]);
      return [b`header injected`];
    case "/euro":
      start_response("200 OK", [...text(), ["X-Price", "10 \u20ac"]]);
      return [b`priced`];
    case "/huge":
      start_response("200 OK", [["Content-Type", "application/octet-stream"]]);
      return (function* () {
        const megabyte = new Uint8Array(1024 * 1024).fill(0x61);
        for (;;) yield megabyte;
      })();
  }
  start_response("200 OK", text());
  return [b`fine`];
}
