/**
 * @module jsonpath
 * The JSONPath the checks run: `$`, `.name`, `['name']` (or `"name"`),
 * `[index]` (negative from the end) and the wildcards `[*]` and `.*`. It
 * is small on purpose: the test file the checks are exported to
 * (`test_checks.py`) reads the same paths with the same few rules in
 * Python's standard library, so the page and `python3 -m unittest` agree.
 * A path with a wildcard gives a list (Hurl's rule for paths that are not
 * definite); one without gives the value, or nothing.
 *
 * @example
 * evaluate(compileJsonPath("$.items[0].id"), { items: [{ id: 7 }] }); // { found: true, value: 7 }
 */

/** One step of a path. */
export type PathStep =
  { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" };

/** A path that is not in the subset, with where in it. */
export class JsonPathError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the path. */
    readonly offset: number,
  ) {
    super(message);
  }
}

const SUPPORTED = "$, .name, ['name'], [index] and the wildcards [*] and .*";

/** Read a path into its steps; throws JsonPathError for what is not supported. */
export function compileJsonPath(path: string): PathStep[] {
  if (!path.startsWith("$"))
    throw new JsonPathError(`A JSONPath starts with $ (supported: ${SUPPORTED}).`, 0);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === "." && path[i + 1] === ".")
      throw new JsonPathError(
        `The descendant step .. is not supported here (supported: ${SUPPORTED}).`,
        i,
      );
    if (c === ".") {
      if (path[i + 1] === "*") {
        steps.push({ kind: "all" });
        i += 2;
        continue;
      }
      const name = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i + 1))?.[0];
      if (!name)
        throw new JsonPathError(`Expected a name after the dot (supported: ${SUPPORTED}).`, i + 1);
      steps.push({ kind: "key", key: name });
      i += 1 + name.length;
      continue;
    }
    if (c === "[") {
      const close = path.indexOf("]", i);
      if (close === -1) throw new JsonPathError("This [ is not closed.", i);
      const inside = path.slice(i + 1, close).trim();
      const quoted = /^(['"])(.*)\1$/.exec(inside);
      if (inside === "*") steps.push({ kind: "all" });
      else if (/^-?\d+$/.test(inside)) steps.push({ kind: "index", index: Number(inside) });
      else if (quoted && !/[,'"]/.test(quoted[2]!)) steps.push({ kind: "key", key: quoted[2]! });
      else
        throw new JsonPathError(
          `[${inside}] is not supported here: filters, slices and unions are not (supported: ${SUPPORTED}).`,
          i,
        );
      i = close + 1;
      continue;
    }
    throw new JsonPathError(`Unexpected ${c} (supported: ${SUPPORTED}).`, i);
  }
  return steps;
}

/** What a path found: a value (a list when it has a wildcard), or nothing. */
export type PathResult = { found: true; value: unknown } | { found: false };

/** Follow the steps through a parsed JSON document. */
export function evaluate(steps: readonly PathStep[], document: unknown): PathResult {
  const wild = steps.some((step) => step.kind === "all");
  let values: unknown[] = [document];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of values) {
      if (step.kind === "all") {
        if (Array.isArray(value)) next.push(...value);
        else if (value !== null && typeof value === "object") next.push(...Object.values(value));
      } else if (step.kind === "index") {
        if (Array.isArray(value)) {
          const at = step.index < 0 ? value.length + step.index : step.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        if (Object.prototype.hasOwnProperty.call(value, step.key))
          next.push((value as Record<string, unknown>)[step.key]);
      }
    }
    values = next;
  }
  if (wild) return { found: true, value: values };
  return values.length ? { found: true, value: values[0] } : { found: false };
}
