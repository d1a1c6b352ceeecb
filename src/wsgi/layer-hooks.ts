/**
 * @module layer-hooks
 * What the instrumented bundle calls (`__wsgi_layers`, see
 * `src/compiler/layer-transform.ts`), and the request being watched: a
 * call whose arguments are an environ and a callable is handed to that
 * request's {@link LayerWatch}; any other call, or any call outside a
 * request, runs the body as it was written.
 */
import { setLibraryLayerHook } from "../runtime/layer-hook";
import type { Layer } from "./layers";
import type { LayerWatch } from "./layer-watch";
import type { SourceLocation } from "./records";

/** A function of the bundle that may be a layer: its name and where it is written. */
export interface LayerSite {
  /** Its qualified name (`add_header.<locals>.tag`; `Mount` for a `__call__` method). */
  name: string;
  /** Its own name, as a traceback shows it (`tag`, `__call__`). */
  function: string;
  kind: Layer["kind"];
  defined: SourceLocation;
  /** Where in the bundle the wrapper's call is (1-based line, 0-based columns): that frame is not the user's. */
  wrapper?: { line: number; column: number; end: number };
}

type AnyFunction = (...args: unknown[]) => unknown;

/** What the instrumented bundle calls (as `__wsgi_layers`). */
export interface LayerHooks {
  /** A function's body, run as a layer when its arguments are (environ, start_response). */
  call(site: number, a: unknown, b: unknown, body: (a: unknown, b: unknown) => unknown): unknown;
  /** A generator function's body, likewise; the iterator it gives is delegated to. */
  gen(
    site: number,
    a: unknown,
    b: unknown,
    self: unknown,
    args: ArrayLike<unknown>,
    body: (...args: unknown[]) => Iterator<unknown>,
  ): Iterator<unknown>;
}

let current: LayerWatch | null = null;

/** Run `fn` (one request, from the app's call to its close) with `watch` watching. */
export function watchingLayers<T>(watch: LayerWatch, fn: () => T): T {
  const before = current;
  current = watch;
  try {
    return fn();
  } finally {
    current = before;
  }
}

// The library's own callables (validator's lint_app, demo_app) ask the request's watch, if any.
setLibraryLayerHook((site, a, b, body) =>
  current && isLayerCall(a, b) ? current.enter(site, a, b as AnyFunction, body) : body(a, b),
);

function isLayerCall(a: unknown, b: unknown): a is Record<string, unknown> {
  return (
    typeof b === "function" &&
    a !== null &&
    typeof a === "object" &&
    !Array.isArray(a) &&
    "wsgi.version" in a
  );
}

function rest(args: ArrayLike<unknown>): unknown[] {
  return Array.prototype.slice.call(args, 2) as unknown[];
}

/** The hooks for one bundle's sites. */
export function layerHooks(sites: readonly LayerSite[]): LayerHooks {
  return {
    call(site, a, b, body) {
      const watch = current;
      if (watch === null) return body(a, b);
      if (!isLayerCall(a, b)) {
        watch.named(sites[site]);
        return body(a, b);
      }
      return watch.enter(sites[site]!, a, b as AnyFunction, body);
    },
    gen(site, a, b, self, args, body) {
      const watch = current;
      if (watch === null || !isLayerCall(a, b)) return body.apply(self, [a, b, ...rest(args)]);
      return watch.enterGenerator(sites[site]!, a, b as AnyFunction, (recorder) =>
        body.apply(self, [a, recorder, ...rest(args)]),
      );
    },
  };
}
