/**
 * @module preload-main
 * A Vite plugin: the page's main code fetched while its entry waits.
 *
 * The page's entry (`src/start-early.ts`) is a few kilobytes: it starts the
 * sandbox frame (or the runner Worker), then imports the rest of the page
 * (`src/main.tsx`, 600 KB) when the sandbox's runner has started, since the
 * sandbox shares the page's thread and would otherwise wait for the main
 * code's evaluation (see `start-early.ts`). So that the wait costs no
 * download, `index.html` names the main chunk and the chunks it imports as
 * `modulepreload`s (fetched and parsed at once, evaluated when imported),
 * and their stylesheets as `preload`s (fetched, applied when imported).
 */
import type { Plugin } from "vite";

/** The part of a built chunk this plugin reads. */
export interface BuiltChunk {
  type: "chunk" | "asset";
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
  /** The stylesheets its modules import (Vite's metadata). */
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * What to fetch early for the chunk built from the module whose path ends
 * with `entry`: that chunk and, depth first, every chunk it imports
 * (`scripts`), and their stylesheets (`styles`).
 */
export function preloadsOf(
  bundle: Record<string, BuiltChunk>,
  entry: string,
): { scripts: string[]; styles: string[] } {
  const chunks = Object.values(bundle).filter((each) => each.type === "chunk");
  const main = chunks.find((each) => each.facadeModuleId?.endsWith(entry));
  const scripts: string[] = [];
  const styles = new Set<string>();
  const visit = (chunk: BuiltChunk) => {
    if (scripts.includes(chunk.fileName)) return;
    scripts.push(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
    for (const name of chunk.imports ?? []) if (bundle[name]) visit(bundle[name]);
  };
  if (main) visit(main);
  return { scripts, styles: [...styles] };
}

/** Name `entry`'s chunk (a module imported later, by path suffix) in the page `html` as modulepreloads. */
export function preloadMain(html = "index.html", entry = "/src/main.tsx"): Plugin {
  return {
    name: "preload-main",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(source, context) {
        if (!context.bundle || !context.filename.endsWith(html)) return [];
        const { scripts, styles } = preloadsOf(context.bundle as Record<string, BuiltChunk>, entry);
        // What the page names already (the entry and its own imports) is not named twice.
        const link = (attrs: Record<string, string | boolean>) => (file: string) =>
          source.includes(`/${file}"`)
            ? []
            : [{ tag: "link", attrs: { ...attrs, href: `./${file}` }, injectTo: "head" as const }];
        return [
          ...scripts.flatMap(link({ rel: "modulepreload", crossorigin: true })),
          // Fetched, not applied: a stylesheet in the head holds the entry's script until it
          // loads (0.15 s of a first visit), and the page has nothing to style before the main
          // code runs, which links it (Vite's import of a chunk waits for its CSS).
          ...styles.flatMap(link({ rel: "preload", as: "style" })),
        ];
      },
    },
  };
}
