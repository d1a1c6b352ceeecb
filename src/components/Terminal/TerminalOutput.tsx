/**
 * @module TerminalOutput
 * What the terminal shows: the process's output as a terminal draws it
 * (ANSI styles, a traceback's frames in the project's files links to their
 * lines), a marker where each build or request begins, the lines the person
 * typed, the playground's own notes apart. Each piece is drawn once (a new
 * piece does not redraw the old ones); the view follows the end unless the
 * person scrolled up (moved at the next frame, in the layout the frame
 * makes anyway: reading it at once cost a layout more each time).
 */
import { memo, useEffect, useRef, type ReactNode } from "react";
import { LineText } from "../common/TracebackLines";
import type { TerminalEntry } from "../../state/terminal";
import { useWorkspace } from "../../state/workspace";

const JOB_NAMES = {
  build: "build",
  request: "request",
  check: "check",
  preview: "preview",
} as const;

/** `text` drawn inline, line by line (a piece may end mid-line: a prompt). */
function Lines({ text, files }: { text: string; files: Record<string, string> }) {
  // Plain output (most of it) is one text node: nothing in it to style or link.
  if (!text.includes("\x1b[") && !text.includes('File "')) return text;
  const lines = text.split("\n");
  const drawn: ReactNode[] = [];
  lines.forEach((line, index) => {
    if (line) drawn.push(<LineText key={index} line={line} files={files} />);
    if (index < lines.length - 1) drawn.push("\n");
  });
  return drawn;
}

/** One piece, drawn once. */
const Piece = memo(function Piece({
  entry,
  files,
}: {
  entry: TerminalEntry;
  files: Record<string, string>;
}) {
  if (entry.kind === "job")
    return (
      <span className={`terminal-job job-${entry.job}`}>
        <span className="terminal-job-kind">{JOB_NAMES[entry.job]}</span> {entry.what}
      </span>
    );
  if (entry.kind === "note") return <span className="terminal-note">{entry.text}</span>;
  if (entry.kind === "typed") return <span className="terminal-typed">{entry.text}</span>;
  return <Lines text={entry.text} files={files} />;
});

/** Whether `entry` ends its line (what follows it starts a new one). */
function endsLine(entry: TerminalEntry): boolean {
  return entry.kind === "job" || entry.text.endsWith("\n");
}

/**
 * Pieces in groups of whole lines, each a block of its own: a block that
 * is done is laid out once (ten thousand lines in one run of inline text
 * were laid out again with each piece).
 */
function linesOf(
  entries: TerminalEntry[],
  first: number,
): { key: number; entries: TerminalEntry[] }[] {
  const groups: { key: number; entries: TerminalEntry[] }[] = [];
  let open: { key: number; entries: TerminalEntry[] } | null = null;
  entries.forEach((entry, index) => {
    if (!open) {
      open = { key: first + index, entries: [] };
      groups.push(open);
    }
    open.entries.push(entry);
    if (endsLine(entry)) open = null;
  });
  return groups;
}

/** Groups in chunks of `CHUNK`, each chunk starting at a multiple of it (so a full one stays the same). */
function chunksOf(groups: Group[]): Group[][] {
  const chunks: Group[][] = [];
  for (let i = 0; i < groups.length; i += CHUNK) chunks.push(groups.slice(i, i + CHUNK));
  return chunks;
}

/** One block of whole lines, drawn again only when its pieces change. */
const Block = memo(
  function Block({ entries, files }: { entries: TerminalEntry[]; files: Record<string, string> }) {
    return (
      <div className="terminal-block">
        {entries.map((entry, index) => (
          <Piece key={index} entry={entry} files={files} />
        ))}
      </div>
    );
  },
  (before, after) =>
    before.files === after.files &&
    before.entries.length === after.entries.length &&
    before.entries.every((entry, index) => entry === after.entries[index]),
);

/** Blocks in chunks of this many: a chunk that is full is not looked at again when output comes. */
const CHUNK = 64;

type Group = { key: number; entries: TerminalEntry[] };

/** A run of blocks, drawn again only when its first or last piece, or its length, changes. */
const Chunk = memo(
  function Chunk({ groups, files }: { groups: Group[]; files: Record<string, string> }) {
    return groups.map((group) => <Block key={group.key} entries={group.entries} files={files} />);
  },
  (before, after) =>
    before.files === after.files &&
    before.groups.length === after.groups.length &&
    before.groups[0]?.entries[0] === after.groups[0]?.entries[0] &&
    before.groups.at(-1)?.entries.length === after.groups.at(-1)?.entries.length &&
    before.groups.at(-1)?.entries.at(-1) === after.groups.at(-1)?.entries.at(-1),
);

/** The output; `hidePrompt`: the last partial line is drawn by the input line instead. */
export function TerminalOutput({
  entries,
  dropped,
  added,
  hidePrompt,
}: {
  entries: TerminalEntry[];
  dropped: number;
  added: number;
  hidePrompt: boolean;
}) {
  const files = useWorkspace((state) => state.files);
  const view = useRef<HTMLPreElement>(null);
  const follow = useRef(true);
  // At the next frame, in the layout the frame makes anyway (not one more of our own, now).
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const element = view.current;
      if (element && follow.current) element.scrollTop = element.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  });
  let shown = entries;
  const last = entries.at(-1);
  if (hidePrompt && last?.kind === "text") {
    const cut = last.text.lastIndexOf("\n");
    shown = [...entries.slice(0, -1), { kind: "text", text: last.text.slice(0, cut + 1) }];
  }
  return (
    <pre
      ref={view}
      className="terminal-output"
      tabIndex={0}
      aria-label="Terminal output"
      onScroll={(event) => {
        const element = event.currentTarget;
        follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
    >
      {dropped > 0 && (
        <div className="terminal-note">
          ({dropped} earlier {dropped === 1 ? "piece" : "pieces"} of output dropped: the terminal
          keeps the last 2 MB.)
        </div>
      )}
      {chunksOf(linesOf(shown, added - entries.length)).map((groups) => (
        <Chunk key={groups[0]!.key} groups={groups} files={files} />
      ))}
      {entries.length === 0 && (
        <div className="terminal-note">
          What the app prints appears here, as in the terminal that runs python3 app.py.
        </div>
      )}
    </pre>
  );
}
