/**
 * @module runner-start
 * A runner Worker, started: created, sent its `start`, its messages held
 * until someone listens. The runner client makes its runners here, and the
 * page's first one may be made earlier still, before the page's main code
 * has loaded (see `start-early.ts`): CPython's start is the longest wait of
 * a visit, and nothing in it needs the page.
 */
import { ask } from "../protocol/ask";
import type { RunnerMessage, StartedReply, StartMessage } from "../protocol/runner";
import { createTerminalChannel, type TerminalChannel } from "../protocol/terminal-channel";
import { canShareMemory, InterruptLine } from "./interrupt";
import type { Runtime } from "./runtimes";

/** How long a runtime may take to start (Python: CPython's 10 MB of wasm and its library). */
const START_TIMEOUT_MS = 180_000;

/** A runner Worker whose runtime is starting. */
export interface StartingRunner {
  worker: Worker;
  runtime: Runtime;
  /** The memory it shares with this page to be interrupted, when it can be. */
  line: InterruptLine | null;
  /** The memory through which its reads of standard input get the terminal's lines, when it can share it. */
  channel: TerminalChannel | null;
  /** Its answer to `start`: rejects when it never came. */
  reply: Promise<StartedReply>;
  /**
   * Its first message (its script evaluated, its start begun): a Worker's
   * script is fetched and run only when its page's thread lets it, which
   * the page's own code may keep busy for hundreds of ms.
   */
  begun: Promise<void>;
  /** Hear its messages: those it sent so far, then each as it comes. */
  listen(handler: (message: RunnerMessage) => void): void;
}

/** A runner Worker for `runtime`, starting its runtime at once (Python's takes a while). */
export function startRunner(runtime: Runtime): StartingRunner {
  const worker = runtime.spawn();
  const held: RunnerMessage[] = [];
  let heard = () => undefined as void;
  const begun = new Promise<void>((resolve) => (heard = resolve));
  worker.onmessage = (event: MessageEvent<RunnerMessage>) => {
    heard();
    held.push(event.data);
  };
  const line = runtime.interruptible ? InterruptLine.create() : null;
  // Every runtime reads the terminal (Python's stdin, TypeScript's debugger;) where memory can be shared.
  const channel = canShareMemory() ? createTerminalChannel() : null;
  const start: StartMessage = {
    type: "start",
    siteURL: new URL(import.meta.env.BASE_URL, location.href).href,
    ...(line ? { interrupt: line.buffer } : {}),
    ...(channel ? { terminal: channel.buffer } : {}),
  };
  performance.mark("wsgi:runtime-start");
  const reply = ask<StartedReply>(worker, start, START_TIMEOUT_MS, "The app runner");
  void reply.then(heard, heard);
  return {
    worker,
    runtime,
    line,
    channel,
    reply,
    begun,
    listen(handler) {
      worker.onmessage = (event: MessageEvent<RunnerMessage>) => {
        heard();
        handler(event.data);
      };
      for (const message of held.splice(0)) handler(message);
    },
  };
}

let early: StartingRunner | null = null;

/** Start the page's first runner now, before its runner client exists: when it has begun. */
export function startEarly(runtime: Runtime): Promise<void> {
  early ??= startRunner(runtime);
  return early.begun;
}

/** The runner started early, if it is for `runtime` (one for another is stopped). */
export function takeEarly(runtime: Runtime): StartingRunner | null {
  const runner = early;
  early = null;
  if (runner && runner.runtime !== runtime) {
    runner.worker.terminate();
    return null;
  }
  return runner;
}
