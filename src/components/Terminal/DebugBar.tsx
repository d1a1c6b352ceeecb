/**
 * @module DebugBar
 * While pdb is paused: where (a link to the line), in which job (the
 * panel's request, a check's, the preview's), and pdb's four moves as
 * buttons — Continue (`c`), Step Over (`n`), Step Into (`s`), Step Out
 * (`r`) — each typed into the terminal as the command it is.
 */
import { revealInEditor } from "../../state/editor-nav";
import { useTerminal } from "../../state/terminal";
import { typeInTerminal } from "./Terminal";

const MOVES = [
  ["Continue", "c", "Run until the next breakpoint or the end (c)"],
  ["Step Over", "n", "Run the current line, stopping at the next one here (n)"],
  ["Step Into", "s", "Stop at the first line of the function the current line calls (s)"],
  ["Step Out", "r", "Run until the current function returns (r)"],
] as const;

const JOB_WORDS = { build: "the build", request: "", check: "a check", preview: "the preview" };

/** The bar; nothing unless pdb is paused. */
export function DebugBar() {
  const asking = useTerminal((state) => state.asking);
  const job = useTerminal((state) => state.askingJob);
  if (!asking || !("at" in asking)) return null;
  const { at } = asking;
  const where = `${at.file}:${at.line}`;
  const whose = job && JOB_WORDS[job.job] ? ` (${JOB_WORDS[job.job]}: ${job.what})` : "";
  return (
    <div className="debug-bar" role="toolbar" aria-label="Debugger">
      <span className="paused-at" role="status">
        Paused at{" "}
        {at.inProject ? (
          <button
            type="button"
            className="link in-text"
            onClick={() => revealInEditor({ file: at.file, line: at.line, column: 1 })}
          >
            {where}
          </button>
        ) : (
          <code>{where}</code>
        )}
        {whose}
      </span>
      {(asking.kind === "pdb" ? MOVES : MOVES.slice(0, 1)).map(([name, command, title]) => (
        <button
          key={name}
          type="button"
          className="small"
          title={title}
          onClick={() => void typeInTerminal(command)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
