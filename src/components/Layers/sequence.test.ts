/**
 * The sequence picture's arrows for the Layers view's TypeScript stack,
 * built and served as the runner does: what passed between which lifelines,
 * in the order it happened.
 */
import { readFileSync } from "node:fs";
import * as esbuild from "esbuild-wasm";
import { beforeAll, expect, it } from "vitest";
import { buildProject } from "../../compiler/build-project";
import { loadBundle } from "../../runner/load-bundle";
import { serve } from "../../wsgi/server-handler";
import { sequence } from "./sequence";

const STACK = readFileSync(new URL("../../../e2e/apps/layers.ts", import.meta.url), "utf8");

beforeAll(async () => {
  await esbuild.initialize({});
});

it("tells the stack's calls and answers in order, between the right lifelines", async () => {
  const { code } = await buildProject(esbuild, { "app.ts": STACK }, "app.ts");
  const response = serve(loadBundle(code, "app.ts"), {
    method: "GET",
    target: "/api/items",
    httpVersion: "HTTP/1.1",
    headers: [],
    body: new Uint8Array(),
  });
  const arrows = sequence(response.layers ?? []);
  expect(arrows.map((a) => [a.from, a.to, a.label])).toEqual([
    [0, 1, "tag(environ, start_response)"],
    [1, 0, "returns generator"],
    [0, 2, "read: upper's body runs"],
    [2, 3, "Mount(environ, tagged)"],
    [3, 4, "inner(environ, tagged)"],
    [4, 1, "start_response(200 OK)"],
    [1, 0, "start_response(200 OK)"],
    [4, 3, "returns Closing"],
    [3, 2, "returns Closing"],
    [4, 2, "3 chunks, 13 bytes"],
    [2, 0, "3 chunks, 13 bytes"],
    [0, 2, "close()"],
    [2, 4, "close() never called"],
  ]);
  // Each arrow shows the layer it tells about.
  expect(arrows.find((a) => a.kind === "unclosed")?.layer).toBe(3);
});
