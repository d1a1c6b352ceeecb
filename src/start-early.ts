/**
 * @module start-early
 * The page's entry, a few kilobytes: it starts the runner Worker of the
 * runtime the visit will need (see `first-runtime`), or the sandbox page
 * that runs it (see `sandbox/`), then loads the rest of the page (`main`),
 * so that CPython's start overlaps the page's own (React, the shell, the
 * editor) instead of waiting for its 600 KB to be fetched and evaluated.
 * A link's project waits for the main code, which decodes it and starts
 * the runner of the link's language.
 */
import { firstRuntime } from "./app/first-runtime";
import { atMost } from "./protocol/wait";
import { startEarly } from "./runner/runner-start";
import { sandboxFrame } from "./sandbox/sandbox-link";
import { pageOnSandbox, pageSandbox } from "./sandbox/page-sandbox";
import { isShareFragment } from "./share/share-fragment";

/**
 * How long the main code waits for the sandbox to say its runner started
 * (one that never answers is the main code's to report: see SandboxLink).
 */
const HEAD_START_MS = 1_000;

const linked = isShareFragment(location.hash);
const sandbox = pageSandbox();
/** What the main code waits for. */
let before: Promise<unknown> = Promise.resolve();
if (pageOnSandbox()) {
  // Not a playground: main.tsx says where it is.
} else if (sandbox) {
  // The sandbox page starts the runtime it is told of by its address.
  const runtime = linked ? null : firstRuntime(null);
  const { listening } = sandboxFrame(sandbox, runtime?.language ?? null);
  // The sandbox frame shares this page's thread (one site): a runtime that takes seconds to start
  // (CPython, the one with a standby) is started before the main code's 600 KB are evaluated, not
  // after (the main code is fetched meanwhile: a modulepreload). TypeScript's runner is ready in a
  // moment: the page's own start is the longer, and goes first (a wait here cost 0.25 s of an idle
  // thread on a first visit).
  if (runtime?.standby) before = atMost(listening, HEAD_START_MS);
} else if (!linked) startEarly(firstRuntime(null));

void before.then(() => import("./main"));
