/// <reference lib="webworker" />
/**
 * @module runner.worker
 * The app runner: the only place the user's code runs. It loads one build
 * at a time and serves requests with it through the PEP 3333 core, mapping
 * tracebacks and findings back to the user's source. The page can terminate
 * it at any moment (a runaway loop) and start a new one, so it keeps no
 * state worth saving.
 */
import type { Program, RunnerReply, StartedReply } from "../protocol/runner";
import type { ResponseRecord } from "../wsgi/records";
import { serve } from "../wsgi/server-handler";
import { loadBundle, LoadError } from "./load-bundle";
import { serveMessages, type RunnerHandler } from "./runner-messages";
import { SourceMapper } from "./source-mapper";
import { terminalChannel } from "../protocol/terminal-channel";
import type { TerminalNotice } from "../protocol/terminal";
import { jobKind, TerminalOut } from "./terminal-out";
import { consoleToTerminal, pauseHook, type Pause } from "./ts-debugger";

const post = (notice: TerminalNotice) => self.postMessage(notice);
/** What the app logs, on its way to the page's terminal. */
const out = new TerminalOut(post);
consoleToTerminal(out);
/** What a `debugger;` calls: set when the page gives the terminal's channel (or none). */
let pause: Pause = pauseHook(null, out, post);

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
    app = loadBundle(code, entry, (...args) => pause(...args));
    mapper = sources;
    buildId = newBuildId;
    return { type: "loaded", id, buildId };
  } catch (error) {
    if (error instanceof LoadError) return { type: "load-failed", id, error: error.message };
    const location = sources.location(error instanceof Error ? error.stack : undefined);
    return {
      type: "load-failed",
      id,
      error: sources.traceback(error),
      ...(location ? { location } : {}),
      summary: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

const handle: RunnerHandler = (message, reply, { port, overPort }) => {
  switch (message.type) {
    case "start":
      if (message.terminal) pause = pauseHook(terminalChannel(message.terminal), out, post);
      port?.postMessage({ error: null } satisfies StartedReply);
      return;
    case "load":
      reply({ type: "load-running", id: message.id });
      out.job("build", `Build ${message.buildId}: ${message.entry}`);
      reply(load(message.program, message.entry, message.id, message.buildId));
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
      const { id, request } = message;
      out.job(
        jobKind(overPort, message.background === true),
        `${request.method} ${request.target}`,
      );
      const response = serve(app, message.request, {
        buildId,
        traceback: (error) => sources.traceback(error),
        ...(message.progress
          ? { onProgress: (progress) => reply({ type: "serve-progress", id, progress }) }
          : {}),
      });
      reply({ type: "served", id: message.id, response: mapFindings(response, sources) });
      return;
    }
    case "evaluate":
      reply({ type: "evaluated", id: message.id, more: false });
      return;
    case "complete":
      reply({ type: "completed", id: message.id, matches: [] });
      return;
  }
};

serveMessages(handle);

/**
 * The server's code run once before the first build comes, on a request
 * of its own to an app of its own (nothing of the user's runs, nothing is
 * logged or kept): the user's first request then runs code already
 * compiled. That first run took 40 ms of JIT compiling, on the path of the
 * first response; this runner sits idle until the page has started.
 */
function warmUp() {
  const hello = (
    _environ: unknown,
    startResponse: (status: string, headers: string[][]) => void,
  ) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [new TextEncoder().encode("warm")];
  };
  try {
    serve(hello, {
      method: "GET",
      target: "/",
      httpVersion: "HTTP/1.1",
      headers: [["Host", "localhost:8000"]],
      server: { name: "localhost", port: "8000" },
      body: new Uint8Array(),
    });
  } catch {
    // A warm-up only: the user's first request is served all the same.
  }
}
setTimeout(warmUp);
