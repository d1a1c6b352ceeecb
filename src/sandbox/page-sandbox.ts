/**
 * @module page-sandbox
 * Where this page's user code runs, from the build's setting.
 */
import { sandboxOrigin } from "./sandbox-setting";

/**
 * Where this page's user code runs: the sandbox's origin, or null for the
 * page's own. For now the sandbox is used only when the address asks for
 * it (`?sandbox`): with it, the preview's reload, its recovery from a
 * stopped service worker and a sub-path deploy do not work yet.
 */
export function pageSandbox(): string | null {
  if (!new URLSearchParams(location.search).has("sandbox")) return null;
  return sandboxOrigin(__SANDBOX__, new URL(location.href));
}
