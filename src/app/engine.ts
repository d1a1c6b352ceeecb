/**
 * @module engine
 * The operations behind the UI: build the project (compile, then load into
 * the runner) and send the panel's request through the service worker,
 * with the cookie jar, the history and redirects. The stores hold the
 * results; components read them and call these functions.
 */
import { cachedBundle, cachedBundleNow, rememberBundle } from "../compiler/bundle-cache";
import { CompilerClient } from "../compiler/compiler-client";
import type { CompilerReply } from "../protocol/compiler";
import { buildRequest } from "../request/build";
import { draftFromRecord } from "../request/from-record";
import type { RequestDraft } from "../request/draft";
import { followRedirect, redirectLocation } from "../request/redirect";
import { RequestError } from "../request/validate";
import { RunnerClient } from "../runner/runner-client";
import type { PreviewConfig, PreviewServedMessage } from "../protocol/service-worker";
import {
  cookieHeaderToSend,
  cookieSnapshot,
  storeResponseCookies,
  useCookies,
} from "../state/cookies";
import { addHistory } from "../state/history";
import { useProjects } from "../state/projects";
import { replaceRequest, useRequest } from "../state/request";
import { updatePreview } from "../state/preview";
import { updateRun, useRun } from "../state/run";
import { useWorkspace } from "../state/workspace";
import { runLimitMs } from "../state/settings";
import { registerServiceWorker, ServerRelay } from "../sw/relay";
import { afterEditorShown, compilerAnswered, firstBuildSettled } from "./start-order";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";

/** How many redirects auto-follow takes before it stops, as browsers do. */
export const MAX_REDIRECTS = 10;

let compiler: CompilerClient | null = null;
let runner: RunnerClient | null = null;
let relay: Promise<ServerRelay> | null = null;
let buildSeq = 0;
/** The newest build that loaded: it answers requests while later builds fail. */
let lastGoodBuild: number | null = null;
let current: { key: string; done: Promise<boolean> } | null = null;
/** The key of the newest build, once it is loaded in the runner. */
let inRunner: string | null = null;

/** A project's build key (its entry and files), remembered for the files object last asked about. */
const keyOf = (() => {
  let last: { files: Record<string, string>; entry: string; key: string } | null = null;
  return (files: Record<string, string>, entry: string): string => {
    if (last?.files !== files || last.entry !== entry) {
      last = { files, entry, key: JSON.stringify([entry, files]) };
    }
    return last.key;
  };
})();

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Start the workers and the service worker, and build the project. */
export function startEngine(): void {
  if (compiler) return;
  // Another project's last good build must not answer for this one.
  useProjects.subscribe((state, previous) => {
    if (state.currentId !== previous.currentId) lastGoodBuild = null;
  });
  compiler = new CompilerClient();
  void compiler.firstAnswer.then(compilerAnswered);
  const theRunner = (runner = new RunnerClient(runLimitMs));
  relay = registerServiceWorker().then((registration) => {
    const created = new ServerRelay(registration, () => theRunner.connect());
    created.previewConfig = previewConfig;
    created.onPreviewServed = keepPreviewServed;
    created.attachRunner();
    created.onPreview = servePreview;
    theRunner.onRestart = (stopped) => created.attachRunner({ stopped });
    keepPreviewConfigSent(created);
    updatePreview({
      available: true,
      scope: registration.scope,
      path: new URL(registration.scope).pathname,
    });
    return created;
  });
  // Without a service worker the panel still works (straight to the runner); the preview cannot.
  relay.catch((error: unknown) => updatePreview({ available: false, reason: message(error) }));
}

async function build(
  buildId: number,
  files: Record<string, string>,
  entry: string,
  key: string,
): Promise<boolean> {
  const isLatest = () => buildId === buildSeq;
  // A bundle at hand (the new project's, or the last one built here) needs no compiler.
  // Otherwise esbuild gets the files before the page draws "Compiling…": they overlap.
  const atHand = cachedBundleNow(key);
  const compiling = atHand === null ? compiler!.compile(files, entry) : null;
  updateRun({ build: { phase: "compiling", buildId } });
  const cached = atHand === undefined ? await cachedBundle(key) : atHand;
  const compiled: CompilerReply = cached
    ? { type: "compiled", id: 0, code: cached, warnings: [], time: 0 }
    : await (compiling ?? compiler!.compile(files, entry));
  if (compiled.type === "compiled") {
    performance.mark("wsgi:compiled", {
      detail: { buildId, time: compiled.time, cached: !!cached },
    });
    if (!cached) rememberBundle(key, compiled);
  }
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
  lastGoodBuild = Math.max(lastGoodBuild ?? 0, buildId);
  inRunner = key;
  onBuildLoaded?.();
  performance.mark("wsgi:build-ready", { detail: buildId });
  // Drawn in the next task: a request waiting for this build goes out first.
  setTimeout(() => {
    if (!isLatest()) return;
    updateRun({
      build: { phase: "ready", buildId, compileTime: cached ? null : compiled.time },
      diagnostics: compiled.warnings,
    });
  });
  return true;
}

/** Build the current files unless that exact project is already built (or building). */
export function ensureBuilt(): Promise<boolean> {
  const { files, entry, trusted } = useWorkspace.getState();
  if (!trusted) {
    updateRun({ build: { phase: "held" } });
    return Promise.resolve(false);
  }
  const key = keyOf(files, entry);
  if (current?.key === key) return current.done;
  const buildId = ++buildSeq;
  const done = build(buildId, files, entry, key).catch((error: unknown) => {
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
    compiler?.warmUp(files, entry);
  }, 500);
}

/** Send one request: cookies in, cookies out, a history entry. */
async function sendOnce(draft: RequestDraft): Promise<ResponseRecord> {
  const cookie = draft.useCookieJar ? await cookieHeaderToSend(draft.host, draft.target) : null;
  const built = buildRequest(draft, cookie);
  if (!relay || !runner) throw new Error("The playground has not started.");
  const server = await relay.catch(() => null);
  const started = performance.now();
  const response = server ? await server.send(built.record) : await runner.serve(built.record);
  const time = performance.now() - started;
  if (draft.useCookieJar) await storeResponseCookies(draft.host, draft.target, response.headers);
  addHistory({
    at: Date.now(),
    draft,
    method: built.record.method,
    target: built.record.target,
    time,
    response,
  });
  updateRun({
    response,
    responseSeq: useRun.getState().responseSeq + 1,
    roundTrip: time,
    sent: { built, draft },
  });
  return response;
}

/**
 * Serve a request the preview frame made: the same host as the panel, the
 * cookie jar's cookies in, Set-Cookie kept, an entry in the history. The
 * frame gets its response first (`reply`); the history entry follows. A
 * response that sets cookies is kept in the jar before the frame sees it,
 * so the redirect that usually follows carries them.
 */
export async function servePreview(
  record: RequestRecord,
  reply: (response: ResponseRecord) => void,
): Promise<void> {
  await ensureBuilt();
  if (!runner) throw new Error("The playground has not started.");
  const draftNow = useRequest.getState();
  const [name = "localhost", port = "80"] = draftNow.host.split(":");
  const headers = record.headers.map(
    ([key, value]) => [key, key === "Host" ? draftNow.host : value] as [string, string],
  );
  const cookie = draftNow.useCookieJar
    ? await cookieHeaderToSend(draftNow.host, record.target)
    : null;
  if (cookie) headers.push(["Cookie", cookie]);
  const request: RequestRecord = { ...record, headers, server: { name, port } };
  const started = performance.now();
  const response = await runner.serve(request);
  const time = performance.now() - started;
  if (draftNow.useCookieJar) {
    await storeResponseCookies(draftNow.host, record.target, response.headers);
  }
  reply(response);
  addHistory({
    at: Date.now(),
    draft: draftFromRecord(request, draftNow.host),
    method: request.method,
    target: request.target,
    time,
    response,
    source: "preview",
  });
}

let onBuildLoaded: (() => void) | null = null;

/**
 * What the service worker needs to serve the preview without the page: the
 * virtual host, the jar's cookies for it, and whether the runner has the
 * code on screen (otherwise the page builds first). Not direct until the
 * saved cookie jar has been read.
 */
function previewConfig(): PreviewConfig {
  const { host, useCookieJar } = useRequest.getState();
  const { files, entry, trusted } = useWorkspace.getState();
  const cookies = cookieSnapshot(host);
  const built = inRunner === keyOf(files, entry);
  return {
    host,
    direct: trusted && built && cookies !== null,
    cookies: useCookieJar ? cookies : null,
  };
}

/** What the preview's configuration is made from: when none of it changed, neither did it. */
function previewInputs(): unknown[] {
  const { host, useCookieJar } = useRequest.getState();
  const { files, entry, trusted } = useWorkspace.getState();
  const { cookies, loaded } = useCookies.getState();
  return [host, useCookieJar, files, entry, trusted, cookies, loaded, inRunner];
}

/** Send the service worker the preview's configuration whenever it changes. */
function keepPreviewConfigSent(server: ServerRelay): void {
  let sent = JSON.stringify(previewConfig());
  let inputs = previewInputs();
  const update = () => {
    // The request panel changes with every keystroke: most of them leave the preview alone.
    const now = previewInputs();
    if (now.every((value, i) => value === inputs[i])) return;
    inputs = now;
    const config = previewConfig();
    const text = JSON.stringify(config);
    if (text === sent) return;
    sent = text;
    server.sendPreviewConfig(config);
  };
  useRequest.subscribe(update);
  useWorkspace.subscribe(update);
  useCookies.subscribe(update);
  onBuildLoaded = update;
}

/**
 * A preview request the service worker served directly: keep the cookies
 * it set (the frame waits for that) and add it to the history.
 */
async function keepPreviewServed({ request, response, time }: PreviewServedMessage) {
  const host = request.headers.find(([name]) => name === "Host")?.[1] ?? useRequest.getState().host;
  if (useRequest.getState().useCookieJar) {
    await storeResponseCookies(host, request.target, response.headers);
  }
  addHistory({
    at: Date.now(),
    draft: draftFromRecord(request, host),
    method: request.method,
    target: request.target,
    time,
    response,
    source: "preview",
  });
}

/** Show a response from the history in the inspector. */
export function inspectResponse(response: ResponseRecord): void {
  updateRun({
    response,
    responseSeq: useRun.getState().responseSeq + 1,
    roundTrip: null,
    redirects: [],
  });
}

/** Send the panel's request (or `draft`) and record the response; follow redirects if asked. */
export async function sendRequest(draft: RequestDraft = useRequest.getState()): Promise<void> {
  performance.mark("wsgi:send");
  updateRun({ sending: true, sendError: null, sendErrorField: null });
  try {
    buildRequest(draft); // refuse a bad request before building the app
    // A failed build leaves the last good one loaded: it answers until the code builds again.
    const built = await ensureBuilt();
    performance.mark("wsgi:built");
    if (!built && (!useWorkspace.getState().trusted || lastGoodBuild === null)) {
      updateRun({
        sendError: useWorkspace.getState().trusted
          ? "The app has not built yet, so the request was not sent. Fix the errors above."
          : "This code came from a link: read it, then press Run to run it.",
      });
      return;
    }
    const redirects: { status: string; location: string }[] = [];
    let next: RequestDraft | null = draft;
    while (next) {
      const response = await sendOnce(next);
      performance.mark("wsgi:answered");
      const location = redirectLocation(response);
      next =
        next.autoFollow && location !== null && redirects.length < MAX_REDIRECTS
          ? followRedirect(next, response)
          : null;
      if (next) redirects.push({ status: response.status, location: location! });
    }
    updateRun({ redirects });
  } catch (error) {
    updateRun({
      sendError: message(error),
      sendErrorField: error instanceof RequestError ? error.field : null,
    });
  } finally {
    updateRun({ sending: false });
  }
}

/** Follow the redirect on screen: put the next request in the panel and send it. */
export async function followRedirectOnScreen(): Promise<void> {
  const { response, sent } = useRun.getState();
  if (!response || !sent) return;
  const next = followRedirect(sent.draft, response);
  if (!next) return;
  replaceRequest(next);
  await sendRequest(next);
}

/**
 * What `npm run bench` drives (installed only when the page is opened with
 * `?bench`): the panel's request path without the UI around it, and the
 * compiler.
 */
export const benchHooks = {
  /** Send `record` `count` times in a row through the service worker; each round trip in ms. */
  async roundTrips(record: RequestRecord, count: number): Promise<number[]> {
    const server = await relay!;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await server.send(record);
      times.push(performance.now() - started);
    }
    return times;
  },
  /** Compile a project; the time esbuild took, in ms. */
  async compile(files: Record<string, string>, entry: string): Promise<number> {
    const started = performance.now();
    const result = await compiler!.compile(files, entry);
    if (result.type === "compile-failed") throw new Error(result.errors[0]?.text ?? "failed");
    return performance.now() - started;
  },
};
