/**
 * The declarations Monaco gets must be valid and must type a real user
 * program: each runtime module's `.d.ts` is generated as the build does,
 * placed at node_modules/wsgi, and an app that uses the library is
 * type-checked against it, as the editor would check it.
 */
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { runtimeDeclaration } from "./runtime-declarations";

const RUNTIME = new URL("../src/runtime/", import.meta.url);

const USER_APP = `import { FieldStorage, Headers, validator, shift_path_info, parse_qs, escape, b, demo_app, FileWrapper, BytesIO } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

function app(environ: Environ, start_response: StartResponse) {
  const form = new FieldStorage({ fp: environ["wsgi.input"], environ, keep_blank_values: true });
  const name = form.getfirst("name", "");
  const headers = new Headers([["Content-Type", "text/html"]]);
  const segment: string | null = shift_path_info(environ);
  const query = parse_qs(environ.QUERY_STRING)["x"]?.[0];
  const host: string | undefined = environ.HTTP_HOST;
  const path: string = environ.PATH_INFO;
  start_response("200 OK", headers.items());
  if (segment === "file") return new FileWrapper(new BytesIO(b\`data\`));
  return [b\`\${escape(String(name))} \${segment} \${query} \${host} \${path}\`];
}
export default validator(app);
export const other = demo_app;
`;

function check(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ["lib.es2022.d.ts", "lib.webworker.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files[name] ?? read(name);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.directoryExists = (dir) =>
    Object.keys(files).some((f) => f.startsWith(dir.replace(/\/$/, "") + "/")) ||
    ts.sys.directoryExists(dir);
  const program = ts.createProgram(["/app.ts"], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

describe("the runtime's declarations", () => {
  const files: Record<string, string> = {
    "/app.ts": USER_APP,
    "/node_modules/wsgi/package.json": JSON.stringify({ name: "wsgi", types: "index.d.ts" }),
  };
  for (const name of readdirSync(RUNTIME).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  )) {
    const { text, problems } = runtimeDeclaration(
      name,
      readFileSync(new URL(name, RUNTIME), "utf8"),
    );
    it(`${name} makes declarations`, () => expect(problems).toEqual([]));
    files[`/node_modules/wsgi/${name.replace(/\.ts$/, ".d.ts")}`] = text;
  }

  it("type-check a program that uses the library, without errors", () => {
    expect(check(files)).toEqual([]);
  });

  it("catch a wrong call, as the editor shows it", () => {
    const broken = {
      ...files,
      "/app.ts": USER_APP.replace('start_response("200 OK"', "start_response(200"),
    };
    expect(check(broken).join("\n")).toContain("not assignable to parameter of type 'string'");
  });
});
