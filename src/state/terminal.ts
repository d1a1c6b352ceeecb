/**
 * @module terminal
 * The terminal's store: what the app printed across builds and requests
 * (each marked where it starts), what the person typed back, who asks for
 * a line now (a read, pdb paused at a line), and the lines typed before
 * (Up and Down walk them). Output past a terminal's scrollback is dropped
 * from the top, and the view says how much.
 */
import { create } from "zustand";
import type { TerminalAsk, TerminalJob, TerminalNotice, TerminalPiece } from "../protocol/terminal";

/** A piece of what the terminal shows: the runner's, or a line the person typed (echoed as a terminal does). */
export type TerminalEntry = TerminalPiece | { kind: "typed"; text: string };

/** How much text the terminal keeps (a terminal's scrollback): older pieces go first. */
export const SCROLLBACK_CHARS = 2_000_000;

export interface TerminalState {
  entries: TerminalEntry[];
  /** How many entries were dropped from the top, for the note there. */
  dropped: number;
  /** Counts every entry ever added: a key for each that survives drops. */
  added: number;
  chars: number;
  /** Who waits for a line now, or null. */
  asking: TerminalAsk | null;
  /** The job whose read waits (a check's, the preview's, the panel's request, a build). */
  askingJob: TerminalJob | null;
  /** The statement typed at `>>>` goes on: the prompt is `...`. */
  more: boolean;
  /** The lines typed, oldest first. */
  history: string[];
  /** New output since the Terminal tab was last looked at. */
  unseen: boolean;
}

export const useTerminal = create<TerminalState>(() => ({
  entries: [],
  dropped: 0,
  added: 0,
  chars: 0,
  asking: null,
  askingJob: null,
  more: false,
  history: [],
  unseen: false,
}));

function sizeOf(entry: TerminalEntry): number {
  return entry.kind === "job" ? entry.what.length : entry.text.length;
}

/** Add `more` entries at the end, dropping the oldest past the scrollback. */
function append(more: TerminalEntry[]): void {
  useTerminal.setState((state) => {
    let entries = [...state.entries, ...more];
    let chars = state.chars + more.reduce((sum, entry) => sum + sizeOf(entry), 0);
    let dropped = state.dropped;
    let cut = 0;
    while (chars > SCROLLBACK_CHARS && cut < entries.length - 1) chars -= sizeOf(entries[cut++]!);
    if (cut) {
      entries = entries.slice(cut);
      dropped += cut;
    }
    return { entries, chars, dropped, added: state.added + more.length, unseen: true };
  });
}

/**
 * Output heard and not yet drawn: drawn together when the page is next
 * idle, or within half a second (a request a millisecond, each with its log
 * line, is one redraw now and then, not one each, and never in a request's
 * way), a backlog in slices. Who asks draws it at once (the prompt is in it).
 */
let heard: TerminalPiece[] = [];
let timer: number | null = null;
const DRAW_WITHIN_MS = 500;

function drawSoon(): number {
  return requestIdleCallback(drawHeard, { timeout: DRAW_WITHIN_MS });
}

/** At most this much output is drawn in one frame; the rest waits for the next (a frame stays short). */
const FRAME_CHARS = 12 * 1024;

function drawHeard(): void {
  timer = null;
  let chars = 0;
  let taken = 0;
  while (taken < heard.length && chars < FRAME_CHARS) chars += sizeOf(heard[taken++]!);
  const pieces = heard.slice(0, taken);
  heard = heard.slice(taken);
  if (heard.length) timer = drawSoon();
  if (pieces.length) append(pieces);
}

/** What was heard and not yet drawn, drawn now (before what must come after it). */
function flushHeard(): void {
  if (timer === null) return;
  cancelIdleCallback(timer);
  timer = null;
  const pieces = heard;
  heard = [];
  append(pieces);
}

/** A notice from the runner. */
export function heardTerminal(notice: TerminalNotice): void {
  if (notice.type === "terminal-output") {
    heard.push(...notice.pieces);
    timer ??= drawSoon();
    return;
  }
  // Who asks comes after what was printed (the prompt): draw that first.
  flushHeard();
  if (notice.type === "terminal-ask")
    useTerminal.setState({ asking: notice.ask, askingJob: notice.job });
  else useTerminal.setState({ asking: null, askingJob: null });
}

/** What the person typed, echoed after its prompt (`prompt` when the page drew it: `>>> `). */
export function echoTyped(line: string, prompt = ""): void {
  flushHeard();
  append([{ kind: "typed", text: `${prompt}${line}\n` }]);
  const history = useTerminal.getState().history;
  if (line.trim() && history.at(-1) !== line)
    useTerminal.setState({ history: [...history, line].slice(-500) });
}

/** A word of the playground's own in the terminal (a refused line, a note). */
export function noteInTerminal(text: string): void {
  flushHeard();
  append([{ kind: "note", text: text.endsWith("\n") ? text : `${text}\n` }]);
}

/** The `>>>` prompt goes on (`...`) or starts afresh. */
export function setMore(more: boolean): void {
  useTerminal.setState({ more });
}

/** Clear: the output goes (the history of typed lines stays). */
export function clearTerminal(): void {
  flushHeard();
  useTerminal.setState({ entries: [], dropped: 0, chars: 0, unseen: false });
}

/** The Terminal was looked at. */
export function terminalSeen(): void {
  if (useTerminal.getState().unseen) useTerminal.setState({ unseen: false });
}

/** All of the output as plain text (Copy), styles left out. */
export function terminalText(entries: readonly TerminalEntry[]): string {
  return entries
    .map((entry) =>
      entry.kind === "job"
        ? `── ${entry.what} ──\n`
        : // eslint-disable-next-line no-control-regex
          entry.text.replace(/\x1b\[[0-9;]*m/g, ""),
    )
    .join("");
}

/** The line a read's prompt is on: what was printed after the last newline (`(Pdb) `, `Name? `). */
export function promptOf(entries: readonly TerminalEntry[]): string {
  const last = entries.at(-1);
  if (!last || last.kind !== "text") return "";
  const cut = last.text.lastIndexOf("\n");
  return last.text.slice(cut + 1);
}
