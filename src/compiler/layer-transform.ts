/**
 * @module layer-transform
 * Makes a TypeScript stack's layers visible, with no change to the user's
 * code: after esbuild has bundled the project, every function of the
 * user's files whose first two parameters are plain names is rewritten so
 * that its body runs through the runner's layer hook:
 *
 * ```js
 * function tag(environ, start_response) { BODY }
 * // becomes (on the same lines: only columns move, and the source map follows)
 * function tag(environ, start_response) { return __wsgi_layers.call(3, environ, start_response, (environ, start_response) => { BODY }); }
 * ```
 *
 * (A `debugger;` statement becomes a call to the runner's pause hook on
 * the way: see `debugger-transform.ts`.)
 *
 * The hook looks at the arguments when the function is called: an environ
 * (an object holding `wsgi.version`) and a callable make the call a layer
 * (see `src/wsgi/layer-watch.ts`); anything else runs the body as it was.
 * The body stays an arrow, so `this`, `arguments` and `super` are the
 * function's own. A generator's body becomes an inner generator that the
 * hook iterates (`return yield* __wsgi_layers.gen(…)`), so its chunks are
 * seen as they are yielded. Async functions, getters, setters,
 * constructors and functions with a pattern or a rest first are left alone:
 * none of them is a WSGI callable.
 *
 * Each such function is a *site* (its qualified name as Python would write
 * it — `add_header.<locals>.tag`, `Mount` for a `__call__` method — and where
 * it is defined, both read through the bundle's source map, so esbuild's
 * renames do not show). The sites travel with the bundle in a comment the
 * loader reads.
 */
import { parse, type Node } from "acorn";
import MagicString from "magic-string";
import remapping from "@jridgewell/remapping";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { LayerSite } from "../wsgi/layer-hooks";

import { rewriteDebuggers } from "./debugger-transform.ts";
import { LAYERS_PARAM, SITES_COMMENT } from "./layer-sites.ts";

const MAP_COMMENT = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

// acorn's tree, as far as this module reads it.
interface Identifier extends Node {
  type: "Identifier";
  name: string;
}
interface FunctionNode extends Node {
  type: "FunctionDeclaration" | "FunctionExpression" | "ArrowFunctionExpression";
  id?: Identifier | null;
  params: Node[];
  body: Node;
  generator: boolean;
  async: boolean;
  expression?: boolean;
}
type AnyNode = Node & Record<string, unknown>;

function isFunction(node: Node): node is FunctionNode {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression"
  );
}

function decodeBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Offsets of each line's start, to turn an offset into the map's line and column. */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = code.indexOf("\n"); i !== -1; i = code.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The sites and the rewritten bundle. */
export interface InstrumentedBundle {
  code: string;
  sites: LayerSite[];
}

/**
 * Rewrite a bundle (esbuild's CommonJS output with its inline source map)
 * so that its layers can be watched. A bundle without a map, or one acorn
 * cannot read, is returned as it was, with no sites.
 */
export function instrumentLayers(bundle: string): InstrumentedBundle {
  const match = MAP_COMMENT.exec(bundle);
  if (!match) return { code: bundle, sites: [] };
  const code = bundle.slice(0, match.index);
  const rawMap = decodeBase64(match[1]!);
  const map = new TraceMap(rawMap);
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: "latest", sourceType: "script" });
  } catch {
    return { code: bundle, sites: [] };
  }
  const starts = lineStarts(code);
  /** Where an offset of the bundle comes from: a project file's line, column and the name there. */
  const original = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    const position = originalPositionFor(map, { line: low + 1, column: offset - starts[low]! });
    if (position.source === null || !/(^|\/)project:/.test(position.source)) return null;
    return {
      file: position.source.replace(/^(?:.*\/)?project:/, ""),
      line: position.line,
      column: position.column + 1,
      name: position.name,
    };
  };
  const nameAt = (id: Node | null | undefined): string | null => {
    if (!id) return null;
    if (id.type === "Identifier") return original(id.start)?.name ?? (id as Identifier).name;
    if (id.type === "PrivateIdentifier") return `#${(id as Identifier).name}`;
    if (id.type === "Literal") return String((id as AnyNode).value);
    return null;
  };

  const edits = new MagicString(code);
  const sites: LayerSite[] = [];
  /** The qualified-name prefixes of what encloses the node being walked (`tag.<locals>.`, `Mount.`). */
  const scope: string[] = [];
  const prefix = () => scope.at(-1) ?? "";
  /** The text put before each site's body: a stack frame inside it is the wrapper's, not the user's. */
  const prefixes: string[] = [];

  const ownName = (node: FunctionNode, parent: AnyNode | null): string => {
    if (parent?.type === "MethodDefinition" || parent?.type === "PropertyDefinition") {
      return (parent.computed ? null : nameAt(parent.key as Node)) ?? "<anonymous>";
    }
    return (
      nameAt(node.id) ??
      (parent?.type === "VariableDeclarator" ? nameAt(parent.id as Node) : null) ??
      (parent?.type === "Property" && !parent.computed ? nameAt(parent.key as Node) : null) ??
      (parent?.type === "AssignmentExpression" && (parent.left as Node).type === "Identifier"
        ? nameAt(parent.left as Node)
        : null) ??
      "<anonymous>"
    );
  };

  const instrument = (node: FunctionNode, parent: AnyNode | null, name: string, own: string) => {
    const [first, second] = node.params;
    if (node.async || !first || !second) return;
    if (first.type !== "Identifier" || second.type !== "Identifier") return;
    if (parent?.type === "MethodDefinition" && parent.kind !== "method") return;
    if (parent?.type === "Property" && parent.kind !== "init") return;
    const where = original(node.start);
    if (!where) return;
    const inClass = parent?.type === "MethodDefinition" || parent?.type === "PropertyDefinition";
    const method = inClass || (parent?.type === "Property" && parent.method === true);
    // An instance with __call__ is named by its class, as Python names it: `Mount`.
    const callable = inClass && name.endsWith(".__call__");
    sites.push({
      name: callable ? name.slice(0, -".__call__".length) : name,
      function: own,
      kind: node.generator
        ? "generator"
        : callable
          ? "callable object"
          : method
            ? "method"
            : "function",
      defined: { file: where.file, line: where.line, column: where.column },
    });
    const site = sites.length - 1;
    const a = (first as Identifier).name;
    const b = (second as Identifier).name;
    const body = node.body;
    // Both ends of a block go in with appendRight, in order, so an empty body reads right too.
    let prefix: string;
    if (node.generator) {
      prefix = ` return yield* ${LAYERS_PARAM}.gen(${site}, ${a}, ${b}, this, arguments, function* (${a}, ${b}) {`;
      edits.appendRight(body.start + 1, prefix);
      edits.appendRight(body.end - 1, "}); ");
    } else if (body.type === "BlockStatement") {
      prefix = ` return ${LAYERS_PARAM}.call(${site}, ${a}, ${b}, (${a}, ${b}) => {`;
      edits.appendRight(body.start + 1, prefix);
      edits.appendRight(body.end - 1, "}); ");
    } else {
      prefix = `${LAYERS_PARAM}.call(${site}, ${a}, ${b}, (${a}, ${b}) => (`;
      edits.appendRight(body.start, prefix);
      edits.appendLeft(body.end, "))");
    }
    prefixes.push(prefix);
  };

  const walk = (node: AnyNode, parent: AnyNode | null): void => {
    if (isFunction(node)) {
      const own = ownName(node, parent);
      const qualified = prefix() + own;
      for (const param of node.params) walk(param as AnyNode, node);
      scope.push(`${qualified}.<locals>.`);
      walk(node.body as AnyNode, node);
      scope.pop();
      // After the functions inside it: their edits at a shared end come first.
      instrument(node, parent, qualified, own);
      return;
    }
    const isClass = node.type === "ClassDeclaration" || node.type === "ClassExpression";
    if (isClass) {
      const own =
        nameAt(node.id as Node | null) ??
        (parent?.type === "VariableDeclarator" ? nameAt(parent.id as Node) : null) ??
        "<anonymous>";
      scope.push(`${prefix()}${own}.`);
    }
    for (const key of Object.keys(node)) {
      if (key === "type" || key === "start" || key === "end") continue;
      const value = node[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children)
        if (child && typeof (child as AnyNode).type === "string") walk(child as AnyNode, node);
    }
    if (isClass) scope.pop();
  };

  walk(program as AnyNode, null);
  const pauses = rewriteDebuggers(
    program,
    edits,
    original,
    (offset, bundleName) => original(offset)?.name ?? bundleName,
  );
  if (sites.length === 0 && pauses === 0) return { code: bundle, sites: [] };
  const ownMap = edits.generateMap({ hires: true, source: "bundle.js", includeContent: false });
  const merged = remapping([ownMap.toString(), rawMap], () => null);
  const out = edits.toString();
  const outStarts = lineStarts(out);
  let line = 0;
  prefixes.forEach((text, i) => {
    const at = out.indexOf(text);
    if (at === -1) return;
    line = 0;
    while (line + 1 < outStarts.length && outStarts[line + 1]! <= at) line++;
    const column = at - outStarts[line]!;
    sites[i]!.wrapper = { line: line + 1, column, end: column + text.length };
  });
  return {
    code:
      `${out}\n${SITES_COMMENT}${JSON.stringify(sites)}\n` +
      `//# sourceMappingURL=data:application/json;base64,${encodeBase64(merged.toString())}\n`,
    sites,
  };
}
