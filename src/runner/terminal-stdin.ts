/**
 * @module terminal-stdin
 * CPython's standard input in the runner Worker: each read is a line typed
 * in the page's terminal, carried by the line channel
 * (`protocol/terminal-channel.ts`) while the Worker waits.
 */
import { terminalChannel, waitForLine, type TerminalChannel } from "../protocol/terminal-channel";

const encoder = new TextEncoder();

/** What a read tells and runs while it waits. */
export interface InputHooks {
  /** Runs every 100 ms of the wait (Pyodide's `checkInterrupt`, so Stop lands); what it throws ends the read. */
  tick(): void;
  /** A read begins to wait (the runner says who asks). */
  asking?(): void;
  /** The wait is over: a line, end of input, or an interrupt. */
  asked?(): void;
  /** A read where there is no channel (the page shares no memory): it gets end of input. */
  noTerminal?(): void;
  /** The job has been stopped (its interrupt may have landed elsewhere, caught by pdb): reads get end of input. */
  stopped?(): boolean;
}

/**
 * Standard input over the channel in `buffer` (null: none, every read is
 * end of input). After an interrupt lands in a read, the job's later reads
 * get end of input at once (as do those of a job the page has stopped,
 * wherever its interrupt landed): pdb catches the KeyboardInterrupt and
 * asks again, and end of input is what makes it quit (`q`), so Stop ends
 * a paused request.
 */
export class TerminalInput {
  private readonly channel: TerminalChannel | null;
  private readonly hooks: InputHooks;
  private stopped = false;

  constructor(buffer: SharedArrayBuffer | null, hooks: InputHooks) {
    this.channel = buffer ? terminalChannel(buffer) : null;
    this.hooks = hooks;
  }

  /** A job begins: its reads wait for lines again. */
  newJob(): void {
    this.stopped = false;
  }

  /**
   * Pyodide's `stdin` callback: the line with its newline, as bytes, or null
   * at end of input. Bytes, not a string: an empty line is "\n", never taken
   * for end of input (pyodide#4258).
   */
  readonly stdin = (): Uint8Array | null => {
    if (!this.channel) {
      this.hooks.noTerminal?.();
      return null;
    }
    if (this.stopped || this.hooks.stopped?.()) return null;
    this.hooks.asking?.();
    let line: string | null;
    try {
      line = waitForLine(this.channel, () => {
        try {
          this.hooks.tick();
        } catch (error) {
          this.stopped = true;
          throw error;
        }
      });
    } finally {
      this.hooks.asked?.();
    }
    return line === null ? null : encoder.encode(`${line}\n`);
  };
}

/** Pyodide's `stdin` callback over the channel in `buffer` (see `TerminalInput`). */
export function stdinFrom(
  buffer: SharedArrayBuffer,
  tick: () => void,
  asking: () => void = () => undefined,
): () => Uint8Array | null {
  return new TerminalInput(buffer, { tick, asking }).stdin;
}
