/**
 * @module compiler-client
 * The page's handle on the compiler worker: `compile(files)` resolves with
 * the bundle or the errors. Only the newest request's answer matters to the
 * UI, so callers compare build ids.
 */
import type { CompileRequest, CompilerReply } from "../protocol/compiler";
import { PendingReplies } from "../protocol/pending-replies";

const TIMEOUT_MS = 30_000;

/** Owns the compiler Worker. */
export class CompilerClient {
  private readonly worker: Worker;
  private readonly pending = new PendingReplies<CompilerReply>("compiler");
  private started = false;
  private answeredFirst: () => void = () => undefined;
  /** Resolves when esbuild has answered its first build, however it went. */
  readonly firstAnswer = new Promise<void>((resolve) => {
    this.answeredFirst = resolve;
  });

  constructor() {
    this.worker = new Worker(new URL("./compiler.worker.ts", import.meta.url), {
      type: "module",
      name: "compiler",
    });
    this.worker.onmessage = (event: MessageEvent<CompilerReply>) => {
      this.pending.resolve(event.data.id, event.data);
    };
    this.worker.onerror = (event) => {
      this.pending.rejectAll(new Error(`The compiler failed to start: ${event.message}`));
    };
  }

  /** Bundle the project from its entry file. */
  compile(files: Record<string, string>, entry: string): Promise<CompilerReply> {
    const { id, reply } = this.pending.open(TIMEOUT_MS);
    const message: CompileRequest = { type: "compile", id, files, entry };
    this.worker.postMessage(message);
    if (!this.started) {
      this.started = true;
      reply.then(this.answeredFirst, this.answeredFirst);
    }
    return reply;
  }

  /**
   * Start esbuild and build these files once, keeping nothing, unless a
   * build has already started it: the first build runs much of esbuild's
   * code for the first time and takes many times longer than the next.
   */
  warmUp(files: Record<string, string>, entry: string): void {
    if (!this.started) void this.compile(files, entry).catch(() => undefined);
  }
}
