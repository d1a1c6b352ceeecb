/**
 * Project zips: the playground's own Download zip opens again as the same
 * files, byte for byte; a code host's one-folder zip opens from inside the
 * folder; a zip that would write outside the project, unpack too far, or
 * hold nothing to run is refused with the reason; any bytes at all give a
 * project or a ProjectZipError.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newProjectContent } from "./project-state";
import { projectToZip, ProjectZipError, zipToProject, ZIP_LIMITS } from "./zip";

const zip = (files: Record<string, string | Uint8Array>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v]),
    ),
  );

describe("the playground's own zips", () => {
  it("give back the same files, in order, byte for byte, with the entry and the request", () => {
    const content = newProjectContent("python");
    content.files = {
      "pkg/__init__.py": "from .views import render\r\n",
      "app.py": "# café ☕\nfrom pkg import render\n",
      "pkg/views.py": "def render():\n\treturn 'x'\n",
      "templates/page.html": "<p>{path}</p>",
      Makefile: "all:\n\tpython3 app.py\n",
      "request.json": '{"a user file": true}',
      "notes.md": "",
    };
    content.entry = "app.py";
    content.draft.method = "DELETE";
    const bytes = projectToZip(content);
    const { content: back, skipped } = zipToProject(bytes);
    expect(skipped).toEqual([]);
    expect(Object.keys(back.files)).toEqual(Object.keys(content.files));
    for (const [path, text] of Object.entries(content.files))
      expect(strToU8(back.files[path]!)).toEqual(strToU8(text));
    expect(back.entry).toBe("app.py");
    expect(back.draft.method).toBe("DELETE");
    // The zip itself holds each file at its path.
    const entries = unzipSync(bytes);
    expect(strFromU8(entries["pkg/views.py"]!)).toBe(content.files["pkg/views.py"]);
  });

  it("carry the project's server in .wsgi-playground.json", () => {
    const content = { ...newProjectContent("python"), server: "waitress" as const };
    const bytes = projectToZip(content);
    const meta = JSON.parse(strFromU8(unzipSync(bytes)[".wsgi-playground.json"]!)) as {
      server?: string;
    };
    expect(meta.server).toBe("waitress");
    expect(zipToProject(bytes).content.server).toBe("waitress");
    expect(zipToProject(projectToZip(newProjectContent("python"))).content.server).toBeUndefined();
  });

  it("open zips made before .wsgi-playground.json, which kept the request in request.json", () => {
    const old = zip({
      "app.ts": "export default 1;",
      "lib/a.ts": "export const a = 1;",
      "request.json": JSON.stringify({ entry: "app.ts", request: { method: "PUT" } }),
    });
    const { content } = zipToProject(old);
    expect(Object.keys(content.files)).toEqual(["app.ts", "lib/a.ts"]);
    expect(content.draft.method).toBe("PUT");
  });
});

describe("a project with checks, taken home", () => {
  const checks = "GET http://localhost:8000/\nHTTP 200\n";
  const app =
    "def application(environ, start_response):\n    start_response('200 OK', [])\n    return [b'hi']\n";

  it("a Python project's zip holds test_checks.py and a README, and opens again without them", () => {
    const content = {
      ...newProjectContent("python"),
      files: { "app.py": app, "checks.hurl": checks },
    };
    const files = unzipSync(projectToZip(content));
    expect(Object.keys(files).sort()).toEqual([
      ".wsgi-playground.json",
      "README.md",
      "app.py",
      "checks.hurl",
      "test_checks.py",
    ]);
    expect(strFromU8(files["test_checks.py"]!)).toContain('ENTRY = "app.py"');
    expect(strFromU8(files["README.md"]!)).toContain("python3 -m unittest test_checks");
    expect(Object.keys(zipToProject(projectToZip(content)).content.files).sort()).toEqual([
      "app.py",
      "checks.hurl",
    ]);
  });

  it("the user's own README and test_checks.py are kept, not replaced", () => {
    const files = {
      "app.py": app,
      "checks.hurl": checks,
      "README.md": "mine",
      "test_checks.py": "# mine",
    };
    const unzipped = unzipSync(projectToZip({ ...newProjectContent("python"), files }));
    expect(strFromU8(unzipped["README.md"]!)).toBe("mine");
    expect(strFromU8(unzipped["test_checks.py"]!)).toBe("# mine");
    expect(strFromU8(unzipped["README-checks.md"]!)).toContain("hurl --test checks.hurl");
  });

  it("a TypeScript project's zip says how to run the checks with Hurl; no checks, nothing added", () => {
    const ts = newProjectContent("typescript");
    const withChecks = unzipSync(
      projectToZip({ ...ts, files: { ...ts.files, "checks.hurl": checks } }),
    );
    expect(Object.keys(withChecks)).not.toContain("test_checks.py");
    expect(strFromU8(withChecks["README.md"]!)).toContain("hurl --test checks.hurl");
    expect(Object.keys(unzipSync(projectToZip(ts))).sort()).toEqual(
      [".wsgi-playground.json", ...Object.keys(ts.files)].sort(),
    );
  });
});

describe("zips from elsewhere", () => {
  it("are opened from inside their one top folder, leaving out litter and binaries", () => {
    const { content, skipped } = zipToProject(
      zip({
        "demo-main/": new Uint8Array(),
        "demo-main/README.md": "# demo",
        "demo-main/app.py": "application = None\n",
        "demo-main/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
        "demo-main/__pycache__/app.cpython-312.pyc": new Uint8Array([1, 2, 0]),
        "demo-main/.DS_Store": new Uint8Array([0, 0, 0, 1]),
        "demo-main/my notes.txt": "spaces",
      }),
    );
    expect(Object.keys(content.files)).toEqual(["README.md", "app.py"]);
    expect(content.entry).toBe("app.py");
    expect(skipped).toEqual([
      "logo.png (not a text file)",
      expect.stringMatching(/^my notes\.txt \(.*has " " in it/),
    ]);
  });

  it("without the playground's metadata, run the likeliest entry", () => {
    expect(zipToProject(zip({ "routes.py": "", "wsgi.py": "" })).content.entry).toBe("wsgi.py");
    expect(zipToProject(zip({ "lib/x.py": "", "serve.py": "" })).content.entry).toBe("serve.py");
    expect(zipToProject(zip({ "notes.md": "", "src/app.ts": "" })).content.entry).toBe(
      "src/app.ts",
    );
  });
});

describe("zips that are refused, with the reason", () => {
  it.each([
    [
      "a path that climbs out",
      { "app.py": "", "../evil.py": "x" },
      /"\.\.\/evil\.py" would be written outside/,
    ],
    ["an absolute path", { "/etc/evil.py": "x" }, /outside the project/],
    ["a Windows path", { "pkg\\..\\..\\evil.py": "x" }, /outside the project/],
    ["nothing but binaries", { "a.png": new Uint8Array([0, 1]) }, /no text file .*a\.png/],
    ["no file to run", { "README.md": "hi" }, /no file the playground can run/],
    [
      "a damaged .wsgi-playground.json",
      { "app.py": "", ".wsgi-playground.json": "{" },
      /not valid JSON/,
    ],
    [
      "an entry it does not hold",
      { "app.py": "", ".wsgi-playground.json": '{"entry":"gone.py"}' },
      /names "gone\.py" as the entry/,
    ],
  ] as const)("%s", (_what, files, why) => {
    expect(() => zipToProject(zip(files as Record<string, string | Uint8Array>))).toThrow(why);
  });

  it("bytes that are not a zip", () => {
    expect(() => zipToProject(strToU8("not a zip"))).toThrow("not a zip archive");
  });

  it("more files than a project holds", () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 201; i++) many[`f${i}.py`] = "x";
    expect(() => zipToProject(zip(many))).toThrow("at most 200 files");
  });

  it("a zip that unpacks too far, before unpacking it", () => {
    const big = new Uint8Array(ZIP_LIMITS.unpacked + 1);
    expect(() => zipToProject(zipSync({ "app.py": big }))).toThrow("more than 16 MB");
  });

  it("a bomb whose headers declare more than the limit", () => {
    const bytes = zipSync({ "app.py": strToU8("x".repeat(1000)) });
    // Declare 3 GB in the local header and the central directory.
    const view = new DataView(bytes.buffer);
    view.setUint32(22, 3 * 1024 ** 3, true);
    for (let i = bytes.length - 22; i > 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 3 * 1024 ** 3, true);
        break;
      }
    }
    expect(() => zipToProject(bytes)).toThrow("more than 16 MB");
  });
});

describe("any bytes at all", () => {
  it("give a project or a ProjectZipError (fuzzed)", () => {
    const content = newProjectContent("typescript");
    content.files = { "app.ts": "export default 1;", "lib/b.ts": "export const b = 2;" };
    const valid = projectToZip(content);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          // A real project zip with a byte changed, cut short.
          fc
            .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }))
            .map(([at, byte]) => valid.map((b, i) => (i === at ? byte : b))),
          fc.nat(valid.length).map((end) => valid.slice(0, end)),
        ),
        (bytes) => {
          try {
            const { content: project } = zipToProject(bytes);
            expect(Object.keys(project.files).length).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(ProjectZipError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
