/**
 * @module terminal-channel
 * The terminal's line channel: how a runner Worker that CPython holds in a
 * read of standard input (`input()`, pdb's `(Pdb)` prompt, `>>>`) gets the
 * line a person types in the page.
 *
 * A Worker blocked in a synchronous read cannot receive a message: its
 * event loop does not run until the read returns. So the line travels
 * through shared memory instead. The page makes one SharedArrayBuffer
 * (possible only where the page is cross-origin isolated) and gives it to
 * the runner once; from then on a read goes like this:
 *
 * 1. The runner counts one more ask (`asked`), sets `state` to ASKING, and
 *    posts a message saying what asks (the prompt); then it waits on
 *    `state` with `Atomics.wait`, waking every `everyMs` to run its `tick`
 *    (Pyodide's `checkInterrupt()`, so Stop still lands while it waits).
 * 2. The page, when the person presses Enter, writes the line's UTF-8 bytes
 *    into `data`, their count into `length`, and moves `state` from ASKING
 *    to ANSWERED with a compare-and-exchange, then notifies; Ctrl+D moves it
 *    to ENDED instead (end of input), with no line.
 * 3. The runner wakes, copies the line out, sets `state` back to IDLE, and
 *    the read returns the line with its newline (or end of input).
 *
 * The buffer, field by field (`Int32` indexes into its header):
 *
 * | bytes  | index | field    | written by | meaning                                                     |
 * | ------ | ----- | -------- | ---------- | ----------------------------------------------------------- |
 * | 0–3    | 0     | `state`  | both       | IDLE 0, ASKING 1, ANSWERED 2, ENDED 3                        |
 * | 4–7    | 1     | `length` | page       | the answered line's size in bytes                           |
 * | 8–11   | 2     | `asked`  | runner     | how many reads have asked so far (the page answers the last) |
 * | 12–15  | 3     | —        | —          | reserved (zero)                                             |
 * | 16–end | —     | `data`   | page       | the line, UTF-8, without its newline                        |
 *
 * Nothing here touches the DOM or a Worker's globals: both sides import it.
 */

/** `state`: nobody asks. */
export const IDLE = 0;
/** `state`: the runner waits for a line. */
export const ASKING = 1;
/** `state`: a line is in `data`, `length` bytes long. */
export const ANSWERED = 2;
/** `state`: the person ended the input (Ctrl+D): the read gets end of file. */
export const ENDED = 3;

const STATE = 0;
const LENGTH = 1;
const ASKED = 2;
const HEADER_BYTES = 16;

/** The longest line the channel carries by default, in bytes. */
export const DEFAULT_CAPACITY = 64 * 1024;

/** The channel's two views over its one shared buffer. */
export interface TerminalChannel {
  buffer: SharedArrayBuffer;
  header: Int32Array;
  data: Uint8Array;
}

/** A new channel (the page makes it), for lines up to `capacity` bytes. */
export function createTerminalChannel(capacity = DEFAULT_CAPACITY): TerminalChannel {
  return terminalChannel(new SharedArrayBuffer(HEADER_BYTES + capacity));
}

/** The channel over a buffer made by `createTerminalChannel` (the runner gets the buffer). */
export function terminalChannel(buffer: SharedArrayBuffer): TerminalChannel {
  return {
    buffer,
    header: new Int32Array(buffer, 0, HEADER_BYTES / 4),
    data: new Uint8Array(buffer, HEADER_BYTES),
  };
}

/** Whether the runner is waiting for a line now, and which ask it is (the page's view). */
export function asking(channel: TerminalChannel): { asking: boolean; asked: number } {
  return {
    asking: Atomics.load(channel.header, STATE) === ASKING,
    asked: Atomics.load(channel.header, ASKED),
  };
}

/** What became of a line the page gave. */
export type Answered = "answered" | "not-asking" | "too-long";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The page's answer: `line` (without its newline) to the read that waits.
 * "not-asking" when nothing waits (the line is for `>>>` or is refused);
 * "too-long" when it does not fit, and nothing is sent.
 */
export function answerLine(channel: TerminalChannel, line: string): Answered {
  if (Atomics.load(channel.header, STATE) !== ASKING) return "not-asking";
  // encodeInto may not write into shared memory: encode, then copy.
  const bytes = encoder.encode(line);
  if (bytes.length > channel.data.length) return "too-long";
  channel.data.set(bytes);
  Atomics.store(channel.header, LENGTH, bytes.length);
  if (Atomics.compareExchange(channel.header, STATE, ASKING, ANSWERED) !== ASKING)
    return "not-asking";
  Atomics.notify(channel.header, STATE);
  return "answered";
}

/** The page's Ctrl+D: the read that waits gets end of input. False when nothing waits. */
export function endInput(channel: TerminalChannel): boolean {
  if (Atomics.compareExchange(channel.header, STATE, ASKING, ENDED) !== ASKING) return false;
  Atomics.notify(channel.header, STATE);
  return true;
}

/**
 * The runner's read: ask, then wait for the page's line (without its
 * newline), or null at end of input. `tick` runs each time `everyMs` pass
 * with no answer; what it throws (an interrupt) ends the wait, the ask
 * withdrawn.
 */
export function waitForLine(
  channel: TerminalChannel,
  tick: () => void,
  everyMs = 100,
): string | null {
  const { header, data } = channel;
  Atomics.store(header, LENGTH, 0);
  Atomics.add(header, ASKED, 1);
  Atomics.store(header, STATE, ASKING);
  try {
    for (;;) {
      Atomics.wait(header, STATE, ASKING, everyMs);
      const state = Atomics.load(header, STATE);
      if (state === ANSWERED) return decoder.decode(data.slice(0, Atomics.load(header, LENGTH)));
      if (state === ENDED) return null;
      tick();
    }
  } finally {
    Atomics.store(header, STATE, IDLE);
  }
}
