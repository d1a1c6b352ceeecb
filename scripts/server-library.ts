/**
 * The playground's Python server modules as the build steps read them: every
 * `.py` file under `src/runner/python/`, by its path there — the same set
 * the runner bundles (`LIBRARY_FILES` in python-server.ts globs the folder).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of the server's modules. */
export const SERVER_DIR = fileURLToPath(new URL("../src/runner/python", import.meta.url));

/** Each server module's source, by its path under SERVER_DIR (`paste/__init__.py`), sorted. */
export function serverLibrary(): Record<string, string> {
  const paths = (readdirSync(SERVER_DIR, { recursive: true }) as string[])
    .map((path) => path.split("\\").join("/"))
    .filter((path) => path.endsWith(".py"))
    .sort();
  return Object.fromEntries(
    paths.map((path) => [path, readFileSync(join(SERVER_DIR, path), "utf8")]),
  );
}
