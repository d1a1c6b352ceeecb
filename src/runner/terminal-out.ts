/**
 * @module terminal-out
 * The runner's side of the terminal's output: what the app writes, gathered
 * and posted to the page in pieces. A write that comes 50 ms or more after
 * the last post goes at once (a print now and then shows as it happens); a
 * burst is gathered up to 16 KB (ten thousand lines cost a few hundred
 * messages, not twenty thousand), and what is left goes 50 ms later, once
 * the Worker is free (a request a millisecond, each with its log line,
 * costs a message every 50 ms, not one each). What is gathered goes at
 * once before a read waits and before a sleep. Each job's output gets a
 * marker above it, made when the job first writes: a silent job leaves no
 * trace.
 */
import type {
  TerminalJob,
  TerminalJobKind,
  TerminalNotice,
  TerminalPiece,
} from "../protocol/terminal";

/** What a request is, for its marker: the preview's (over a port), a check's (background), or the panel's. */
export function jobKind(overPort: boolean, background: boolean): TerminalJobKind {
  return overPort ? "preview" : background ? "check" : "request";
}

const BURST_BYTES = 16 * 1024;
const QUIET_MS = 50;

/** Gathers the terminal's output and posts it. */
export class TerminalOut {
  private pieces: TerminalPiece[] = [];
  private bytes = 0;
  private lastPost = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The job's marker, until its first output. */
  private marker: TerminalPiece | null = null;
  /** The job running (null: none, or `>>>`'s). */
  current: TerminalJob | null = null;
  private readonly post: (notice: TerminalNotice) => void;
  private readonly now: () => number;

  constructor(post: (notice: TerminalNotice) => void, now: () => number = () => performance.now()) {
    this.post = post;
    this.now = now;
  }

  /** A job begins: its output, if any, goes under a marker saying what it is (null: none, `>>>`'s). */
  job(job: TerminalJobKind | null, what = ""): void {
    this.current = job && { job, what };
    this.marker = job && { kind: "job", job, what };
  }

  /** The app wrote `text` (stdout or stderr). */
  write(text: string): void {
    if (!text) return;
    this.add({ kind: "text", text }, text.length);
  }

  /** The playground's own word, drawn apart from the app's output. */
  note(text: string): void {
    this.add({ kind: "note", text }, text.length);
    this.flush();
  }

  private add(piece: TerminalPiece, size: number) {
    if (this.marker) {
      this.pieces.push(this.marker);
      this.marker = null;
    }
    const last = this.pieces.at(-1);
    if (last?.kind === "text" && piece.kind === "text") last.text += piece.text;
    else this.pieces.push(piece);
    this.bytes += size;
    if (this.bytes >= BURST_BYTES || this.now() - this.lastPost >= QUIET_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), QUIET_MS);
  }

  /** Post what is gathered. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastPost = this.now();
    if (this.pieces.length === 0) return;
    const pieces = this.pieces;
    this.pieces = [];
    this.bytes = 0;
    this.post({ type: "terminal-output", pieces });
  }
}
