/**
 * @module build-project
 * One build of a TypeScript project, the same wherever it runs (the
 * compiler Worker, the playground's own build for the new project, the
 * tests): esbuild bundles it, then its layers are made visible
 * (`layer-transform.ts`).
 */
import type { BuildResult, Message } from "esbuild-wasm/esm/browser.js";
import { bundleOptions } from "./bundle-options.ts";
import { instrumentLayers } from "./layer-transform.ts";

/** The part of esbuild's module a build uses (the browser's and Node's both fit). */
export interface Esbuild {
  build(
    options: ReturnType<typeof bundleOptions>,
  ): Promise<BuildResult & { outputFiles: { text: string }[] }>;
}

/** A finished build: the runner's script and esbuild's warnings. */
export interface ProjectBuild {
  code: string;
  warnings: Message[];
}

/** Bundle `files` from `entry` and instrument the bundle; esbuild's failure is thrown as it comes. */
export async function buildProject(
  esbuild: Esbuild,
  files: Record<string, string>,
  entry: string,
): Promise<ProjectBuild> {
  const result = await esbuild.build(bundleOptions(files, entry));
  return {
    code: instrumentLayers(result.outputFiles[0]?.text ?? "").code,
    warnings: result.warnings,
  };
}
