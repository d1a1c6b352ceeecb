/**
 * @module runtimes
 * The languages a project can be written in, each with the runner Worker
 * that runs its apps (TypeScript: the playground's own WSGI server;
 * Python: CPython's wsgiref, in Pyodide). The entry file's extension decides which one answers;
 * everything above the runner client (the builds, the request panel, the
 * preview, the inspector) deals in language-neutral request and response
 * records and never asks which.
 *
 * @example
 * runtimeFor("app.ts"); // { language: "typescript", … }
 */

/** A language the playground runs. */
export type Language = "typescript" | "python";

/** How apps of one language are run. */
export interface Runtime {
  language: Language;
  /** Its name in messages. */
  name: string;
  /** The entry file extensions it takes. */
  extensions: readonly string[];
  /** A new project's entry file. */
  newEntry: string;
  /** Start a runner Worker for it. */
  spawn(): Worker;
  /**
   * Keep a second runner started and idle, so that an app stopped at the
   * time limit is replaced at once: worth it where a runtime takes seconds
   * to start (CPython), at the cost of a second runtime's memory.
   */
  standby: boolean;
  /**
   * It can be stopped in the middle of a job, given shared memory (CPython
   * reads an interrupt from it: see `interrupt.ts`); else a runaway's Worker
   * is terminated.
   */
  interruptible: boolean;
}

const TYPESCRIPT: Runtime = {
  language: "typescript",
  name: "TypeScript",
  extensions: [".ts", ".tsx", ".js", ".jsx", ".mjs"],
  newEntry: "app.ts",
  spawn: () =>
    new Worker(new URL("./runner.worker.ts", import.meta.url), {
      type: "module",
      name: "app-runner",
    }),
  // A new TypeScript runner is ready in milliseconds.
  standby: false,
  // JavaScript cannot be interrupted from outside its thread.
  interruptible: false,
};

const PYTHON: Runtime = {
  language: "python",
  name: "Python",
  extensions: [".py"],
  newEntry: "app.py",
  spawn: () =>
    new Worker(new URL("./python.worker.ts", import.meta.url), {
      type: "module",
      name: "python-runner",
    }),
  // CPython takes seconds to start: a stopped app's replacement is already waiting.
  standby: true,
  interruptible: true,
};

const RUNTIMES: readonly Runtime[] = [TYPESCRIPT, PYTHON];

/** The runtime for a project whose entry file is `entry`; an error that says what would do when none fits. */
export function runtimeFor(entry: string): Runtime | { error: string } {
  const runtime = RUNTIMES.find((each) => each.extensions.some((ext) => entry.endsWith(ext)));
  if (runtime) return runtime;
  const known = RUNTIMES.map((each) => `${each.name} (${each.extensions.join(", ")})`).join(", ");
  return {
    error: `The playground cannot run "${entry}": the entry file must be ${known}. Rename it, or pick another entry file.`,
  };
}

/** The runtime of a language. */
export function runtimeOf(language: Language): Runtime {
  return RUNTIMES.find((each) => each.language === language)!;
}

/** A language's name in the page: "Python", "TypeScript". */
export function languageName(language: Language): string {
  return runtimeOf(language).name;
}

/** The language of a project whose entry file is `entry`, or null when no runtime takes it. */
export function languageOf(entry: string): Language | null {
  const runtime = runtimeFor(entry);
  return "error" in runtime ? null : runtime.language;
}
