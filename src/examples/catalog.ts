/**
 * @module catalog
 * The examples gallery: ports of every example in the seed documents, and
 * the next things a learner needs. Each is data (examples.json): its file in
 * apps/, the request that shows it off, a note on what it teaches, and what
 * that request must give. The end-to-end tests run every example and check
 * exactly that.
 */
import type { SharedProject } from "../share/share-codec";
import examples from "./examples.json";

/** What an example's request must give. */
export interface ExampleExpectation {
  status: string;
  /** Text the response body contains. */
  body?: string[];
  /** A response header and (part of) its value. */
  header?: [string, string];
  /** Text the errors log contains. */
  errors?: string;
  /** Text the build's error contains: the app does not load (a SyntaxError), so no request is sent. */
  buildError?: string;
}

/** One example of the gallery. */
export interface Example {
  id: string;
  title: string;
  /** Where it comes from: a seed document, or "Next steps". */
  source: string;
  /** What it teaches, in a sentence or two. */
  note: string;
  /** The project: its file and the request that shows it off. */
  project: SharedProject;
  expect: ExampleExpectation;
}

const sources = import.meta.glob<string>(["./apps/*.ts", "./apps/*.py"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every example, in the order the gallery lists them. */
export const EXAMPLES: Example[] = examples.map((example) => {
  // Python examples are the seeds as written (and fixed), run by CPython; the rest are TypeScript.
  const extension = "language" in example && example.language === "python" ? "py" : "ts";
  const source = sources[`./apps/${example.file}.${extension}`];
  if (source === undefined)
    throw new Error(`examples.json names apps/${example.file}.${extension}, which does not exist.`);
  return {
    id: example.id,
    title: example.title,
    source: example.source,
    note: example.note,
    project: {
      files: { [`app.${extension}`]: source },
      ...(example.request ? { request: example.request as SharedProject["request"] } : {}),
    },
    expect: example.expect as ExampleExpectation,
  };
});
