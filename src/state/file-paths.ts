/**
 * @module file-paths
 * What a project file may be called, and how much a project may hold. Every
 * way a file comes in (New file, Rename, a zip, a link) asks these, so a
 * name refused in one is refused in all, with the same words.
 *
 * @example
 * checkFilePath("pkg/views.py", ["app.py"]); // null: fine
 * checkFilePath("../evil.py", ["app.py"]);   // "A file name cannot climb out of the project (..)."
 * importHint("my-routes.py");                // "my-routes.py cannot be imported … my_routes.py …"
 */
import { languageOf } from "../runner/runtimes.ts";

/** The most a project may hold. */
export const PROJECT_LIMITS = { files: 200, bytes: 5 * 1024 * 1024 } as const;

/** The characters a path may have: letters, digits, `_ . -`, and `/` between folders. */
const PATH_CHARS = /^[\w.\-/]+$/;

/** Why `path` cannot be a new file's name next to `existing` (null when it can). */
export function checkFilePath(path: string, existing: Iterable<string>): string | null {
  if (path.trim() === "") return "Type a file name, such as routes.py or pkg/views.py.";
  if (path !== path.trim()) return `"${path}" starts or ends with a space; remove it.`;
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path) || path.startsWith("\\"))
    return `"${path}" is an absolute path; give it relative to the project, such as routes.py.`;
  const parts = path.split("/");
  if (parts.includes(".."))
    return `"${path}" climbs out of the project (..); a file stays inside it.`;
  if (parts.some((part) => part === "" || part === "."))
    return `"${path}" has an empty or "." folder; write it as folder/name.ext.`;
  if (!PATH_CHARS.test(path)) {
    const bad = [...path].find((c) => !/[\w.\-/]/.test(c))!;
    return `"${path}" has "${bad}" in it; a file name has letters, digits, _ . - and / only.`;
  }
  if (path.length > 200) return `"${path.slice(0, 40)}…" is longer than 200 characters.`;
  const lower = path.toLowerCase();
  for (const name of existing) {
    if (name === path) return `There is already a file called ${path}.`;
    if (name.toLowerCase() === lower)
      return `There is already ${name}; names that differ only in case would clash on many disks.`;
    if (name.startsWith(`${path}/`)) return `${path} is a folder of the project (${name}).`;
    if (path.startsWith(`${name}/`)) return `${name} is a file, so it cannot be a folder too.`;
  }
  return null;
}

/** Why a project of these files is too large (null when it fits). */
export function checkProjectSize(files: Record<string, string>): string | null {
  const count = Object.keys(files).length;
  if (count > PROJECT_LIMITS.files)
    return `A project holds at most ${PROJECT_LIMITS.files} files (this one would have ${count}).`;
  let bytes = 0;
  for (const text of Object.values(files)) bytes += text.length;
  if (bytes > PROJECT_LIMITS.bytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return `A project holds at most ${mb(PROJECT_LIMITS.bytes)} MB of text (this one would have ${mb(bytes)} MB).`;
  }
  return null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * For a `.py` file whose module path is not made of Python identifiers: how
 * `import` would fail, and the name that would work. Null when it can be
 * imported (or is not Python). Not a refusal: an entry file runs by its path.
 */
export function importHint(path: string): string | null {
  if (!path.endsWith(".py")) return null;
  const parts = path.slice(0, -3).split("/");
  if (parts.every((part) => IDENTIFIER.test(part))) return null;
  const fixed = parts.map((part) => part.replace(/\W/g, "_").replace(/^(\d)/, "_$1")).join("/");
  return (
    `${path} cannot be imported as a module: Python module and package names are identifiers ` +
    `(letters, digits and _, not starting with a digit). Call it ${fixed}.py to import it, ` +
    `or keep the name if it is only run as the entry file.`
  );
}

/** Whether `path` can be a project's entry file (a language the playground runs). */
export function canBeEntry(path: string): boolean {
  return languageOf(path) !== null;
}
