/**
 * The terminal's Python side, in Pyodide in Node, as the runner Worker
 * connects it: what a build and a request print reaches the terminal as
 * written (wsgiref's log line too, the playground's own runs not); a
 * request's `input()` gets the line typed; `breakpoint()` in an app pauses
 * with pdb's own prompt, says where (the project's file and line) and the
 * frame's variables, and `p`, `s`, `c` and `q` do what they do under
 * python3; `>>>` runs in the build's `__main__` and sees what requests left
 * there; a failed build's traceback is in the terminal. The page's side is
 * played by the wait's tick.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TerminalAsk, TerminalNotice } from "../protocol/terminal";
import { answerLine, createTerminalChannel, endInput } from "../protocol/terminal-channel";
import { latin1, rawRequest } from "./test-support/server-cases";
import { PythonServer } from "./python-server";
import type { PythonTerminal } from "./python-terminal";
import { TerminalOut } from "./terminal-out";

describe("the terminal, CPython's side", { timeout: 120_000 }, () => {
  let python: PythonServer;
  let terminal: PythonTerminal;
  let out: TerminalOut;
  let printed = "";
  const asks: TerminalAsk[] = [];
  /** What the person types next, one line per read (null: Ctrl+D). */
  const typed: (string | null)[] = [];
  const channel = createTerminalChannel();
  let build = 0;

  beforeAll(async () => {
    python = await PythonServer.start();
    out = new TerminalOut((notice: TerminalNotice) => {
      if (notice.type !== "terminal-output") return;
      for (const piece of notice.pieces)
        printed += piece.kind === "job" ? `<<${piece.job} ${piece.what}>>\n` : piece.text;
    });
    terminal = python.terminal(out, channel.buffer, {
      asking: (ask) => asks.push(ask),
      asked: () => undefined,
      tick: () => {
        const next = typed.shift();
        if (next === undefined) throw new Error("the test typed nothing more");
        if (next === null) endInput(channel);
        else answerLine(channel, next);
      },
    });
  }, 120_000);

  /** Load `source` as app.py, its output marked as a build's. */
  function load(source: string) {
    out.job("build", `Build ${++build}`);
    const failure = python.load({ "app.py": source }, "app.py");
    out.flush();
    return failure;
  }

  /** GET `target`, typing `lines` to what reads; the response and what the terminal got meanwhile. */
  function get(target: string, lines: (string | null)[] = []) {
    typed.splice(0, typed.length, ...lines);
    asks.length = 0;
    printed = "";
    terminal.input.newJob();
    out.job("request", `GET ${target}`);
    const response = python.serve(
      rawRequest(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`),
      build,
    );
    out.flush();
    expect(typed).toEqual([]);
    return { response, body: latin1(response.body), printed };
  }

  it("what a build and a request print reaches the terminal, wsgiref's log line too", () => {
    printed = "";
    expect(
      load(
        'print("Serving on port 8000...")\ndef application(environ, start_response):\n    print("in the app")\n    start_response("200 OK", [])\n    return [b"ok"]\n',
      ),
    ).toBeNull();
    expect(printed).toBe("<<build Build 1>>\nServing on port 8000...\n");
    const { printed: during } = get("/x");
    expect(during).toMatch(/^<<request GET \/x>>\nin the app\n.*"GET \/x HTTP\/1\.1" 200 2\n$/s);
  });

  it("input() in a request gets the line typed, its prompt printed before it", () => {
    load(
      'def application(environ, start_response):\n    name = input("Name? ")\n    start_response("200 OK", [])\n    return [f"Hello {name}".encode()]\n',
    );
    const { body, printed } = get("/", ["Ada"]);
    expect(body).toBe("Hello Ada");
    expect(printed).toContain("Name? ");
    expect(asks).toEqual([{ kind: "input" }]);
  });

  it("breakpoint() pauses at the next line with pdb's prompt; p, s into a function, c answers", () => {
    load(
      [
        "def greet(who):",
        '    return f"Hello {who}"',
        "",
        "def application(environ, start_response):",
        '    who = environ["PATH_INFO"][1:]',
        "    breakpoint()",
        "    text = greet(who)",
        '    start_response("200 OK", [("Content-Type", "text/plain")])',
        "    return [text.encode()]",
        "",
      ].join("\n"),
    );
    const { body, printed } = get("/Ada", ["p who", "s", "c"]);
    expect(body).toBe("Hello Ada");
    expect(printed).toContain("> app.py(7)application()\n-> text = greet(who)\n(Pdb) ");
    expect(printed).toContain("'Ada'\n(Pdb) ");
    expect(printed).toContain("--Call--\n> app.py(1)greet()\n-> def greet(who):");
    const paused = asks.filter((ask) => ask.kind === "pdb");
    expect(paused.map((ask) => ask.kind === "pdb" && `${ask.at.file}:${ask.at.line}`)).toEqual([
      "app.py:7",
      "app.py:7",
      "app.py:1",
    ]);
    const first = paused[0]!;
    if (first.kind !== "pdb") throw new Error("not pdb");
    expect(first.at).toEqual({ file: "app.py", line: 7, function: "application", inProject: true });
    const environ = first.variables.find((variable) => variable.name === "environ");
    expect(environ?.type).toBe("dict");
    expect(environ?.entries).toContainEqual(["'PATH_INFO'", "'/Ada'"]);
    expect(first.variables).toContainEqual({ name: "who", type: "str", repr: "'Ada'" });
  });

  it("pdb's commands typed: l, w, u, d, b file:line then c to it, interact ended by Ctrl+D", () => {
    const { body, printed } = get("/Ada", [
      "l",
      "w",
      "u",
      "d",
      "b app.py:2",
      "c",
      "p who",
      "interact",
      "who * 2",
      null,
      "c",
    ]);
    expect(body).toBe("Hello Ada");
    // l: the lines around, the current one marked.
    expect(printed).toMatch(/ {2}7 {2}->\s+text = greet\(who\)/);
    // w: the stack, innermost last, the server's frames above the app's.
    expect(printed).toMatch(
      /wsgiref\/handlers\.py\(\d+\)run\(\)[\s\S]*> app\.py\(7\)application\(\)/,
    );
    expect(printed).toContain("Breakpoint 1 at app.py:2");
    expect(printed).toContain('> app.py(2)greet()\n-> return f"Hello {who}"');
    expect(printed).toContain("*interactive*");
    expect(printed).toContain("'AdaAda'");
  });

  it("ipdb.set_trace() is pdb's, with a note", () => {
    const failure = load(
      'import ipdb\ndef application(environ, start_response):\n    ipdb.set_trace()\n    start_response("200 OK", [])\n    return [b"ok"]\n',
    );
    expect(failure?.error).toBeUndefined();
    const { body, printed } = get("/", ["c"]);
    expect(body).toBe("ok");
    expect(printed).toContain("[playground] ipdb is pdb here");
    expect(printed).toContain("> app.py(4)application()");
  });

  it("q at the prompt ends the request with wsgiref's 500, BdbQuit in the log, as under python3", () => {
    const { response, printed } = get("/Ada", ["q"]);
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.errors).toContain("bdb.BdbQuit");
    expect(printed).toContain("bdb.BdbQuit");
  });

  it("Ctrl+D at the prompt quits pdb as q does; at input() it is EOFError", () => {
    expect(get("/Ada", [null]).response.status).toBe("500 Internal Server Error");
    load(
      'def application(environ, start_response):\n    try:\n        input()\n    except EOFError as error:\n        text = repr(error)\n    start_response("200 OK", [])\n    return [text.encode()]\n',
    );
    expect(get("/", [null]).body).toBe("EOFError('EOF when reading a line')");
  });

  it(">>> runs in the build's __main__: it sees what requests left, statements run, errors are the user's", () => {
    load(
      'seen = []\ndef application(environ, start_response):\n    seen.append(environ["PATH_INFO"])\n    start_response("200 OK", [])\n    return [b"ok"]\n',
    );
    get("/one");
    get("/two");
    printed = "";
    expect(terminal.evaluate("seen")).toBe(false);
    out.flush();
    expect(printed).toBe("['/one', '/two']\n");
    printed = "";
    expect(terminal.evaluate("for path in seen:")).toBe(true);
    expect(terminal.evaluate("    print(path.upper())")).toBe(true);
    expect(terminal.evaluate("")).toBe(false);
    expect(terminal.evaluate("seen.clear()")).toBe(false);
    expect(terminal.evaluate("1/0")).toBe(false);
    out.flush();
    expect(printed).toContain("/ONE\n/TWO\n");
    expect(printed).toContain(
      'Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nZeroDivisionError: division by zero\n',
    );
    // What it changed is what the app sees: the list it appends to.
    get("/three");
    printed = "";
    terminal.evaluate("seen");
    out.flush();
    expect(printed).toBe("['/three']\n");
    expect(terminal.complete("se")).toContain("seen");
    expect(terminal.complete("seen.app")).toEqual(["seen.append("]);
  });

  it("a build that fails prints its traceback in the terminal", () => {
    printed = "";
    const failure = load('print("before")\nraise RuntimeError("no")\n');
    expect(failure?.error).toContain("RuntimeError: no");
    expect(printed).toContain("before\nTraceback (most recent call last):\n");
    expect(printed).toContain('File "app.py", line 2, in <module>');
    expect(printed).toContain("RuntimeError: no\n");
  });

  it("where memory cannot be shared, a read gets end of input and the terminal says why", () => {
    const notes: string[] = [];
    const alone = new TerminalOut((notice) => {
      if (notice.type === "terminal-output")
        for (const piece of notice.pieces) if (piece.kind === "note") notes.push(piece.text);
    });
    python.terminal(alone, null, { asking: () => undefined, asked: () => undefined });
    load(
      'def application(environ, start_response):\n    try:\n        input("? ")\n    except EOFError as error:\n        text = repr(error)\n    start_response("200 OK", [])\n    return [text.encode()]\n',
    );
    const response = python.serve(rawRequest("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), build);
    expect(latin1(response.body)).toBe("EOFError('EOF when reading a line')");
    expect(notes.join("")).toContain("not cross-origin isolated");
  });
});
