/**
 * TypeScript's `debugger;`, compiled as the compiler worker compiles it and
 * loaded as the runner loads it: the request pauses at the statement's line
 * with the scope's names shown, each line typed is an expression evaluated
 * in the paused function's scope (its locals read and written), `c` goes
 * on and the response is what the app then makes; `console.log` reaches the
 * terminal; where there is no channel, it says so and goes on.
 */
import * as esbuild from "esbuild-wasm";
import { describe, expect, it } from "vitest";
import { buildProject } from "../compiler/build-project";
import type { TerminalAsk, TerminalNotice } from "../protocol/terminal";
import { answerLine, createTerminalChannel } from "../protocol/terminal-channel";
import type { RequestRecord } from "../wsgi/records";
import { serve } from "../wsgi/server-handler";
import { loadBundle } from "./load-bundle";
import { TerminalOut } from "./terminal-out";
import { consoleToTerminal, pauseHook } from "./ts-debugger";

const APP = `import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

function greet(who: string): string {
  return \`Hello \${who}!\`;
}

export default function app(environ: Environ, start_response: StartResponse) {
  let who = String(environ.PATH_INFO).slice(1);
  console.log("asked for", who, { n: 1 });
  debugger;
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b\`\${greet(who)}\`];
}
`;

const GET: RequestRecord = {
  method: "GET",
  target: "/Ada",
  httpVersion: "HTTP/1.1",
  headers: [],
  body: new Uint8Array(),
};

describe("debugger; in TypeScript", () => {
  it("pauses at its line; expressions see and change the scope; c goes on", async () => {
    const code = (await buildProject(esbuild, { "app.ts": APP }, "app.ts")).code;
    const channel = createTerminalChannel();
    let printed = "";
    const asks: TerminalAsk[] = [];
    const out = new TerminalOut((notice: TerminalNotice) => {
      if (notice.type === "terminal-output")
        for (const piece of notice.pieces) printed += piece.kind === "job" ? "" : piece.text;
    });
    const typed = ["who", "who.length * 2", "who = 'Grace'", "nope", "c"];
    const pause = pauseHook(
      channel,
      out,
      (notice) => {
        if (notice.type === "terminal-ask") asks.push(notice.ask);
      },
      () => answerLine(channel, typed.shift()!),
    );
    const saved = { ...console };
    consoleToTerminal(out);
    try {
      const app = loadBundle(code, "app.ts", pause);
      const response = serve(app, GET, { buildId: 1, traceback: String });
      out.flush();
      expect(new TextDecoder().decode(response.body)).toBe("Hello Grace!");
    } finally {
      Object.assign(console, saved);
    }
    expect(printed).toContain('asked for Ada {"n":1}\n');
    expect(printed).toContain("Break on debugger; in app.ts:11 (app)\ndebug> ");
    expect(printed).toContain("'Ada'\ndebug> ");
    expect(printed).toContain("6\ndebug> ");
    expect(printed).toContain("Uncaught ReferenceError: nope is not defined\ndebug> ");
    expect(typed).toEqual([]);
    const first = asks[0]!;
    expect(first.kind).toBe("debugger");
    if (first.kind !== "debugger") return;
    expect(first.at).toEqual({ file: "app.ts", line: 11, function: "app", inProject: true });
    expect(first.variables).toContainEqual({ name: "who", type: "string", repr: "'Ada'" });
    const environ = first.variables.find((variable) => variable.name === "environ");
    expect(environ?.entries).toContainEqual(["'PATH_INFO'", "'/Ada'"]);
  });

  it("without a channel it says why and goes on", async () => {
    const code = (await buildProject(esbuild, { "app.ts": APP }, "app.ts")).code;
    let printed = "";
    const out = new TerminalOut((notice: TerminalNotice) => {
      if (notice.type === "terminal-output")
        for (const piece of notice.pieces) printed += piece.kind === "note" ? piece.text : "";
    });
    const app = loadBundle(
      code,
      "app.ts",
      pauseHook(null, out, () => undefined),
    );
    const response = serve(app, GET, { buildId: 1, traceback: String });
    expect(new TextDecoder().decode(response.body)).toBe("Hello Ada!");
    expect(printed).toContain("debugger; does not pause here");
  });
});
