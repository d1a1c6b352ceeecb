/**
 * @module source-mapper
 * Turns stack traces of the compiled bundle back into the user's files and
 * lines, through the inline source map esbuild wrote, so a traceback or a
 * finding points at `app.ts` line 7 and not at the bundle.
 *
 * The bundle runs through `new Function`, which puts a header of its own
 * above the code: how many lines that is is measured once, not assumed.
 */
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { SourceLocation } from "../wsgi/records";
import { bundleSites } from "../compiler/layer-sites";
import type { LayerSite } from "../wsgi/layer-hooks";

/** The name the bundle's frames carry in stack traces (its `//# sourceURL`). */
export const BUNDLE_URL = "app.bundle.js";

const FRAME = /^\s*at (?:(.+?) \()?(?:.*?)app\.bundle\.js:(\d+):(\d+)\)?$/;
const MAP_COMMENT = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

let functionHeaderLines: number | null = null;

/** Lines that `new Function` puts above the body (2 in V8). */
export function measureHeaderLines(): number {
  if (functionHeaderLines === null) {
    const stack = new Function(
      `return new Error().stack;\n//# sourceURL=${BUNDLE_URL}`,
    )() as string;
    const match = /app\.bundle\.js:(\d+):\d+/.exec(stack);
    functionHeaderLines = match ? Number(match[1]) - 1 : 0;
  }
  return functionHeaderLines;
}

/** One frame of the user's code. */
export interface UserFrame extends SourceLocation {
  /** The function's name, when the stack has one. */
  name: string | null;
  /** The source line, trimmed, when the map carries sources. */
  text: string | null;
}

function decodeBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Maps positions in one bundle back to the project's files. The map is read
 * the first time a stack needs it: most builds never raise, and a build
 * that answers sooner is what the user feels.
 */
export class SourceMapper {
  private readonly code: string;
  private parsed: {
    map: TraceMap | null;
    sources: Map<string, string[]>;
    wrappers: LayerSite[];
  } | null = null;
  private readonly offset: number;

  constructor(code: string) {
    this.code = code;
    this.offset = measureHeaderLines();
  }

  private get source(): NonNullable<SourceMapper["parsed"]> {
    if (this.parsed) return this.parsed;
    const match = MAP_COMMENT.exec(this.code);
    const map = match ? new TraceMap(decodeBase64(match[1]!)) : null;
    const sources = new Map<string, string[]>();
    map?.sources.forEach((source, i) => {
      const content = map.sourcesContent?.[i];
      if (source && content != null) sources.set(this.fileName(source), content.split("\n"));
    });
    this.parsed = { map, sources, wrappers: bundleSites(this.code).filter((site) => site.wrapper) };
    return this.parsed;
  }

  private fileName(source: string): string {
    return source.replace(/^(?:.*\/)?project:/, "");
  }

  /** The user's frames in a V8 stack, innermost first. */
  frames(stack: string | undefined): UserFrame[] {
    const { map, sources, wrappers } = this.source;
    if (!stack || !map) return [];
    const frames: UserFrame[] = [];
    for (const line of stack.split("\n")) {
      const match = FRAME.exec(line);
      if (!match) continue;
      const at = { line: Number(match[2]) - this.offset, column: Number(match[3]) - 1 };
      // The layer hook's call around a function's body (layer-transform.ts): the frame inside
      // it is that function's body, and takes its name; the call itself is no frame of the user's.
      const site = wrappers.find(
        ({ wrapper }) =>
          wrapper!.line === at.line && at.column >= wrapper!.column && at.column < wrapper!.end,
      );
      if (site) {
        const body = frames.at(-1);
        if (body) body.name = site.function;
        continue;
      }
      const position = originalPositionFor(map, at);
      if (position.source === null || position.line === null) continue;
      const file = this.fileName(position.source);
      const name = match[1]?.replace(/^Object\./, "") ?? position.name ?? null;
      const text = sources.get(file)?.[position.line - 1]?.trim() ?? null;
      frames.push({ file, line: position.line, column: (position.column ?? 0) + 1, name, text });
    }
    return frames;
  }

  /** Where in the user's code a stack was taken: its innermost user frame. */
  location(stack: string | undefined): SourceLocation | undefined {
    const frame = this.frames(stack)[0];
    return frame ? { file: frame.file, line: frame.line, column: frame.column } : undefined;
  }

  /**
   * A Python-style traceback of the user's frames, outermost first, with the
   * source line under each, ending in the error's `Type: message`.
   */
  traceback(error: unknown): string {
    const stack = error instanceof Error ? error.stack : undefined;
    const head =
      error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
    const frames = this.frames(stack).reverse();
    const lines = ["Traceback (most recent call last):"];
    for (const frame of frames) {
      lines.push(`  File "${frame.file}", line ${frame.line}, in ${frame.name ?? "<module>"}`);
      if (frame.text) lines.push(`    ${frame.text}`);
    }
    if (frames.length === 0)
      lines.push("  (no frame in your code: the error came from the server)");
    lines.push(head);
    return lines.join("\n") + "\n";
  }
}
