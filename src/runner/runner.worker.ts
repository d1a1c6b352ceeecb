/// <reference lib="webworker" />
/**
 * @module runner.worker
 * The app runner: the only place the user's code runs. It loads one build
 * at a time and serves requests with it through the PEP 3333 core. The page
 * can terminate it at any moment (a runaway loop) and start a new one, so it
 * keeps no state worth saving.
 */
import type { RunnerReply, RunnerRequest } from "../protocol/runner";
import { exceptionLine } from "../wsgi/errors";
import { serve } from "../wsgi/server-handler";
import { loadBundle } from "./load-bundle";

declare const self: DedicatedWorkerGlobalScope;

let app: unknown = null;
let buildId = 0;

function handle(message: RunnerRequest, reply: (message: RunnerReply) => void, port?: MessagePort) {
  switch (message.type) {
    case "load":
      try {
        app = loadBundle(message.code, message.entry);
        buildId = message.buildId;
        reply({ type: "loaded", id: message.id, buildId });
      } catch (error) {
        const stack =
          error instanceof Error && error.name !== "LoadError" ? `\n${error.stack ?? ""}` : "";
        reply({ type: "load-failed", id: message.id, error: exceptionLine(error) + stack });
      }
      return;
    case "attach":
      if (port) listen(port);
      return;
    case "serve":
      if (app === null) {
        reply({
          type: "serve-failed",
          id: message.id,
          error: "No build of the app is loaded yet.",
        });
        return;
      }
      reply({ type: "served", id: message.id, response: serve(app, message.request, { buildId }) });
      return;
  }
}

function listen(port: MessagePort) {
  port.onmessage = (event: MessageEvent<RunnerRequest>) => {
    handle(event.data, (answer) => port.postMessage(answer), event.ports[0]);
  };
}

self.onmessage = (event: MessageEvent<RunnerRequest>) => {
  handle(event.data, (answer) => self.postMessage(answer), event.ports[0]);
};
