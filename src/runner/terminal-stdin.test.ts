/**
 * CPython's standard input read through the terminal's line channel, in
 * Pyodide in Node: `input()` with its prompt, an empty line, `for line in
 * sys.stdin` until Ctrl+D, `input()` at end of input raising EOFError as it
 * does under python3, Stop landing as KeyboardInterrupt while a read waits,
 * and pdb at a `breakpoint()` taking `p`, `n` and `c`. The page's side is
 * played by the wait's tick (see protocol/terminal-channel.test.ts). Issue
 * #38's first piece: nothing in the runner uses the channel yet.
 */
import { loadPyodide, type PyodideInterface } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { answerLine, createTerminalChannel, endInput } from "../protocol/terminal-channel";
import { stdinFrom } from "./terminal-stdin";

describe("standard input from the terminal", { timeout: 60_000 }, () => {
  let pyodide: PyodideInterface;
  beforeAll(async () => {
    pyodide = await loadPyodide();
  }, 60_000);

  /** Run `code` with stdin answered, one read after another, from `typed` (null: Ctrl+D); what it printed. */
  function run(code: string, typed: (string | null)[]): { printed: string; asks: number } {
    const channel = createTerminalChannel();
    let printed = "";
    let asks = 0;
    const answers = [...typed];
    pyodide.setStdout({ batched: (text) => (printed += `${text}\n`) });
    pyodide.setStdin({
      stdin: stdinFrom(
        channel.buffer,
        () => {
          const next = answers.shift();
          if (next === undefined) throw new Error("the test typed nothing more");
          if (next === null) endInput(channel);
          else answerLine(channel, next);
        },
        () => asks++,
      ),
    });
    pyodide.runPython(code);
    return { printed, asks };
  }

  it("input() gets each line typed, an empty one included, and its prompt is printed", () => {
    const { printed, asks } = run(
      `name = input("Name? ")
empty = input()
print(repr(name), repr(empty))`,
      ["Ada", ""],
    );
    expect(printed).toContain("Name? ");
    expect(printed).toContain("'Ada' ''");
    expect(asks).toBe(2);
  });

  it("for line in sys.stdin reads until Ctrl+D; input() after it raises EOFError", () => {
    const { printed } = run(
      `import sys
lines = [line for line in sys.stdin]
print(lines)
try:
    input()
except EOFError as error:
    print("EOFError", repr(error))`,
      ["one", "two ☕", null, null],
    );
    expect(printed).toContain("['one\\n', 'two ☕\\n']");
    // What python3 prints for the same, its stdin at its end.
    expect(printed).toContain("EOFError EOFError('EOF when reading a line')");
  });
  it("Stop while input() waits: the interrupt lands as KeyboardInterrupt in the read", () => {
    const channel = createTerminalChannel();
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    pyodide.setInterruptBuffer(interrupt);
    let printed = "";
    let ticks = 0;
    pyodide.setStdout({ batched: (text) => (printed += `${text}\n`) });
    pyodide.setStdin({
      stdin: stdinFrom(channel.buffer, () => {
        // The page's Stop, a few ticks into the wait: SIGINT in the interrupt buffer.
        if (++ticks === 3) interrupt[0] = 2;
        pyodide.checkInterrupt();
      }),
    });
    pyodide.runPython(`try:
    input("Waiting? ")
except KeyboardInterrupt:
    print("KeyboardInterrupt in input()")`);
    expect(printed).toContain("KeyboardInterrupt in input()");
    expect(ticks).toBe(3);
  });
  it("pdb reads its commands from the terminal: p, n and c at a breakpoint()", () => {
    // From a file, as the app runs: pdb shows its lines.
    pyodide.FS.writeFile(
      "/tmp/app.py",
      `def greet(who):
    breakpoint()
    text = "Hello, " + who
    return text

print(greet("Ada"))
`,
    );
    const { printed, asks } = run(`import runpy\nrunpy.run_path("/tmp/app.py")`, [
      "p who",
      "n",
      "p text",
      "c",
    ]);
    expect(printed).toContain("> /tmp/app.py(3)greet()");
    expect(printed).toContain('-> text = "Hello, " + who');
    expect(printed).toContain("'Ada'");
    expect(printed).toContain("-> return text");
    expect(printed).toContain("'Hello, Ada'");
    expect(printed).toContain("Hello, Ada");
    expect(asks).toBe(4);
  });
});
