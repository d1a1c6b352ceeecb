/**
 * @module layers
 * The layers of a WSGI stack, as a runner reports them: each callable that
 * received `(environ, start_response)` on the way from the server to the
 * app, outermost first, with what it received and what it passed on. The
 * diffs the inspector shows are made here, from the snapshots, by pure
 * functions: what a layer changed in the environ before calling the one
 * below it, and what it changed in the status and headers on the way back.
 *
 * @example
 * environDiff(layers[1].environ, layers[2].environ);
 * // [{ key: "PATH_INFO", before: "/api/items", after: "/items" }, …]
 */
import type { EnvironValue, SourceLocation, TraceEvent } from "./records";

/** One call of the start_response a layer was given. */
export interface LayerStartResponse {
  status: string;
  /** The headers as `[name, value]` pairs; null when they were not a list of pairs. */
  headers: [string, string][] | null;
  /** `repr()` of headers that were not a list, else null. */
  headersRepr: string | null;
  /** `repr()` of the exc_info's exception, or null when none was passed. */
  excInfo: string | null;
  /** When it was called: milliseconds since the request began. */
  at?: number;
}

/** What one layer received and passed on. */
export interface Layer {
  /** Its qualified name: `add_header.<locals>.tag`, `Mount`, `inner`. */
  name: string;
  kind: "function" | "generator" | "method" | "callable object";
  /** Where it is defined (a project file relative, else the module's path). */
  defined: SourceLocation;
  /** The environ as it received it. */
  environ: Record<string, EnvironValue>;
  /** Keys whose object its caller replaced (`wsgi.input`, `wsgi.errors`). */
  replaced: string[];
  /** The start_response it was given: the server's, its caller's own, or a wrapper. */
  startResponse: "server's" | "caller's" | "wrapper";
  /** That start_response's qualified name. */
  startResponseName: string;
  /** Each call it made of it. */
  calls: LayerStartResponse[];
  /** The type of what it returned (`list`, `generator`, `Closing`); null if it had not returned. */
  returned: string | null;
  /** `len()` of it, for a list or tuple. */
  returnedLen: number | null;
  /** The size of each chunk its iterable gave. */
  chunks: number[];
  /** It returned the very iterable the layer below it returned. */
  passesThrough: boolean;
  /** Its iterable has `close()`. */
  closable: boolean;
  /** Who closed its iterable: a layer's name, "the server", or null (nobody, or nothing to close). */
  closedBy: string | null;
  /** When its code began (a generator's: when it was first read), in milliseconds since the request began. */
  enteredAt?: number;
  /** When it returned (null: a generator, or it had not returned). */
  returnedAt?: number | null;
  /** When its iterable gave its first chunk. */
  firstChunkAt?: number | null;
  /** When its iterable was closed. */
  closedAt?: number | null;
  /** Milliseconds in it and the layers below it. */
  timeTotal: number;
  /** Milliseconds in it alone. */
  timeSelf: number;
}

/** One environ key a layer changed for the layer below it. */
export interface EnvironChange {
  key: string;
  /** Absent when the key was added. */
  before?: EnvironValue;
  /** Absent when the key was removed. */
  after?: EnvironValue;
}

/** How an environ value reads: a str as Python's repr shows it, anything else its repr. */
export function environText(value: EnvironValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value.repr;
  return JSON.stringify(value);
}

/** The keys added, changed and removed between two environs, in the order of `after` (removed last). */
export function environDiff(
  before: Record<string, EnvironValue>,
  after: Record<string, EnvironValue>,
): EnvironChange[] {
  const changes: EnvironChange[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) changes.push({ key, after: value });
    else if (environText(before[key]) !== environText(value))
      changes.push({ key, before: before[key]!, after: value });
  }
  for (const [key, value] of Object.entries(before)) {
    if (!(key in after)) changes.push({ key, before: value });
  }
  return changes;
}

/** One change a layer made to what the layer below passed up. */
export type HeadChange =
  | { kind: "status"; before: string; after: string }
  | { kind: "added"; name: string; value: string }
  | { kind: "removed"; name: string; value: string }
  | { kind: "changed"; name: string; before: string; after: string };

/**
 * What a layer changed in the status and headers it passed up, against
 * what the layer below passed to it (its last call each). Header names
 * compare without case; a repeated header is compared by its position
 * among its namesakes.
 */
export function headDiff(below: LayerStartResponse, passed: LayerStartResponse): HeadChange[] {
  const changes: HeadChange[] = [];
  if (below.status !== passed.status) {
    changes.push({ kind: "status", before: below.status, after: passed.status });
  }
  const group = (headers: [string, string][] | null) => {
    const byName = new Map<string, [string, string][]>();
    for (const header of headers ?? []) {
      const key = header[0].toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), header]);
    }
    return byName;
  };
  const was = group(below.headers);
  const now = group(passed.headers);
  for (const [key, headers] of now) {
    const old = was.get(key) ?? [];
    headers.forEach(([name, value], i) => {
      const before = old[i];
      if (!before) changes.push({ kind: "added", name, value });
      else if (before[1] !== value)
        changes.push({ kind: "changed", name, before: before[1], after: value });
    });
    for (const [name, value] of old.slice(headers.length))
      changes.push({ kind: "removed", name, value });
  }
  for (const [key, headers] of was) {
    if (!now.has(key))
      for (const [name, value] of headers) changes.push({ kind: "removed", name, value });
  }
  return changes;
}

/**
 * The status and headers layer `index` passed up: its own last call of
 * start_response, else (it passed its start_response down untouched)
 * what the layer below it passed up. Null when no layer at or below it called.
 */
export function passedUp(layers: readonly Layer[], index: number): LayerStartResponse | null {
  for (let i = index; i < layers.length; i++) {
    const last = layers[i]!.calls.at(-1);
    if (last) return last;
  }
  return null;
}

/** What layer `index` changed in the status and headers on their way up (nothing if it made no call). */
export function headChanges(layers: readonly Layer[], index: number): HeadChange[] {
  const own = layers[index]?.calls.at(-1);
  if (!own) return [];
  const below = passedUp(layers, index + 1);
  return below ? headDiff(below, own) : [];
}

/**
 * Tag a response's call trace with the layers that made it: the call and
 * the return are the outermost layer's; a chunk and close() are of the
 * iterable the server read, the first layer's that is not passed through;
 * start_response and write() came tagged by the runner (the layer running
 * when the server's own was called). A one-layer app gets no tags.
 */
export function tagTrace(trace: TraceEvent[], layers: readonly Layer[]): TraceEvent[] {
  if (layers.length < 2) {
    return trace.map((event) => {
      if (!("layer" in event)) return event;
      const { layer: _dropped, ...rest } = event;
      return rest as TraceEvent;
    });
  }
  const outer = layers[0]!.name;
  const reader = layers.find((layer) => !layer.passesThrough)?.name ?? layers.at(-1)!.name;
  return trace.map((event) => {
    switch (event.kind) {
      case "call":
      case "return":
        return { ...event, layer: outer };
      case "chunk":
      case "close":
        return { ...event, layer: reader };
      default:
        return event.layer ? event : { ...event, layer: null };
    }
  });
}
