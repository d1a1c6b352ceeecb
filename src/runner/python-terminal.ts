/**
 * @module python-terminal
 * CPython's side of the terminal (see `python/playground_terminal.py`):
 * its stdout and stderr to the runner's `TerminalOut` as written, its
 * standard input from the `TerminalInput` (with who asks told before each
 * read waits), and `>>>` in the build's `__main__`. The Python runner
 * Worker connects it; the unit tests do too, in Node.
 */
import type { PyodideInterface } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import type { TerminalAsk } from "../protocol/terminal";
import type { TerminalOut } from "./terminal-out";
import { TerminalInput } from "./terminal-stdin";

/** The note a read gets where nothing can be typed (the page shares no memory with its runner). */
export const NO_TERMINAL_NOTE =
  "[playground] Nothing can be typed here: this page is not cross-origin isolated, so a running app " +
  "cannot wait for the terminal. input(), sys.stdin and pdb get end of input (EOFError; pdb quits). " +
  "Print what you want to see, or open the playground from a host that sends its isolation headers " +
  "(npm start does).\n";

/** Who hears of CPython's reads. */
export interface TerminalHooks {
  /** A read begins to wait: who asks. */
  asking(ask: TerminalAsk): void;
  /** The read is over. */
  asked(): void;
  /** Runs every 100 ms of a wait (default: Pyodide's `checkInterrupt`; a test plays the page here). */
  tick?(): void;
  /** The page has stopped the job: its reads get end of input. */
  stopped?(): boolean;
}

/** CPython's terminal: output, input, `>>>`. */
export class PythonTerminal {
  private readonly module: PyProxy;
  readonly input: TerminalInput;

  /**
   * Connect CPython's streams to `out` and its standard input to the
   * channel in `buffer` (null: end of input, with a note); `asking` hears
   * who asks before each read waits, `asked` when it is over.
   */
  constructor(
    pyodide: PyodideInterface,
    out: TerminalOut,
    buffer: SharedArrayBuffer | null,
    hooks: TerminalHooks,
  ) {
    this.module = pyodide.pyimport("playground_terminal") as PyProxy;
    const connect = this.module.connect as (sink: unknown, flush: unknown, ask: unknown) => void;
    // Who asks, found by Python as a read begins (the read itself runs without the GIL).
    let who: TerminalAsk = { kind: "input" };
    connect(
      (text: string) => out.write(text),
      () => out.flush(),
      (json: string) => (who = JSON.parse(json) as TerminalAsk),
    );
    let noted = false;
    this.input = new TerminalInput(buffer, {
      tick: hooks.tick ?? (() => pyodide.checkInterrupt()),
      asking: () => {
        // What was printed (the prompt) is on the page before the ask.
        out.flush();
        hooks.asking(who);
      },
      asked: () => hooks.asked(),
      stopped: () => hooks.stopped?.() ?? false,
      noTerminal: () => {
        if (!noted) out.note(NO_TERMINAL_NOTE);
        noted = true;
      },
    });
    pyodide.setStdin({ stdin: this.input.stdin, isatty: true });
  }

  /** A line typed at `>>>`, run in the build's `__main__`: true when the statement goes on. */
  evaluate(line: string): boolean {
    return (this.module.evaluate as (line: string) => boolean)(line);
  }

  /** Tab at `>>>`: the names `text` may complete to. */
  complete(text: string): string[] {
    const found = (this.module.complete as (text: string) => PyProxy)(text);
    const matches = found.toJs() as string[];
    found.destroy();
    return matches;
  }
}
