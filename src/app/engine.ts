/**
 * @module engine
 * Starts the page's workers and wires them together: the compiler, the app
 * runner (for the language of the project's entry file), and the service
 * worker that serves the live preview. What the UI calls lives by job:
 * `builds` (build the code), `sending` (the request panel), and
 * `preview-service` (the page's part in the preview); `exchange` is the one
 * way a request is served and kept.
 */
import { CompilerClient } from "../compiler/compiler-client";
import { languageOf } from "../runner/runtimes";
import type { StartProgress } from "../protocol/runner";
import type { AppRunner, Running } from "../runner/app-runner";
import { RunnerClient } from "../runner/runner-client";
import { SandboxLink } from "../sandbox/sandbox-link";
import { pageSandbox } from "../sandbox/page-sandbox";
import { updatePreview } from "../state/preview";
import { updateRun } from "../state/run";
import { heardTerminal } from "../state/terminal";
import { fromShared } from "../share/project-state";
import { decodeShare } from "../share/share-codec";
import { isShareFragment } from "../share/share-fragment";
import { runLimitMs, setLastLanguage, useSettings } from "../state/settings";
import { useWorkspace } from "../state/workspace";
import { keepSite, registerServiceWorker, ServerRelay } from "../sw/relay";
import type { RequestRecord } from "../wsgi/records";
import type { ServerChoice } from "../servers/choice";
import { watchProjectSwitches } from "./builds";
import { watchChecks } from "./checks-service";
import { watchServerComparisons } from "./compare-servers";
import { clients, hasStarted, setClients } from "./clients";
import { firstRuntime } from "./first-runtime";
import {
  keepPreviewConfigSent,
  keepPreviewServed,
  previewConfig,
  servePreview,
} from "./preview-service";
import { keepOffline } from "./keep-offline";
import { reachFrameWith } from "./preview-frame";
import { afterEditorShown, compilerAnswered } from "./start-order";

/** How long the sandbox page may take to say it listens (its first load included). */
const SANDBOX_TIMEOUT_MS = 20_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The entry file of the project the address bar's link carries, if it carries one. */
function linkEntry(): string | null {
  if (!isShareFragment(location.hash)) return null;
  try {
    return fromShared(decodeShare(location.hash)).entry;
  } catch {
    return null;
  }
}

/** Start the workers and the service worker. */
export function startEngine(): void {
  if (hasStarted()) return;
  useWorkspace.subscribe(({ entry }) => {
    const language = languageOf(entry);
    if (language) setLastLanguage(language);
  });
  watchProjectSwitches();
  watchChecks();
  watchServerComparisons();
  const compiler = new CompilerClient();
  void compiler.firstAnswer.then(compilerAnswered);
  const onStartProgress = ({ phase, loaded, total, name }: StartProgress) =>
    updateRun({
      runtimeStart: phase === "done" ? null : { phase, loaded, total, ...(name ? { name } : {}) },
    });
  const onRunning = (running: Running | null) => updateRun({ running });
  const sandbox = pageSandbox();
  const runner = sandbox
    ? startSandbox(sandbox, onStartProgress, onRunning)
    : startHere(onStartProgress, onRunning);
  setClients({ compiler, runner });
}

/** The runner in this page, and this page's service worker serving the preview with it. */
function startHere(
  onStartProgress: (progress: StartProgress) => void,
  onRunning: (running: Running | null) => void,
): AppRunner {
  let relay: ServerRelay | null = null;
  const runner = new RunnerClient({
    runtime: firstRuntime(linkEntry()),
    limitMs: runLimitMs,
    onRestart: (stopped) => relay?.attachRunner({ stopped }),
    onStartProgress,
    onRunning,
    onTerminal: heardTerminal,
  });
  const started = registerServiceWorker().then((registration) => {
    relay = new ServerRelay(registration, {
      connectRunner: () => runner.connect(),
      previewConfig,
      servePreview,
      previewServed: keepPreviewServed,
    });
    relay.attachRunner();
    keepPreviewConfigSent(relay);
    // Once the editor is up: what this visit loaded, kept for one without the network.
    const kept = relay;
    void afterEditorShown(
      () => keepOffline((paths) => kept.keepSite(paths), registration.scope),
      10_000,
    );
    updatePreview({
      available: true,
      scope: registration.scope,
      path: new URL(registration.scope).pathname,
    });
  });
  // Without a service worker the request panel still works; the preview cannot.
  started.catch((error: unknown) => updatePreview({ available: false, reason: message(error) }));
  return runner;
}

/**
 * The runner in the sandbox page on `origin` (user code on an origin of its
 * own: see `sandbox/`), whose service worker serves the preview; this
 * page's own worker keeps its files for a visit without the network.
 */
function startSandbox(
  origin: string,
  onStartProgress: (progress: StartProgress) => void,
  onRunning: (running: Running | null) => void,
): AppRunner {
  const link = new SandboxLink(
    origin,
    {
      language: firstRuntime(linkEntry()).language,
      limitMs: runLimitMs,
      previewConfig,
      servePreview,
      previewServed: keepPreviewServed,
      onStartProgress,
      onRunning,
      onTerminal: heardTerminal,
      onPreview: (scope, reason) =>
        updatePreview(
          scope
            ? { available: true, scope, path: new URL(scope).pathname }
            : { available: false, reason: reason ?? "The sandbox has no service worker." },
        ),
    },
    SANDBOX_TIMEOUT_MS,
  );
  link.connected.catch((error: unknown) =>
    updatePreview({ available: false, reason: message(error) }),
  );
  keepPreviewConfigSent(link);
  reachFrameWith(link.frameReach);
  useSettings.subscribe(({ runLimitSeconds }, before) => {
    if (runLimitSeconds !== before.runLimitSeconds) link.sendTimeLimit(runLimitSeconds * 1000);
  });
  void registerServiceWorker().then((registration) => {
    const worker = registration.active;
    if (!worker) return;
    void afterEditorShown(
      () => keepOffline((paths) => keepSite(worker, paths), registration.scope, link.keepSite()),
      10_000,
    );
  });
  return link;
}

/**
 * What `npm run bench` drives (installed only when the page is opened with
 * `?bench`): the panel's request path without the UI around it, and the
 * compiler.
 */
export const benchHooks = {
  /** Send `record` `count` times in a row to the runner, as the panel does; each round trip in ms. */
  async roundTrips(record: RequestRecord, count: number): Promise<number[]> {
    const { runner } = clients();
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await runner.serve(record);
      times.push(performance.now() - started);
    }
    return times;
  },
  /**
   * Load a Python project's sources into the runner as build `buildId`, as a
   * build does (a framework's or server's stack fetched first if it needs
   * one), served by `server` if one is chosen; the time it took, in ms.
   */
  async loadSources(
    buildId: number,
    files: Record<string, string>,
    entry: string,
    server?: ServerChoice,
  ): Promise<number> {
    const started = performance.now();
    const program = { kind: "sources" as const, files, ...(server ? { server } : {}) };
    const loaded = await clients().runner.load(buildId, program, entry);
    if (!loaded.ok) throw new Error(loaded.error);
    return performance.now() - started;
  },
  /** Send `record` once, as the panel does; the response body as text. */
  async serveText(record: RequestRecord): Promise<string> {
    const response = await clients().runner.serve(record);
    return new TextDecoder().decode(response.body);
  },
  /** Let the standby runner start (held back on a page opened with `?bench=hold-standby`). */
  releaseStandby(): void {
    clients().runner.holdStandby(false);
  },
  /** The page's memory with its Workers (cross-origin isolated pages only), in bytes. */
  async memory(): Promise<number> {
    const measure = (
      performance as unknown as {
        measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
      }
    ).measureUserAgentSpecificMemory;
    if (!measure) throw new Error("measureUserAgentSpecificMemory is not available here");
    return (await measure.call(performance)).bytes;
  },
  /** Compile a project; the time esbuild took, in ms. */
  async compile(files: Record<string, string>, entry: string): Promise<number> {
    const started = performance.now();
    const result = await clients().compiler.compile(files, entry);
    if (result.type === "compile-failed") throw new Error(result.errors[0]?.text ?? "failed");
    return performance.now() - started;
  },
};
