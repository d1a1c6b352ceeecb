/**
 * @module debugger-transform
 * A `debugger;` statement in the user's TypeScript pauses the request, as
 * `breakpoint()` does in Python: the bundle's statement becomes a call to
 * the runner's pause hook, on the same line (only columns move), with an
 * evaluator that sees the function's scope and the names declared there:
 *
 * ```js
 * debugger;
 * // becomes
 * __wsgi_layers.pause((__wsgi_expression) => eval(__wsgi_expression), {"file":"app.ts","line":7,"function":"app"}, [["who","who"]]);
 * ```
 *
 * The evaluator is a direct `eval` inside an arrow: it reads (and writes)
 * the paused function's locals, its parameters and its closure's. The
 * names are the parameters and declarations of the enclosing functions
 * (each as the user wrote it, and as the bundle calls it): the Variables
 * view shows them.
 */
import type { Node } from "acorn";
import type MagicString from "magic-string";
import { LAYERS_PARAM } from "./layer-sites.ts";

type AnyNode = Node & Record<string, unknown>;

/** Where a `debugger;` is, in the user's files. */
export interface DebuggerSite {
  file: string;
  line: number;
  function: string;
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** The identifiers a pattern binds (`a`, `{ b, c: d }`, `[e, ...f]`, `g = 1`). */
function boundNames(pattern: AnyNode | null | undefined, into: AnyNode[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case "Identifier":
      into.push(pattern);
      return;
    case "AssignmentPattern":
      boundNames(pattern.left as AnyNode, into);
      return;
    case "RestElement":
      boundNames(pattern.argument as AnyNode, into);
      return;
    case "ArrayPattern":
      for (const element of pattern.elements as (AnyNode | null)[]) boundNames(element, into);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties as AnyNode[])
        boundNames((property.type === "RestElement" ? property : property.value) as AnyNode, into);
      return;
  }
}

/** The identifiers a function's parameters and body declare (not those of functions inside it). */
function declaredIn(fn: AnyNode): AnyNode[] {
  const names: AnyNode[] = [];
  for (const param of fn.params as AnyNode[]) boundNames(param, names);
  const visit = (node: AnyNode) => {
    if (node.type === "VariableDeclarator") boundNames(node.id as AnyNode, names);
    if (node.type === "FunctionDeclaration" && node.id) names.push(node.id as AnyNode);
    if (FUNCTIONS.has(node.type) && node !== fn) return;
    if (node.type === "ClassDeclaration" && node.id) names.push(node.id as AnyNode);
    for (const key of Object.keys(node)) {
      if (key === "type" || key === "start" || key === "end") continue;
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof (child as AnyNode).type === "string") visit(child as AnyNode);
    }
  };
  visit(fn.body as AnyNode);
  return names;
}

/**
 * Rewrite each `debugger;` of the user's files in `program` into the pause
 * hook's call (`edits`); `original` says where an offset comes from (null:
 * not the user's files), `shownName` the name the user wrote for a bundle
 * name at an offset. Answers how many were rewritten.
 */
export function rewriteDebuggers(
  program: Node,
  edits: MagicString,
  original: (offset: number) => { file: string; line: number } | null,
  shownName: (offset: number, bundleName: string) => string,
): number {
  let count = 0;
  const enclosing: AnyNode[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === "DebuggerStatement") {
      const where = original(node.start);
      if (!where) return;
      const fn = enclosing.at(-1);
      const name = fn?.id
        ? shownName((fn.id as AnyNode).start, (fn.id as AnyNode).name as string)
        : "";
      const site: DebuggerSite = {
        file: where.file,
        line: where.line,
        function: name || "<module>",
      };
      // The innermost declaration of a name wins, as in the scope itself.
      const names = new Map<string, string>();
      for (const scope of enclosing)
        for (const id of declaredIn(scope)) {
          const bundleName = id.name as string;
          names.set(bundleName, shownName(id.start, bundleName));
        }
      const pairs = [...names]
        .filter(([bundleName]) => !bundleName.startsWith("__"))
        .map(([bundleName, shown]) => [shown, bundleName]);
      edits.overwrite(
        node.start,
        node.end,
        `${LAYERS_PARAM}.pause((__wsgi_expression) => eval(__wsgi_expression), ${JSON.stringify(site)}, ${JSON.stringify(pairs)});`,
      );
      count++;
      return;
    }
    const isFunction = FUNCTIONS.has(node.type);
    if (isFunction) enclosing.push(node);
    for (const key of Object.keys(node)) {
      if (key === "type" || key === "start" || key === "end") continue;
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof (child as AnyNode).type === "string") walk(child as AnyNode);
    }
    if (isFunction) enclosing.pop();
  };
  walk(program as AnyNode);
  return count;
}
