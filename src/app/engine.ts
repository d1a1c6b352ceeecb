/**
 * @module engine
 * The operations behind the UI: build the project (compile, then load into
 * the runner) and send the panel's request through the service worker. The
 * stores hold the results; components read them and call these functions.
 */
import { CompilerClient } from "../compiler/compiler-client";
import { RunnerClient } from "../runner/runner-client";
import { updateRun } from "../state/run";
import { toRequestRecord, useRequest } from "../state/request";
import { useWorkspace } from "../state/workspace";
import { registerServiceWorker, ServerRelay } from "../sw/relay";

let compiler: CompilerClient | null = null;
let runner: RunnerClient | null = null;
let relay: Promise<ServerRelay> | null = null;
let buildSeq = 0;
let current: { key: string; done: Promise<boolean> } | null = null;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Start the workers and the service worker, and build the project. */
export function startEngine(): void {
  if (compiler) return;
  compiler = new CompilerClient();
  const theRunner = (runner = new RunnerClient());
  relay = registerServiceWorker().then((registration) => {
    const created = new ServerRelay(registration, () => theRunner.connect());
    created.attachRunner();
    theRunner.onRestart = () => created.attachRunner();
    return created;
  });
  relay.catch((error: unknown) => updateRun({ serverError: message(error) }));
  void ensureBuilt();
}

async function build(
  buildId: number,
  files: Record<string, string>,
  entry: string,
): Promise<boolean> {
  const isLatest = () => buildId === buildSeq;
  updateRun({ build: { phase: "compiling", buildId } });
  const compiled = await compiler!.compile(files, entry);
  if (compiled.type === "compile-failed") {
    if (isLatest()) {
      updateRun({
        build: { phase: "failed", buildId, errors: compiled.errors },
        diagnostics: compiled.errors,
      });
    }
    return false;
  }
  const loaded = await runner!.load(buildId, compiled.code, entry);
  if (!isLatest()) return loaded.ok;
  if (!loaded.ok) {
    updateRun({
      build: { phase: "crashed", buildId, error: loaded.error },
      diagnostics: compiled.warnings,
    });
    return false;
  }
  updateRun({
    build: { phase: "ready", buildId, compileTime: compiled.time },
    diagnostics: compiled.warnings,
  });
  return true;
}

/** Build the current files unless that exact project is already built (or building). */
export function ensureBuilt(): Promise<boolean> {
  const { files, entry } = useWorkspace.getState();
  const key = JSON.stringify([entry, files]);
  if (current?.key === key) return current.done;
  const buildId = ++buildSeq;
  const done = build(buildId, files, entry).catch((error: unknown) => {
    updateRun({ build: { phase: "crashed", buildId, error: message(error) } });
    return false;
  });
  current = { key, done };
  return done;
}

/** Send the panel's request to the app and record the response. */
export async function sendRequest(): Promise<void> {
  updateRun({ sending: true, sendError: null });
  try {
    const record = toRequestRecord(useRequest.getState());
    if (!(await ensureBuilt())) {
      updateRun({
        sendError:
          "The app did not build, so the request was not sent. The last response is still shown.",
      });
      return;
    }
    if (!relay) throw new Error("The playground has not started.");
    const server = await relay;
    const started = performance.now();
    const response = await server.send(record);
    updateRun({ response, roundTrip: performance.now() - started });
  } catch (error) {
    updateRun({ sendError: message(error) });
  } finally {
    updateRun({ sending: false });
  }
}
