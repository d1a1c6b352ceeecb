/**
 * @module load-bundle
 * Evaluate a compiled CommonJS bundle and find the WSGI application in it:
 * the default export, or `application` (mod_wsgi's name). `require("wsgi")`
 * is answered with the runtime library the server core itself uses.
 */
import * as wsgi from "../runtime/index";
import { BUNDLE_URL } from "./source-mapper";
import { bundleSites, LAYERS_PARAM } from "../compiler/layer-sites";
import { layerHooks } from "../wsgi/layer-hooks";
import type { Pause } from "./ts-debugger";

/** A bundle that loaded but does not export an app, or threw while loading. */
export class LoadError extends Error {
  override name = "LoadError";
}

/** Run the bundle's top level and return its application callable; a `debugger;` in it calls `pause`. */
export function loadBundle(code: string, entry: string, pause: Pause = () => undefined): unknown {
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const require = (name: string): unknown => {
    if (name === "wsgi") return wsgi;
    throw new LoadError(`Cannot find module '${name}'`);
  };
  const run = new Function(
    "module",
    "exports",
    "require",
    LAYERS_PARAM,
    `${code}\n//# sourceURL=${BUNDLE_URL}`,
  );
  run(module, module.exports, require, { ...layerHooks(bundleSites(code)), pause });
  const exports = module.exports;
  const app = exports.default ?? exports.application;
  if (app === undefined) {
    throw new LoadError(
      `${entry} exports no application. Add \`export default function app(environ, start_response) { … }\` (or \`export const application = …\`).`,
    );
  }
  // An instance with __call__ is called as Python calls one: application(environ, start_response).
  const call = (app as { __call__?: unknown } | null)?.__call__;
  if (typeof app === "object" && app !== null && typeof call === "function") {
    return call.bind(app);
  }
  if (typeof app !== "function") {
    throw new LoadError(
      `The application exported by ${entry} is ${app === null ? "null" : typeof app}, not a function (nor an object with a __call__ method): a WSGI application is called as app(environ, start_response).`,
    );
  }
  return app;
}
