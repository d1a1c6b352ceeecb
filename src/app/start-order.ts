/**
 * @module start-order
 * The order in which a first visit pays for its heavy starters.
 *
 * Besides the page itself, a fresh browser has three big things to start:
 * Monaco (4 MB of JavaScript to compile and run on the main thread),
 * esbuild (3.7 MB of wasm to fetch and compile, then a first build that runs
 * much of that code for the first time: about 0.5 s to start and 0.5–1 s
 * for that build on this project's 2-core machines, twice that on one busy
 * core), and Monaco's TypeScript worker (7 MB of JavaScript, then the `lib`
 * declarations to parse and check: about 3.5 s of one core). The first
 * response needs none of them (the new project and the last one built come
 * bundled), but each used to start when first wanted, so they ran at the
 * same moment: Monaco's start delayed the first build, and on a slow machine
 * the first edit waited for esbuild and the TypeScript worker together.
 *
 * So they take turns, each starting when the one before has finished:
 * 1. the first build (from storage or the bundled project), and a request
 *    that waited for it (its response is drawn first), then
 * 2. Monaco, then, in idle time,
 * 3. esbuild, building the project on screen once and keeping nothing, then
 * 4. Monaco's TypeScript worker.
 * The first edit then builds at warm speed, and type-checking arrives a
 * moment after the editor. No step waits forever on the one before: a first
 * build that has not settled within a few seconds lets the editor load.
 */

/** A one-shot signal: `reached()` once, `passed` resolves from then on. */
function milestone(): { passed: Promise<void>; reached: () => void } {
  let reached: () => void = () => undefined;
  const passed = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return { passed, reached };
}

const firstBuild = milestone();
const editor = milestone();
const compiler = milestone();

/** The longest the editor waits for the first build (a runner that never answers must not hide the code). */
const EDITOR_WAITS_AT_MOST_MS = 4000;

/** The first build has settled: ready, failed, or held until Run. */
export const firstBuildSettled = firstBuild.reached;

/** The editor shows the code. */
export const editorShown = editor.reached;

/** esbuild has answered its first build, however it went. */
export const compilerAnswered = compiler.reached;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves when the editor may load: the first build has settled and a
 * request that waited for it (Send pressed while CPython started) has been
 * answered — Monaco's start is one task of ~0.4 s on the main thread, and
 * that response would be drawn after it — or once the editor has waited
 * too long. `underWay` says whether a request is under way; `changes` calls
 * back when that may have changed, and returns its undo.
 */
export function editorMayLoad(
  underWay: () => boolean = () => false,
  changes: (listener: () => void) => () => void = () => () => undefined,
): Promise<void> {
  const quiet = firstBuild.passed.then(
    () =>
      new Promise<void>((resolve) => {
        if (!underWay()) return resolve();
        const stop = changes(() => {
          if (underWay()) return;
          stop();
          resolve();
        });
      }),
  );
  return Promise.race([quiet, sleep(EDITOR_WAITS_AT_MOST_MS)]);
}

/** Runs `task` in idle time once the editor shows the code (within `maxWaitMs` of that at the latest). */
export async function afterEditorShown(task: () => void, maxWaitMs: number): Promise<void> {
  await editor.passed;
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(task, { timeout: maxWaitMs });
  } else {
    setTimeout(task, 0);
  }
}

/** Calls `start` once esbuild has answered its first build, and resolves with what it returns. */
export async function afterCompilerAnswered<T>(start: () => T): Promise<T> {
  await compiler.passed;
  return start();
}
