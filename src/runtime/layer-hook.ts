/**
 * @module layer-hook
 * How the runtime library's own WSGI callables (`validator`'s `lint_app`,
 * `demo_app`) show as layers of a stack, as wsgiref's do in Python: the
 * server's layer watch (`src/wsgi/layer-watch.ts`) plugs itself in here for
 * the length of a request; outside one, a call runs as it is.
 */

/** A callable of the library, as the Layers view names it. */
export interface LibrarySite {
  name: string;
  function: string;
  kind: "function";
  /** Where it is written: the library's module, not a project file. */
  defined: { file: string; line: number; column: number };
}

type Body = (environ: unknown, start_response: unknown) => unknown;

let hook: ((site: LibrarySite, a: unknown, b: unknown, body: Body) => unknown) | null = null;

/** Plug a watch in (null: take it out). */
export function setLibraryLayerHook(next: typeof hook): void {
  hook = next;
}

/** Run `body` as the library callable `site`, watched when a request is. */
export function libraryLayer(site: LibrarySite, a: unknown, b: unknown, body: Body): unknown {
  return hook ? hook(site, a, b, body) : body(a, b);
}
