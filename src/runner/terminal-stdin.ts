/**
 * @module terminal-stdin
 * CPython's standard input in the runner Worker: each read is a line typed
 * in the page's terminal, carried by the line channel
 * (`protocol/terminal-channel.ts`) while the Worker waits.
 */
import { terminalChannel, waitForLine } from "../protocol/terminal-channel";

const encoder = new TextEncoder();

/**
 * Pyodide's `stdin` callback over the channel in `buffer`: the line with its
 * newline, as bytes, or null at end of input. Bytes, not a string: an empty
 * line is "\n", never taken for end of input (pyodide#4258). `asking` is
 * told before each wait (the runner posts the prompt then); `tick` runs
 * while it waits (Pyodide's `checkInterrupt`, so Stop lands).
 */
export function stdinFrom(
  buffer: SharedArrayBuffer,
  tick: () => void,
  asking: () => void = () => undefined,
): () => Uint8Array | null {
  const channel = terminalChannel(buffer);
  return () => {
    asking();
    const line = waitForLine(channel, tick);
    return line === null ? null : encoder.encode(`${line}\n`);
  };
}
