/**
 * The examples gallery as the tests read it: examples.json, each example's
 * files as the gallery opens them, the exact bytes of its request, and the
 * checks of what its response must show.
 */
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import type { ExampleExpectation } from "../src/examples/expectation";
import { composeRequest } from "../src/request/compose";
import { fromShared } from "../src/share/project-state";
import type { SharedProject } from "../src/share/share-codec";
import { serializeRequest } from "../src/wsgi/raw-request";
import type { Playground } from "./playground";
import { maskedHead } from "./python3";

/** One example of examples.json. */
export interface Example {
  title: string;
  /** Its section of the gallery: a seed, "Next steps", "Frameworks", "Servers". */
  source: string;
  language: string;
  file: string;
  /** Its other files, in apps/<file>.files/. */
  files?: string[];
  request?: SharedProject["request"];
  expect: ExampleExpectation;
}

/** Every example, in the gallery's order. */
export const EXAMPLES = JSON.parse(
  readFileSync(new URL("../src/examples/examples.json", import.meta.url), "utf8"),
) as Example[];

/** The example with this title. */
export function example(title: string): Example {
  const found = EXAMPLES.find((one) => one.title === title);
  if (!found) throw new Error(`examples.json has no example "${title}"`);
  return found;
}

/** A Python example's files, as the gallery opens them: app.py and what is in apps/<file>.files/. */
export function exampleFiles(example: Example): Record<string, string> {
  const read = (path: string) =>
    readFileSync(new URL(`../src/examples/apps/${path}`, import.meta.url), "utf8");
  const files: Record<string, string> = { "app.py": read(`${example.file}.py`) };
  for (const path of example.files ?? []) files[path] = read(`${example.file}.files/${path}`);
  return files;
}

/** The exact bytes the panel sends for `request` (composed by the playground's own code). */
export function requestBytes(request: SharedProject["request"] = {}): Uint8Array {
  return serializeRequest(composeRequest(fromShared({ request }).draft).record);
}

/** What the response on screen must show besides its status and body: a header, the errors log, layers, findings. */
export async function expectShown(playground: Playground, expected: ExampleExpectation) {
  if (expected.header) {
    const [name, value] = expected.header;
    await expect(playground.row(playground.responseHeaders, name)).toContainText(value);
  }
  if (expected.errors) {
    await playground.responseTab("Errors log");
    await expect(playground.page.getByRole("region", { name: "Errors log" })).toContainText(
      expected.errors,
    );
  }
  if (expected.layers) await playground.expectLayers(expected.layers);
  if (expected.findings) await playground.expectFindings(expected.findings);
}

/** Each header python3 sent (less Date and Server) is on screen with its value. */
export async function expectHeadersOf(playground: Playground, theirs: { head: string }) {
  await playground.responseTab("Body");
  for (const line of maskedHead(theirs.head)) {
    const [name, value] = [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)];
    if (name === "Server") continue;
    await expect(playground.row(playground.responseHeaders, name)).toContainText(
      value.replace(/\.<signed>.*/, ""),
    );
  }
}
