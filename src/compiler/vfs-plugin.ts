/**
 * @module vfs-plugin
 * An esbuild plugin that serves the project's files from memory and leaves
 * `"wsgi"` to the runner, which answers `require("wsgi")` with the runtime
 * library itself, so the app and the server share one copy of it.
 */
import type { Loader, Plugin } from "esbuild-wasm/esm/browser.js";

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".json"];
const NAMESPACE = "project";

/** Files an import gives as their text (a template, a stylesheet): esbuild's text loader. */
export const TEXT_EXTENSIONS = ["html", "htm", "css", "txt", "md", "svg", "xml", "csv"] as const;

function loaderFor(path: string): Loader {
  const ext = path.slice(path.lastIndexOf(".") + 1);
  if (ext === "tsx" || ext === "jsx" || ext === "json") return ext;
  if (ext === "js" || ext === "mjs") return "js";
  if ((TEXT_EXTENSIONS as readonly string[]).includes(ext)) return "text";
  return "ts";
}

/** Join `relative` onto the folder of `from`, resolving `.` and `..`. */
export function joinPath(from: string, relative: string): string {
  const parts = relative.startsWith("/") ? [] : from.split("/").slice(0, -1);
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** Find a project file the way a bundler would: exact, with an extension, or an index file. */
export function resolveProjectPath(files: Record<string, string>, path: string): string | null {
  for (const ext of EXTENSIONS) if (path + ext in files) return path + ext;
  for (const ext of EXTENSIONS.slice(1))
    if (`${path}/index${ext}` in files) return `${path}/index${ext}`;
  return null;
}

/** The plugin over a snapshot of the project's files. */
export function vfsPlugin(files: Record<string, string>): Plugin {
  return {
    name: "wsgi-playground-vfs",
    setup(build) {
      build.onResolve({ filter: /^wsgi$/ }, () => ({ path: "wsgi", external: true }));
      build.onResolve({ filter: /.*/ }, (args) => {
        const isEntry = args.kind === "entry-point";
        if (!isEntry && !args.path.startsWith(".") && !args.path.startsWith("/")) {
          return {
            errors: [
              {
                text: `Cannot import "${args.path}": only project files and "wsgi" can be imported (no packages are installed in the playground).`,
              },
            ],
          };
        }
        const wanted = isEntry ? args.path : joinPath(args.importer, args.path);
        const found = resolveProjectPath(files, wanted);
        if (found === null) {
          return {
            errors: [{ text: `Cannot find file "${args.path}" (looked for "${wanted}").` }],
          };
        }
        return { path: found, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: files[args.path],
        loader: loaderFor(args.path),
      }));
    },
  };
}
