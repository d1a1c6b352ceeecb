/**
 * @module Terminal
 * The terminal, as `python3 app.py` has one: what the app prints across
 * builds and requests, a line to type into (`Terminal input`) with the
 * prompt of who asks — an `input()` prompt, pdb's `(Pdb)`, or `>>>` into
 * the build's `__main__` when nothing runs — and, while pdb is paused, the
 * debugger's buttons and the frame's variables. Up and Down walk the lines
 * typed before, Tab completes a name at `>>>`, Ctrl+D ends the input of a
 * read.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { clients } from "../../app/clients";
import { goToPane } from "../../state/layout";
import { useRun } from "../../state/run";
import { useWorkspace } from "../../state/workspace";
import {
  clearTerminal,
  echoTyped,
  noteInTerminal,
  promptOf,
  setMore,
  terminalSeen,
  terminalText,
  useTerminal,
} from "../../state/terminal";
import { languageOf } from "../../runner/runtimes";
import { DebugBar } from "./DebugBar";
import { TerminalOutput } from "./TerminalOutput";
import { VariablesView } from "./VariablesView";
import "./terminal.css";

/** Whether the project runs in Python (its entry file is), where >>> is. */
const isPython = (entry: string) => languageOf(entry) === "python";

/** Send `line` as typed: echoed after its prompt, then to the read that waits, `>>>`, or refused. */
export async function typeInTerminal(line: string): Promise<void> {
  const { asking, more } = useTerminal.getState();
  const running = useRun.getState().running;
  const python = isPython(useWorkspace.getState().entry);
  // A read's prompt is in the output already; >>> is the terminal's own (Python's).
  echoTyped(line, asking || running || !python ? "" : more ? "... " : ">>> ");
  try {
    const typed = await clients().runner.terminal.typeLine(line);
    if (typed.to === "refused") noteInTerminal(typed.why);
    else if (typed.to === "console") setMore(typed.more);
  } catch (error) {
    noteInTerminal(error instanceof Error ? error.message : String(error));
  }
}

/** The longest common start of `words`. */
function commonStart(words: string[]): string {
  let start = words[0] ?? "";
  for (const word of words) while (!word.startsWith(start)) start = start.slice(0, -1);
  return start;
}

/** What the line says when nothing asks, in a Python project and in a TypeScript one. */
const PYTHON_IDLE = "Python, in the build's __main__ (until the next build)";
const TYPESCRIPT_IDLE = "A debugger; statement pauses a request here (debug>)";

/** The line typed into, with its prompt. */
function InputLine() {
  const asking = useTerminal((state) => state.asking);
  const askingJob = useTerminal((state) => state.askingJob);
  const more = useTerminal((state) => state.more);
  const readPrompt = useTerminal((state) => (state.asking ? promptOf(state.entries) : ""));
  // >>> is Python's: a TypeScript project's line is for what its app reads (debugger;'s debug>).
  const python = useWorkspace((state) => isPython(state.entry));
  const [text, setText] = useState("");
  const back = useRef<number | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // Not redrawn as each request starts and ends (a redraw a request cost the panel's round trip
  // a millisecond): a line typed while one runs is refused by the runner, with a note.
  const prompt = asking ? readPrompt : more ? "... " : python ? ">>> " : "";

  // A read in the panel's request (or >>>'s) takes the focus; a build's (made as you type), a check's or the preview's does not.
  useEffect(() => {
    if (asking && (askingJob === null || askingJob.job === "request")) {
      // On a phone, the Terminal is one of the panes: it comes up.
      goToPane("Terminal");
      field.current?.focus({ preventScroll: true });
    }
  }, [asking, askingJob]);

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const history = useTerminal.getState().history;
    if (event.key === "Enter") {
      event.preventDefault();
      back.current = null;
      setText("");
      void typeInTerminal(text);
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      if (!history.length) return;
      event.preventDefault();
      const step = event.key === "ArrowUp" ? -1 : 1;
      const at = Math.min(history.length, Math.max(0, (back.current ?? history.length) + step));
      back.current = at;
      setText(history[at] ?? "");
    } else if (event.key === "d" && event.ctrlKey) {
      event.preventDefault();
      if (useTerminal.getState().asking) {
        echoTyped("^D");
        clients().runner.terminal.endInput();
      }
    } else if (event.key === "Tab" && !asking && text.trim()) {
      event.preventDefault();
      const word = /[\w.]*$/.exec(text)![0];
      void clients()
        .runner.terminal.complete(word)
        .then((matches) => {
          if (matches.length === 0) return;
          if (matches.length > 1) noteInTerminal(matches.join("  "));
          setText(text.slice(0, text.length - word.length) + commonStart(matches));
        });
    }
  };

  return (
    <div className="terminal-line">
      <label htmlFor="terminal-input" className="terminal-prompt">
        {prompt}
      </label>
      <input
        ref={field}
        id="terminal-input"
        type="text"
        aria-label="Terminal input"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={text}
        placeholder={asking ? "" : python ? PYTHON_IDLE : TYPESCRIPT_IDLE}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKey}
      />
    </div>
  );
}

/** The Terminal pane. */
export function Terminal() {
  const entries = useTerminal((state) => state.entries);
  const dropped = useTerminal((state) => state.dropped);
  const added = useTerminal((state) => state.added);
  const asking = useTerminal((state) => state.asking);
  const [copied, setCopied] = useState(false);
  useEffect(() => terminalSeen(), [entries]);
  return (
    <section className="pane terminal-pane" aria-label="Terminal" id="pane-terminal">
      <div className="terminal-bar">
        <h2>Terminal</h2>
        <DebugBar />
        <span className="spacer" />
        <button
          type="button"
          className="small"
          onClick={() => {
            void navigator.clipboard.writeText(terminalText(entries)).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="small" onClick={clearTerminal}>
          Clear
        </button>
      </div>
      <div className="terminal-body">
        <div className="terminal-main">
          <TerminalOutput
            entries={entries}
            dropped={dropped}
            added={added}
            hidePrompt={asking !== null}
          />
          <InputLine />
        </div>
        {asking && "at" in asking && <VariablesView variables={asking.variables} />}
      </div>
    </section>
  );
}
