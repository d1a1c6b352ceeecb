/**
 * @module start-early
 * The page's first script, run before the rest of its code is evaluated:
 * it starts the runner Worker of the runtime the visit will need (see
 * `first-runtime`), or the sandbox page that runs it (see `sandbox/`), so
 * that CPython's start overlaps the page's own (React, the shell, the
 * editor). A link's project waits for the main code, which decodes it and
 * starts the runner of the link's language.
 */
import { firstRuntime } from "./app/first-runtime";
import { startEarly } from "./runner/runner-start";
import { sandboxFrame } from "./sandbox/sandbox-link";
import { pageOnSandbox, pageSandbox } from "./sandbox/page-sandbox";
import { isShareFragment } from "./share/share-fragment";

const linked = isShareFragment(location.hash);
const sandbox = pageSandbox();
// The sandbox page starts the runtime it is told of by its address.
if (pageOnSandbox()) {
  // Not a playground: main.tsx says where it is.
} else if (sandbox) sandboxFrame(sandbox, linked ? null : firstRuntime(null).language);
else if (!linked) startEarly(firstRuntime(null));
