/**
 * @module ts-debugger
 * The TypeScript runner's side of the terminal: `console.log` and friends
 * to the terminal as written, and `debugger;` (rewritten by the compiler
 * into a call of `pause`: see `compiler/debugger-transform.ts`) pausing the
 * request until the person says to go on. While paused, each line typed is
 * a JavaScript expression evaluated in the paused function's scope and its
 * value printed (`debug> who` → `'Ada'`); `c` (or Continue, or Ctrl+D)
 * goes on. The lines come through shared memory (`terminal-channel.ts`):
 * the Worker is blocked, as Node's inspector blocks a process.
 */
import type { FrameVariable, TerminalNotice } from "../protocol/terminal";
import { waitForLine, type TerminalChannel } from "../protocol/terminal-channel";
import type { DebuggerSite } from "../compiler/debugger-transform";
import type { TerminalOut } from "./terminal-out";

/** A value as a console shows it: strings quoted inside structures, bytes as bytes. */
export function shown(value: unknown, nested = false): string {
  if (typeof value === "string") return nested ? `'${value.replace(/'/g, "\\'")}'` : value;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Uint8Array) {
    const head = [...value.subarray(0, 32)].join(", ");
    return `Uint8Array(${value.length}) [ ${head}${value.length > 32 ? ", …" : ""} ]`;
  }
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  try {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_key, item: unknown) => {
      if (item instanceof Uint8Array) return shown(item);
      if (typeof item === "bigint") return `${item}n`;
      if (typeof item === "function") return shown(item);
      if (item && typeof item === "object") {
        if (seen.has(item)) return "[Circular]";
        seen.add(item);
      }
      return item;
    });
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `console`'s methods write to the terminal as well (a line each, its arguments spaced). */
export function consoleToTerminal(out: TerminalOut): void {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    // The app's console, not the playground's: every method of it is the app's to use.
    // eslint-disable-next-line no-console
    const original = console[method].bind(console);
    // eslint-disable-next-line no-console
    console[method] = (...args: unknown[]) => {
      out.write(`${args.map((arg) => shown(arg)).join(" ")}\n`);
      original(...args);
    };
  }
}

/** One variable of the paused scope, for the Variables view (a plain object opens to its entries). */
function variable(name: string, value: unknown): FrameVariable {
  const type =
    value === null
      ? "null"
      : typeof value === "object"
        ? ((value as object).constructor?.name ?? "Object")
        : typeof value;
  const entry: FrameVariable = { name, type, repr: shown(value, true).slice(0, 300) };
  if (value && typeof value === "object" && !(value instanceof Uint8Array) && !Array.isArray(value))
    entry.entries = Object.entries(value)
      .slice(0, 300)
      .map(([key, item]) => [`'${key}'`, shown(item, true).slice(0, 300)]);
  return entry;
}

/** What a bundle's `debugger;` calls: pause until the person goes on. */
export type Pause = (
  evaluate: (expression: string) => unknown,
  site: DebuggerSite,
  names: [shown: string, bundle: string][],
) => void;

/**
 * The pause hook over `channel` (null: nothing can be typed here; it says
 * so and goes on). `tick` runs every 100 ms of a wait (a test plays the page there).
 */
export function pauseHook(
  channel: TerminalChannel | null,
  out: TerminalOut,
  post: (notice: TerminalNotice) => void,
  tick: () => void = () => undefined,
): Pause {
  let noted = false;
  return (evaluate, site, names) => {
    if (!channel) {
      if (!noted)
        out.note(
          "[playground] debugger; does not pause here: this page is not cross-origin isolated, so a running app cannot wait for the terminal. The request goes on.\n",
        );
      noted = true;
      return;
    }
    out.write(`Break on debugger; in ${site.file}:${site.line} (${site.function})\n`);
    for (;;) {
      out.write("debug> ");
      out.flush();
      const variables = names.map(([name, bundleName]) => {
        try {
          return variable(name, evaluate(bundleName));
        } catch {
          // Declared further down, not yet initialised (let, const): nothing to show yet.
          return { name, type: "", repr: "<not yet initialised>" };
        }
      });
      post({
        type: "terminal-ask",
        ask: { kind: "debugger", at: { ...site, inProject: true }, variables },
        job: out.current,
      });
      let line: string | null;
      try {
        line = waitForLine(channel, tick);
      } finally {
        post({ type: "terminal-asked" });
      }
      if (line === null || /^\s*(c|cont|continue)\s*$/.test(line)) return;
      if (!line.trim()) continue;
      try {
        out.write(`${shown(evaluate(line), true)}\n`);
      } catch (error) {
        out.write(
          `Uncaught ${error instanceof Error ? `${error.name}: ${error.message}` : shown(error, true)}\n`,
        );
      }
    }
  };
}
