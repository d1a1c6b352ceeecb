/**
 * @module page-sandbox
 * Where this page's user code runs, from the build's setting.
 */
import { sandboxOrigin } from "./sandbox-setting";

/**
 * Where this page's user code runs: the sandbox's origin, or null for the
 * page's own (the build was told there is none, or the page's address has
 * no port to go one up from: see README's "Code from a link runs on an
 * origin of its own").
 */
export function pageSandbox(): string | null {
  return sandboxOrigin(__SANDBOX__, new URL(location.href));
}

/**
 * True when this page was opened on the origin the build names as its
 * sandbox (a static deploy's second origin): the playground is elsewhere,
 * and this page only says so. (The next port's server sends such a page to
 * the playground itself: see scripts/sandbox-origin.ts.)
 */
export function pageOnSandbox(): boolean {
  return __SANDBOX__.kind === "origin" && __SANDBOX__.origin === location.origin;
}
