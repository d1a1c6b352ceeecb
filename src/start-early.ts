/**
 * @module start-early
 * The page's first script, run before the rest of its code is evaluated:
 * it starts the runner Worker of the runtime the visit will need (see
 * `first-runtime`), so that CPython's start overlaps the page's own (React,
 * the shell, the editor). A link's project waits for the main code, which
 * decodes it and starts the runner of the link's language.
 */
import { firstRuntime } from "./app/first-runtime";
import { startEarly } from "./runner/runner-start";
import { isShareFragment } from "./share/share-fragment";

if (!isShareFragment(location.hash)) startEarly(firstRuntime(null));
