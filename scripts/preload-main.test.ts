import { describe, expect, it } from "vitest";
import { preloadsOf, type BuiltChunk } from "./preload-main.ts";

const bundle: Record<string, BuiltChunk> = {
  "assets/index-a.js": {
    type: "chunk",
    fileName: "assets/index-a.js",
    facadeModuleId: "/w/index.html",
    imports: ["assets/shared-c.js"],
  },
  "assets/main-b.js": {
    type: "chunk",
    fileName: "assets/main-b.js",
    facadeModuleId: "/w/src/main.tsx",
    imports: ["assets/shared-c.js", "assets/store-d.js"],
    viteMetadata: { importedCss: new Set(["assets/main-e.css"]) },
  },
  "assets/shared-c.js": { type: "chunk", fileName: "assets/shared-c.js", imports: [] },
  "assets/store-d.js": {
    type: "chunk",
    fileName: "assets/store-d.js",
    imports: ["assets/shared-c.js"],
  },
  "assets/main-e.css": { type: "asset", fileName: "assets/main-e.css" },
};

describe("the main code's preloads", () => {
  it("names the main chunk and every chunk it imports, once each, and their stylesheets", () => {
    expect(preloadsOf(bundle, "/src/main.tsx")).toEqual({
      scripts: ["assets/main-b.js", "assets/shared-c.js", "assets/store-d.js"],
      styles: ["assets/main-e.css"],
    });
  });

  it("names nothing when no chunk is built from the module", () => {
    expect(preloadsOf(bundle, "/src/other.tsx")).toEqual({ scripts: [], styles: [] });
  });
});
