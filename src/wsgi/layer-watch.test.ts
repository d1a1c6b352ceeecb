/**
 * A TypeScript stack built as the compiler Worker builds it and served as
 * the runner serves it: the layers it reports, against what the same
 * stack reports in Python (e2e/apps/layers.py, python-server.test.ts).
 */
import { readFileSync } from "node:fs";
import * as esbuild from "esbuild-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProject } from "../compiler/build-project";
import { loadBundle } from "../runner/load-bundle";
import { SourceMapper } from "../runner/source-mapper";
import { environDiff, headChanges, passedUp } from "./layers";
import type { RequestRecord, ResponseRecord } from "./records";
import { serve } from "./server-handler";

const STACK = readFileSync(new URL("../../e2e/apps/layers.ts", import.meta.url), "utf8");

const request = (target: string): RequestRecord => ({
  method: "GET",
  target,
  httpVersion: "HTTP/1.1",
  headers: [],
  body: new Uint8Array(),
});

async function served(code: string, target = "/", files: Record<string, string> = {}) {
  const { code: bundle } = await buildProject(esbuild, { "app.ts": code, ...files }, "app.ts");
  const sources = new SourceMapper(bundle);
  return serve(loadBundle(bundle, "app.ts"), request(target), {
    traceback: (error) => sources.traceback(error),
  });
}

const text = (response: ResponseRecord) => new TextDecoder().decode(response.body);

describe("TypeScript layers", () => {
  beforeAll(async () => {
    await esbuild.initialize({});
  });

  it("finds tag → upper → Mount → inner, with what each changed", async () => {
    const response = await served(STACK, "/api/items");
    expect(text(response)).toBe("/ITEMS '/API'");
    const layers = response.layers ?? [];
    expect(layers.map((l) => [l.name, l.kind])).toEqual([
      ["add_header.<locals>.tag", "function"],
      ["upper", "generator"],
      ["Mount", "callable object"],
      ["inner", "function"],
    ]);
    const [tag, upper, mount, inner] = layers;
    expect(tag!.defined).toEqual({ file: "app.ts", line: 6, column: 10 });
    expect(environDiff(upper!.environ, mount!.environ)).toEqual([]);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(environDiff(mount!.environ, inner!.environ).sort(byKey)).toEqual([
      { key: "PATH_INFO", before: "/api/items", after: "/items" },
      { key: "SCRIPT_NAME", before: "", after: "/api" },
    ]);
    expect(layers.map((l) => l.startResponse)).toEqual([
      "server's",
      "wrapper",
      "caller's",
      "caller's",
    ]);
    expect(upper!.startResponseName).toBe("add_header.<locals>.tag.<locals>.tagged");
    expect(tag!.startResponseName).toBe("BaseHandler.start_response");
    expect(headChanges(layers, 0)).toEqual([{ kind: "added", name: "X-Layer", value: "tag" }]);
    expect(passedUp(layers, 1)?.headers).toEqual([["Content-Type", "text/plain"]]);
    expect(layers.map((l) => [l.returned, l.chunks, l.passesThrough])).toEqual([
      ["generator", [6, 1, 6], true],
      ["generator", [6, 1, 6], false],
      ["Closing", [6, 1, 6], true],
      ["Closing", [6, 1, 6], false],
    ]);
    expect(layers.map((l) => l.closedBy)).toEqual(["the server", "the server", null, null]);
    expect(inner!.closable).toBe(true);
    const between = response.findings.filter((f) => f.source === "layers");
    expect(between.map((f) => f.message)).toEqual([
      "upper never closed the iterable Mount returned (Closing): PEP 3333 has middleware call its close(), also when it stops early.",
    ]);
    expect(between[0]!.location).toEqual({ file: "app.ts", line: 14, column: 1 });
    for (const layer of layers) expect(layer.timeTotal).toBeGreaterThanOrEqual(layer.timeSelf);
    // The call trace names the layer of each step.
    expect(response.trace.map((e) => [e.kind, e.layer])).toEqual([
      ["call", "add_header.<locals>.tag"],
      ["return", "add_header.<locals>.tag"],
      ["start_response", "inner"],
      ["chunk", "upper"],
      ["headers-sent", null],
      ["chunk", "upper"],
      ["chunk", "upper"],
      ["close", "upper"],
    ]);
  });

  it("what the server's own environ breaks is the server's finding, never a layer's", async () => {
    const { code } = await buildProject(esbuild, { "app.ts": STACK }, "app.ts");
    const response = serve(loadBundle(code, "app.ts"), { ...request("/api/items"), method: "FOO" });
    expect(response.findings.map((f) => [f.source, f.message])).toContainEqual([
      "validate",
      "WSGIWarning: Unknown REQUEST_METHOD: 'FOO'",
    ]);
    expect(response.findings.filter((f) => f.source === "layers").map((f) => f.message)).toEqual([
      expect.stringContaining("upper never closed"),
    ]);
  });

  it("a one-layer app is one layer and no finding", async () => {
    const response = await served(
      'import { b } from "wsgi";\nexport default function app(environ: any, start_response: any) {\n  start_response("200 OK", []);\n  return [b`one`];\n}\n',
    );
    expect(response.layers?.map((l) => [l.name, l.returned, l.returnedLen, l.chunks])).toEqual([
      ["app", "list", 1, [3]],
    ]);
    expect(response.findings.filter((f) => f.source === "layers")).toEqual([]);
    expect(response.trace.some((e) => "layer" in e)).toBe(false);
  });

  it("a body changed under its Content-Length is blamed where the two stop agreeing", async () => {
    const response = await served(`import { b } from "wsgi";
const inner = (environ: any, start_response: any) => {
  start_response("200 OK", [["Content-Length", "5"]]);
  return [b\`hello\`];
};
function shout(environ: any, start_response: any) {
  return Array.from(inner(environ, start_response), (c: Uint8Array) => new Uint8Array([...c, 33, 33]));
}
export default shout;
`);
    expect(response.layers?.map((l) => [l.name, l.chunks])).toEqual([
      ["shout", [7]],
      ["inner", [5]],
    ]);
    expect(response.findings.filter((f) => f.source === "layers").map((f) => f.message)).toEqual([
      "shout passed up Content-Length: 5, but the body it produced is 7 bytes.",
    ]);
  });

  it("a bound method and a class field arrow are layers by their class", async () => {
    const response = await served(`import { b } from "wsgi";
class Flask {
  wsgi_app(environ: any, start_response: any) {
    start_response("200 OK", []);
    return [b\`flask\`];
  }
}
class Logger {
  constructor(private app: any) {}
  handle = (environ: any, start_response: any) => this.app(environ, start_response);
}
export default new Logger(new Flask().wsgi_app.bind(new Flask())).handle;
`);
    expect(text(response)).toBe("flask");
    expect(response.layers?.map((l) => [l.name, l.kind, l.passesThrough])).toEqual([
      ["Logger.handle", "method", true],
      ["Flask.wsgi_app", "method", false],
    ]);
  });

  it("wsgiref.validate's rules at every boundary, each finding naming both layers", async () => {
    const response = await served(
      `import { b } from "wsgi";
function proxy_fix(app: any) {
  return function fix(environ: any, start_response: any) {
    environ.PATH_INFO = environ.PATH_INFO.replace(/^\\/+/, "");
    return app(environ, start_response);
  };
}
function buffered(app: any) {
  return function buffer(environ: any, start_response: any) {
    const calls: any[] = [];
    const remember = (status: string, headers: any) => { calls.push([status, headers]); return () => {}; };
    const body = Array.from(app(environ, remember), (c: any) => typeof c === "string" ? new TextEncoder().encode(c) : c);
    start_response(...(calls.at(-1) as [string, any]));
    return body;
  };
}
function inner(environ: any, start_response: any) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  start_response("201 Created", [["Content-Type", "text/plain"]]);
  return [b\`made \`, "it"];
}
export default proxy_fix(buffered(inner));
`,
      "/items",
    );
    expect(response.status).toBe("201 Created");
    expect(text(response)).toBe("made it");
    const between = response.findings.filter((f) => f.source === "layers");
    expect(between.map((f) => f.message)).toEqual([
      "proxy_fix.<locals>.fix passed buffered.<locals>.buffer an environ that wsgiref.validate refuses: PATH_INFO doesn't start with /: 'items'",
      "inner called the start_response buffered.<locals>.buffer gave it 2 times, again without exc_info: PEP 3333 allows a second call only with exc_info, from an error handler (the server would say 'Headers already set!').",
      "The iterable inner returned gave buffered.<locals>.buffer a chunk that is not bytes: 'it' (wsgiref.validate: Iterator yielded non-bytestring).",
    ]);
    expect(between.map((f) => f.location?.line)).toEqual([3, 17, 17]);
    expect(response.findings.filter((f) => f.source === "validate")).toEqual([]);
  });

  it("the library's validator and demo_app are layers, as wsgiref's are in Python", async () => {
    const response = await served(`import { validator, demo_app } from "wsgi";
function shout(app: any) {
  return function loud(environ: any, start_response: any) {
    return app(environ, start_response);
  };
}
export default validator(shout(demo_app));
`);
    expect(response.status).toBe("200 OK");
    expect(response.layers?.map((l) => [l.name, l.defined.file, l.startResponse])).toEqual([
      ["validator.<locals>.lint_app", "/wsgi/validate.ts", "server's"],
      ["shout.<locals>.loud", "app.ts", "wrapper"],
      ["demo_app", "/wsgi/demo-app.ts", "caller's"],
    ]);
    // The places named are where the library defines them.
    for (const layer of response.layers!.filter((l) => l.defined.file.startsWith("/wsgi/"))) {
      const file = readFileSync(
        new URL(`../runtime/${layer.defined.file.slice("/wsgi/".length)}`, import.meta.url),
        "utf8",
      );
      const line = file.split("\n")[layer.defined.line - 1]!;
      expect(line).toContain(`function ${layer.name.split(".").at(-1)}(`);
    }
  });

  it("tracebacks through a layer still name the user's line", async () => {
    const response = await served(`export default function app(environ: any, start_response: any) {
  throw new Error("boom");
}
`);
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.errors).toContain(
      'Traceback (most recent call last):\n  File "app.ts", line 2, in app\n    throw new Error("boom");\nError: boom\n',
    );
    expect(response.layers?.map((l) => l.name)).toEqual(["app"]);
  });
});
