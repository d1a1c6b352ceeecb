import { describe, expect, it } from "vitest";
import { moduleCompletions, projectModules, typedModule } from "./python-imports";

const MODULES = [
  "flask",
  "flask.json",
  "flask.json.provider",
  "werkzeug",
  "werkzeug.middleware",
  "werkzeug.middleware.dispatcher",
  "werkzeug.middleware.proxy_fix",
  "werkzeug.serving",
];

describe("Python import completions", () => {
  it("reads the module being typed after import or from, and nothing else", () => {
    expect(typedModule("import fl")).toBe("fl");
    expect(typedModule("from werkzeug.mi")).toBe("werkzeug.mi");
    expect(typedModule("    import ")).toBe("");
    expect(typedModule("from flask import re")).toBeNull();
    expect(typedModule("x = imported")).toBeNull();
  });

  it("offers one dotted part at a time", () => {
    expect(moduleCompletions("fl", MODULES)).toEqual(["flask"]);
    expect(moduleCompletions("werkzeug.", MODULES)).toEqual([
      "werkzeug.middleware",
      "werkzeug.serving",
    ]);
    expect(moduleCompletions("werkzeug.middleware.p", MODULES)).toEqual([
      "werkzeug.middleware.proxy_fix",
    ]);
    expect(moduleCompletions("django", MODULES)).toEqual([]);
  });

  it("names the project's modules and packages by their paths", () => {
    expect(
      projectModules(["app.py", "pkg/__init__.py", "pkg/views.py", "templates/a.html"]),
    ).toEqual(["app", "pkg", "pkg.views"]);
  });
});
