/**
 * @module builds
 * Building the project: compile it (or take a bundle at hand), load it into
 * the runner, and say how it went. One build at a time is the newest; a
 * failed build leaves the last good one loaded, and it answers until the
 * code builds again.
 */
import { cachedBundle, cachedBundleNow, rememberBundle } from "../compiler/bundle-cache";
import type { CompileMessage, CompilerReply } from "../protocol/compiler";
import type { Program } from "../protocol/runner";
import type { ServerChoice } from "../servers/choice";
import { runtimeFor } from "../runner/runtimes";
import { useProjects } from "../state/projects";
import { updateRun } from "../state/run";
import { useWorkspace } from "../state/workspace";
import { clients } from "./clients";
import { servedAddress } from "../request/served-address";
import { afterEditorShown, compilerAnswered, firstBuildSettled } from "./start-order";

let buildSeq = 0;
/** The newest build that loaded: it answers requests while later builds fail. */
let lastGoodBuild: number | null = null;
let current: { key: string; done: Promise<boolean> } | null = null;
/** The key of the newest build, once it is loaded in the runner. */
let inRunner: string | null = null;
/** Called whenever a build is loaded (the preview's configuration follows it). */
const loadedListeners: (() => void)[] = [];

/** A project's build key (its entry, files and server), remembered for the files object last asked about. */
const keyOf = (() => {
  let last: { files: Record<string, string>; entry: string; server: string; key: string } | null =
    null;
  return (files: Record<string, string>, entry: string, server: ServerChoice): string => {
    if (last?.files !== files || last.entry !== entry || last.server !== server) {
      // The server only when chosen: the key of the default is the precompiled bundles' (bundle-cache).
      const key = JSON.stringify(server === "code" ? [entry, files] : [entry, server, files]);
      last = { files, entry, server, key };
    }
    return last.key;
  };
})();

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Another project on screen: forget the last good build (it must not
 * answer for this one), and the last project's response, trace, findings
 * and build number with it.
 */
export function watchProjectSwitches(): void {
  useProjects.subscribe((state, previous) => {
    if (state.currentId === previous.currentId) return;
    lastGoodBuild = null;
    // Built anew even with the same files as the last build (a zip of it): a build of its own.
    current = null;
    updateRun({
      build: { phase: "idle" },
      diagnostics: [],
      response: null,
      roundTrip: null,
      sendError: null,
      sendErrorField: null,
      sent: null,
      redirects: [],
    });
  });
}

/** Call `listener` each time a build is loaded into the runner. */
export function onBuildLoaded(listener: () => void): void {
  loadedListeners.push(listener);
}

/** Whether the runner has the code on screen loaded. */
export function screenIsBuilt(): boolean {
  const { files, entry, server } = useWorkspace.getState();
  return inRunner === keyOf(files, entry, server);
}

/** Whether some build of this project has loaded (it answers while the code on screen fails). */
export function hasGoodBuild(): boolean {
  return lastGoodBuild !== null;
}

/** A program for the runner, or the errors that stop it. */
type Prepared =
  | { ok: true; program: Program; warnings: CompileMessage[]; compileTime: number | null }
  | { ok: false; errors: CompileMessage[] };

/**
 * What the runner will run: TypeScript is bundled by esbuild (or taken from
 * a bundle at hand: the new project's, or the last one built here); Python
 * runs its sources as they are.
 */
async function prepare(
  buildId: number,
  files: Record<string, string>,
  entry: string,
  key: string,
  server: ServerChoice,
): Promise<Prepared> {
  const runtime = runtimeFor(entry);
  if ("error" in runtime) return { ok: false, errors: [{ text: runtime.error, file: entry }] };
  if (runtime.language === "python") {
    updateRun({ build: { phase: "compiling", buildId } });
    return {
      ok: true,
      program: { kind: "sources", files, ...(server !== "code" ? { server } : {}) },
      warnings: [],
      compileTime: null,
    };
  }
  const { compiler } = clients();
  // Otherwise esbuild gets the files before the page draws "Compiling…": they overlap.
  const atHand = cachedBundleNow(key);
  const compiling = atHand === null ? compiler.compile(files, entry) : null;
  updateRun({ build: { phase: "compiling", buildId } });
  const cached = atHand === undefined ? await cachedBundle(key) : atHand;
  const compiled: CompilerReply = cached
    ? { type: "compiled", id: 0, code: cached, warnings: [], time: 0 }
    : await (compiling ?? compiler.compile(files, entry));
  if (compiled.type === "compile-failed") return { ok: false, errors: compiled.errors };
  performance.mark("wsgi:compiled", {
    detail: { buildId, time: compiled.time, cached: !!cached },
  });
  if (!cached) rememberBundle(key, compiled);
  return {
    ok: true,
    program: { kind: "bundle", code: compiled.code },
    warnings: compiled.warnings,
    compileTime: cached ? null : compiled.time,
  };
}

async function build(
  buildId: number,
  files: Record<string, string>,
  entry: string,
  key: string,
  server: ServerChoice,
): Promise<boolean> {
  const isLatest = () => buildId === buildSeq;
  const prepared = await prepare(buildId, files, entry, key, server);
  if (!prepared.ok) {
    if (isLatest()) {
      updateRun({
        build: { phase: "failed", buildId, errors: prepared.errors },
        diagnostics: prepared.errors,
      });
    }
    return false;
  }
  const loaded = await clients().runner.load(buildId, prepared.program, entry);
  if (!isLatest()) return loaded.ok;
  if (!loaded.ok) {
    const { location, summary } = loaded;
    const marker: CompileMessage[] = location
      ? [
          {
            text: summary ?? loaded.error.trim().split("\n").at(-1)!,
            file: location.file,
            line: location.line,
            column: location.column - 1,
            ...(location.endColumn ? { length: location.endColumn - location.column } : {}),
          },
        ]
      : [];
    updateRun({
      build: { phase: "crashed", buildId, error: loaded.error },
      diagnostics: [...prepared.warnings, ...marker],
    });
    return false;
  }
  lastGoodBuild = Math.max(lastGoodBuild ?? 0, buildId);
  inRunner = key;
  updateRun({ servedAt: servedAddress(loaded.printed ?? "") });
  for (const listener of loadedListeners) listener();
  performance.mark("wsgi:build-ready", { detail: buildId });
  // Drawn in the next task: a request waiting for this build goes out first.
  setTimeout(() => {
    if (!isLatest()) return;
    updateRun({
      build: { phase: "ready", buildId, compileTime: prepared.compileTime },
      diagnostics: prepared.warnings,
    });
  });
  return true;
}

/** Build the current files unless that exact project is already built (or building). */
export function ensureBuilt(): Promise<boolean> {
  const { files, entry, trusted, server } = useWorkspace.getState();
  if (!trusted) {
    updateRun({ build: { phase: "held" } });
    // Its runtime starts meanwhile (CPython takes seconds), running none of its code.
    void clients().runner.prepare(entry);
    return Promise.resolve(false);
  }
  const key = keyOf(files, entry, server);
  if (current?.key === key) return current.done;
  const buildId = ++buildSeq;
  const done = build(buildId, files, entry, key, server).catch((error: unknown) => {
    updateRun({ build: { phase: "crashed", buildId, error: message(error) } });
    return false;
  });
  current = { key, done };
  return done;
}

/** The first build has settled: the editor loads, then esbuild warms up with the project on screen (see start-order). */
export function afterFirstBuild(): void {
  firstBuildSettled();
  void afterEditorShown(() => {
    const { files, entry } = useWorkspace.getState();
    const runtime = runtimeFor(entry);
    // esbuild is TypeScript's alone: a Python project never starts it.
    if (!("error" in runtime) && runtime.language === "typescript") {
      clients().compiler.warmUp(files, entry);
    } else compilerAnswered();
  }, 500);
}
