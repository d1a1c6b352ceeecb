/**
 * @module layer-sites
 * How an instrumented bundle carries its layer sites to the runner: the
 * hook's parameter name and a comment with the sites as JSON, just above
 * the source map's comment. Kept apart from the transform so the runner
 * reads sites without loading a parser.
 */
import type { LayerSite } from "../wsgi/layer-hooks";

/** The name the bundle's code calls the hook by (a parameter of the function the loader makes). */
export const LAYERS_PARAM = "__wsgi_layers";
/** The comment that carries the sites. */
export const SITES_COMMENT = "//# wsgiLayerSites=";

/** The sites a bundle carries (none for one with no function that could be a layer). */
export function bundleSites(code: string): LayerSite[] {
  const at = code.lastIndexOf(SITES_COMMENT);
  if (at === -1) return [];
  const end = code.indexOf("\n", at);
  try {
    return JSON.parse(
      code.slice(at + SITES_COMMENT.length, end === -1 ? undefined : end),
    ) as LayerSite[];
  } catch {
    return [];
  }
}
