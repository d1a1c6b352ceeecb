/**
 * @module catalog
 * The examples gallery: every example in the seed documents, and the next
 * things a learner needs, in Python (first) and in TypeScript. Each is data
 * (examples.json): its language, its file in apps/, the request that shows
 * it off, a note on what it teaches, and what that request must give. The
 * end-to-end tests run every example and check exactly that (the Python
 * ones against the machine's python3 as well).
 */
import type { SharedProject } from "../share/share-codec";
import examples from "./examples.json";
import type { ExampleExpectation } from "./expectation";

export type { ExampleExpectation };

/** One example of the gallery. */
export interface Example {
  id: string;
  title: string;
  /** The language it is written in: its file is app.py or app.ts. */
  language: "python" | "typescript";
  /** Where it comes from: a seed document, or "Next steps". */
  source: string;
  /** What it teaches, in a sentence or two. */
  note: string;
  /** For a stack: what to look at in the Layers tab. */
  layersNote?: string;
  /** The project: its file and the request that shows it off. */
  project: SharedProject;
  expect: ExampleExpectation;
}

// An example's other files (templates, static files) are in apps/<file>.files/.
const sources = import.meta.glob<string>(["./apps/*.ts", "./apps/*.py", "./apps/*.files/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Every example, in the order the gallery lists them. */
export const EXAMPLES: Example[] = examples.map((example) => {
  const language = example.language === "python" ? "python" : "typescript";
  const extension = language === "python" ? "py" : "ts";
  const source = sources[`./apps/${example.file}.${extension}`];
  if (source === undefined)
    throw new Error(`examples.json names apps/${example.file}.${extension}, which does not exist.`);
  const files: Record<string, string> = { [`app.${extension}`]: source };
  for (const path of ("files" in example ? example.files : undefined) ?? []) {
    const text = sources[`./apps/${example.file}.files/${path}`];
    if (text === undefined)
      throw new Error(
        `examples.json names apps/${example.file}.files/${path}, which does not exist.`,
      );
    files[path] = text;
  }
  return {
    id: example.id,
    title: example.title,
    language,
    source: example.source,
    note: example.note,
    ...(example.layersNote ? { layersNote: example.layersNote } : {}),
    project: {
      files,
      ...(example.request ? { request: example.request as SharedProject["request"] } : {}),
    },
    expect: example.expect as ExampleExpectation,
  };
});
