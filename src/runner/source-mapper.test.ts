/**
 * A project compiled as the compiler worker compiles it (esbuild, the same
 * plugin), loaded as the runner loads it: tracebacks and findings must name
 * the user's file, line and source text.
 */
import * as esbuild from "esbuild-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProject } from "../compiler/build-project";
import type { RequestRecord } from "../wsgi/records";
import { serve } from "../wsgi/server-handler";
import { loadBundle } from "./load-bundle";
import { SourceMapper } from "./source-mapper";

const APP = `import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";
import { greet } from "./lib/greet";

export default function app(environ: Environ, start_response: StartResponse) {
  if (environ.PATH_INFO === "/boom") {
    return greet(environ);
  }
  start_response("200 OK", []);
  return [b\`hello\`];
}
`;

const GREET = `import type { Environ } from "wsgi";

export function greet(environ: Environ): Uint8Array[] {
  throw new Error("no greeting for " + environ.PATH_INFO);
}
`;

async function compile(files: Record<string, string>): Promise<string> {
  return (await buildProject(esbuild, files, "app.ts")).code;
}

const request = (target: string): RequestRecord => ({
  method: "GET",
  target,
  httpVersion: "HTTP/1.1",
  headers: [],
  body: new Uint8Array(),
});

describe("source mapping", () => {
  let code = "";
  beforeAll(async () => {
    code = await compile({ "app.ts": APP, "lib/greet.ts": GREET });
  });

  it("writes a traceback in the user's files, outermost call first", () => {
    const sources = new SourceMapper(code);
    const response = serve(loadBundle(code, "app.ts"), request("/boom"), {
      traceback: (error) => sources.traceback(error),
    });
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.errors).toContain(
      [
        "Traceback (most recent call last):",
        '  File "app.ts", line 7, in app',
        "    return greet(environ);",
        '  File "lib/greet.ts", line 4, in greet',
        '    throw new Error("no greeting for " + environ.PATH_INFO);',
        "Error: no greeting for /boom",
      ].join("\n"),
    );
  });

  it("points a finding at the line that made the call", () => {
    const sources = new SourceMapper(code);
    const response = serve(loadBundle(code, "app.ts"), request("/"));
    const finding = response.findings[0]!;
    expect(finding.message).toBe("No Content-Type header found in headers ([])");
    expect(sources.location(finding.stack)).toEqual({ file: "app.ts", line: 9, column: 3 });
  });

  it("maps an error thrown while the module loads", async () => {
    const broken = await compile({
      "app.ts": 'const x = 1;\nthrow new TypeError("at import time");\n',
    });
    const sources = new SourceMapper(broken);
    let error: unknown;
    try {
      loadBundle(broken, "app.ts");
    } catch (caught) {
      error = caught;
    }
    expect(sources.traceback(error)).toContain('File "app.ts", line 2');
    expect(sources.traceback(error)).toContain("TypeError: at import time");
  });
});
