/**
 * @module first-runtime
 * The runtime a visit starts before its project is read from storage
 * (CPython takes a while: it starts at once): a link's, else that of the
 * project on screen last time, else a new project's. Wrong, it is replaced
 * by the project's own.
 */
import { runtimeFor, runtimeOf, type Runtime } from "../runner/runtimes";
import { useSettings } from "../state/settings";

/** The runtime to start first, given the entry file of the address bar's link (null: no link). */
export function firstRuntime(linkEntry: string | null): Runtime {
  const linked = linkEntry === null ? null : runtimeFor(linkEntry);
  if (linked && !("error" in linked)) return linked;
  const { lastLanguage, newProjectLanguage } = useSettings.getState();
  return runtimeOf(lastLanguage ?? newProjectLanguage);
}
