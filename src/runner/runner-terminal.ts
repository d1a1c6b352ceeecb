/**
 * @module runner-terminal
 * The runner client's part in the terminal: the line channel of the
 * runner in use, whether a read waits on it, and where a typed line goes.
 * A read that waits gets it (through shared memory: the Worker cannot
 * hear a message while it waits); with nothing running, `>>>` runs it in
 * the build's `__main__`; while a request runs and reads nothing, it is
 * refused, with a note saying so. While a read waits, the time limit and
 * the replies' time-outs are held: a person is thinking, not the app.
 */
import { answerLine, endInput, type TerminalChannel } from "../protocol/terminal-channel";
import type { RunnerReply, RunnerRequest } from "../protocol/runner";
import type { TerminalNotice, TypedLine } from "../protocol/terminal";
import type { TerminalControl } from "./app-runner";

/** What the terminal needs of its runner client. */
export interface TerminalHost {
  /** Tell the page (the terminal's output, who asks, the ask over). */
  onTerminal(notice: TerminalNotice): void;
  /** A read waits: hold the time limit and the replies' time-outs. */
  hold(): void;
  /** The read is over: they count again. */
  release(): void;
  /** What the app runs now under the limit, if anything ("GET /"). */
  running(): string | null;
  /** The language of the runner in use, and whether a build of it has loaded. */
  runtime(): { language: string; loaded: boolean };
  /**
   * Ask the runner `message` (made with its id): `what` it runs, under the
   * time limit (null: it runs no code). Past the limit, a StoppedError.
   */
  ask(message: (id: number) => RunnerRequest, what: string | null): Promise<RunnerReply>;
}

/** The terminal of one runner client (its runner replaced: `use` the new one's channel). */
export class RunnerTerminal implements TerminalControl {
  private channel: TerminalChannel | null = null;
  private waiting = false;
  private readonly host: TerminalHost;

  constructor(host: TerminalHost) {
    this.host = host;
  }

  /** The runner in use changed: its channel (null: it has none). A read of the old one's is over. */
  use(channel: TerminalChannel | null): void {
    this.channel = channel;
    if (this.waiting) this.heard({ type: "terminal-asked" });
  }

  /** A notice of the runner in use. */
  heard(notice: TerminalNotice): void {
    if (notice.type === "terminal-ask") {
      this.waiting = true;
      this.host.hold();
    } else if (notice.type === "terminal-asked") {
      if (!this.waiting) return;
      this.waiting = false;
      this.host.release();
    }
    this.host.onTerminal(notice);
  }

  /** A line typed in the terminal: to the read that waits, to `>>>`, or refused. */
  async typeLine(line: string): Promise<TypedLine> {
    if (this.channel && this.waiting) {
      const answered = answerLine(this.channel, line);
      if (answered === "answered") return { to: "read" };
      if (answered === "too-long")
        return { to: "refused", why: "The line is too long for the terminal (64 KB at most)." };
    }
    const running = this.host.running();
    if (running !== null)
      return {
        to: "refused",
        why: `${running} is running and reads no input now: the line was not sent. Type it when it asks, or after it ends (at >>>).`,
      };
    const none = this.noConsole();
    if (none !== null) return { to: "refused", why: none };
    const answer = await this.host.ask((id) => ({ type: "evaluate", id, line }), `>>> ${line}`);
    return { to: "console", more: answer.type === "evaluated" && answer.more };
  }

  /** Tab at `>>>`: the names of the build's `__main__` that `text` may complete to (none while the app runs). */
  async complete(text: string): Promise<string[]> {
    if (this.host.running() !== null || this.noConsole() !== null) return [];
    const answer = await this.host.ask((id) => ({ type: "complete", id, text }), null);
    return answer.type === "completed" ? answer.matches : [];
  }

  /** Why `>>>` cannot run now, or null. */
  private noConsole(): string | null {
    const { language, loaded } = this.host.runtime();
    if (language !== "python") return ">>> is Python's: this project's entry file is TypeScript.";
    return loaded ? null : "No build has loaded yet: >>> runs in the build's __main__.";
  }

  /**
   * A new build replaces the one whose job waits for a line: the read gets
   * end of input (as Ctrl+D), so the job ends (pdb quits, input() raises
   * EOFError), and the terminal says why.
   */
  endForBuild(): void {
    if (!this.endInput()) return;
    this.host.onTerminal({
      type: "terminal-output",
      pieces: [
        {
          kind: "note",
          text: "[playground] A new build: the read that waited got end of input (as Ctrl+D), so what waited ends.\n",
        },
      ],
    });
  }

  /** Ctrl+D: end of input for the read that waits. False when none waits. */
  endInput(): boolean {
    return this.channel !== null && this.waiting && endInput(this.channel);
  }
}
