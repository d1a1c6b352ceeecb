/**
 * @module bundle-options
 * How a project is bundled: one CommonJS script with an inline source map,
 * `"wsgi"` left to the runner. Shared by the compiler worker and the tests
 * that compile projects the same way.
 */
import type { BuildOptions } from "esbuild-wasm/esm/browser.js";
import { vfsPlugin } from "./vfs-plugin.ts";

/** esbuild's options for bundling `files` from `entry`. */
export function bundleOptions(
  files: Record<string, string>,
  entry: string,
): BuildOptions & { write: false } {
  return {
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "neutral",
    target: "es2022",
    sourcemap: "inline",
    sourcesContent: true,
    logLevel: "silent",
    outfile: "app.bundle.js",
    plugins: [vfsPlugin(files)],
  };
}
