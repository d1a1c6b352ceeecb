/// <reference lib="webworker" />
/**
 * @module runner.worker
 * The app runner: the only place the user's code runs. It loads one build
 * at a time and serves requests with it through the PEP 3333 core, mapping
 * tracebacks and findings back to the user's source. The page can terminate
 * it at any moment (a runaway loop) and start a new one, so it keeps no
 * state worth saving.
 */
import type {
  Program,
  RunnerReply,
  RunnerRequest,
  ServeNotice,
  StartedReply,
} from "../protocol/runner";
import type { ResponseRecord } from "../wsgi/records";
import { serve } from "../wsgi/server-handler";
import { loadBundle, LoadError } from "./load-bundle";
import { SourceMapper } from "./source-mapper";

declare const self: DedicatedWorkerGlobalScope;

let app: unknown = null;
let buildId = 0;
let mapper: SourceMapper | null = null;

/** Point each finding at the user's line, and drop the raw stacks. */
function mapFindings(response: ResponseRecord, sources: SourceMapper): ResponseRecord {
  for (const finding of response.findings) {
    finding.location ??= sources.location(finding.stack);
    delete finding.stack;
  }
  return response;
}

function load(program: Program, entry: string, id: number, newBuildId: number): RunnerReply {
  if (program.kind !== "bundle") {
    return { type: "load-failed", id, error: "The TypeScript runner runs compiled bundles only." };
  }
  const code = program.code;
  const sources = new SourceMapper(code);
  try {
    app = loadBundle(code, entry);
    mapper = sources;
    buildId = newBuildId;
    return { type: "loaded", id, buildId };
  } catch (error) {
    const text = error instanceof LoadError ? error.message : sources.traceback(error);
    return { type: "load-failed", id, error: text };
  }
}

function handle(message: RunnerRequest, reply: (message: RunnerReply) => void, port?: MessagePort) {
  switch (message.type) {
    case "start":
      port?.postMessage({ error: null } satisfies StartedReply);
      return;
    case "load":
      reply(load(message.program, message.entry, message.id, message.buildId));
      return;
    case "attach":
      if (port) listen(port);
      return;
    case "serve": {
      if (app === null || mapper === null) {
        reply({
          type: "serve-failed",
          id: message.id,
          error: "No build of the app is loaded yet.",
        });
        return;
      }
      const sources = mapper;
      const response = serve(app, message.request, {
        buildId,
        traceback: (error) => sources.traceback(error),
      });
      reply({ type: "served", id: message.id, response: mapFindings(response, sources) });
      return;
    }
  }
}

/** Response bodies are moved, not copied: a 20 MB body costs no copy on the way out. */
function transferables(answer: RunnerReply): Transferable[] {
  return answer.type === "served" ? [answer.response.body.buffer as ArrayBuffer] : [];
}

function notify(notice: ServeNotice) {
  self.postMessage(notice);
}

/** Requests from the service worker: the page hears when each starts and ends (the time limit). */
function listen(port: MessagePort) {
  port.onmessage = (event: MessageEvent<RunnerRequest>) => {
    const message = event.data;
    const watched = message.type === "serve";
    if (watched) {
      notify({
        type: "serving",
        id: message.id,
        request: { ...message.request, body: new Uint8Array() },
      });
    }
    handle(message, (answer) => port.postMessage(answer, transferables(answer)), event.ports[0]);
    if (watched) notify({ type: "serve-ended", id: message.id });
  };
}

self.onmessage = (event: MessageEvent<RunnerRequest>) => {
  handle(event.data, (answer) => self.postMessage(answer, transferables(answer)), event.ports[0]);
};
