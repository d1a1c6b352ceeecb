/**
 * The line channel, both sides on one thread: the runner's wait wakes every
 * few milliseconds to run its tick, and the tick plays the page (answers,
 * ends the input, or interrupts), as the page would from its own thread.
 */
import { describe, expect, it } from "vitest";
import {
  answerLine,
  asking,
  createTerminalChannel,
  endInput,
  IDLE,
  waitForLine,
} from "./terminal-channel";

describe("the terminal's line channel", () => {
  it("carries a typed line to the read that waits, in UTF-8, and goes back to idle", () => {
    const channel = createTerminalChannel();
    let seen: ReturnType<typeof asking> | null = null;
    const line = waitForLine(
      channel,
      () => {
        seen = asking(channel);
        expect(answerLine(channel, "Ada Lovelace, café ☕")).toBe("answered");
      },
      2,
    );
    expect(line).toBe("Ada Lovelace, café ☕");
    expect(seen).toEqual({ asking: true, asked: 1 });
    expect(asking(channel)).toEqual({ asking: false, asked: 1 });
    expect(channel.header[0]).toBe(IDLE);
  });

  it("an empty line is a line, not the end of input", () => {
    const channel = createTerminalChannel();
    expect(waitForLine(channel, () => answerLine(channel, ""), 2)).toBe("");
  });

  it("Ctrl+D ends the input: the read gets null", () => {
    const channel = createTerminalChannel();
    expect(waitForLine(channel, () => expect(endInput(channel)).toBe(true), 2)).toBeNull();
    expect(endInput(channel)).toBe(false);
  });

  it("a line when nothing reads is refused; one too long is refused and the read waits on", () => {
    const channel = createTerminalChannel(8);
    expect(answerLine(channel, "x")).toBe("not-asking");
    let ticks = 0;
    const line = waitForLine(
      channel,
      () => {
        ticks++;
        if (ticks === 1) expect(answerLine(channel, "much too long")).toBe("too-long");
        else expect(answerLine(channel, "short")).toBe("answered");
      },
      2,
    );
    expect(line).toBe("short");
    expect(ticks).toBe(2);
  });

  it("an interrupt thrown by the tick ends the wait, and the ask is withdrawn", () => {
    const channel = createTerminalChannel();
    expect(() =>
      waitForLine(
        channel,
        () => {
          throw new Error("KeyboardInterrupt");
        },
        2,
      ),
    ).toThrow("KeyboardInterrupt");
    expect(asking(channel).asking).toBe(false);
    expect(answerLine(channel, "late")).toBe("not-asking");
  });

  it("each read asks anew: the count says which one the page answers", () => {
    const channel = createTerminalChannel();
    const lines = ["one", "two"].map((text) =>
      waitForLine(channel, () => answerLine(channel, text), 2),
    );
    expect(lines).toEqual(["one", "two"]);
    expect(asking(channel).asked).toBe(2);
  });
});
