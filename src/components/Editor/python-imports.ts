/**
 * @module python-imports
 * What the editor offers after `import ` or `from `: the modules a Python
 * project can import here beyond the standard library — the frameworks this
 * build ships (each loaded when a file imports it), the project's own
 * modules, the playground's paste — completed a dotted part at a time.
 */

/** What is being typed as a module name at the end of `before` (a line up to the caret), or null. */
export function typedModule(before: string): string | null {
  const found = /^\s*(?:import|from)\s+([\w.]*)$/.exec(before);
  return found ? found[1]! : null;
}

/**
 * The names to offer for `typed` ("werkzeug.mi"): each module whose dotted
 * name starts with it, one part past what is typed ("werkzeug.middleware"),
 * once each.
 */
export function moduleCompletions(typed: string, modules: string[]): string[] {
  const depth = typed.split(".").length;
  const names = new Set<string>();
  for (const module of modules) {
    if (!module.startsWith(typed)) continue;
    names.add(module.split(".").slice(0, depth).join("."));
  }
  return [...names].sort();
}

/** The project's own modules, from its file paths: "app.py" → "app", "pkg/__init__.py" → "pkg". */
export function projectModules(paths: string[]): string[] {
  return paths
    .filter((path) => path.endsWith(".py"))
    .map((path) =>
      path
        .slice(0, -3)
        .replace(/\/__init__$/, "")
        .replace(/\//g, "."),
    );
}
