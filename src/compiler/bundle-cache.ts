/**
 * @module bundle-cache
 * Builds that need no compiler: the new project's app, bundled when the
 * playground itself was built, and the last project that built in this
 * browser, kept locally. Either lets the page answer its first request
 * before esbuild (3.7 MB of wasm) has even loaded.
 */
import precompiled from "virtual:precompiled";
import type { CompileSuccess } from "../protocol/compiler";
import { load, saveLater } from "../state/persist";

const KEY = "wsgi-playground:last-bundle";
/** A bundle from another version of the playground may not fit this runtime. */
const VERSION = __BUILD_ID__;

interface Saved {
  version: string;
  key: string;
  code: string;
}

/** The saved bundle, read from storage once (undefined until then): edits never wait on storage. */
let last: Saved | null | undefined;

/** The bundle for `key` (a project's entry and files), if one is at hand. */
export async function cachedBundle(key: string): Promise<string | null> {
  last ??= (await load<Saved>(KEY)) ?? null;
  return cachedBundleNow(key)!;
}

/**
 * The same, without waiting: undefined while the saved bundle has not been
 * read yet (then `cachedBundle` says).
 */
export function cachedBundleNow(key: string): string | null | undefined {
  if (key in precompiled) return precompiled[key]!;
  if (last === undefined) return undefined;
  return last && last.version === VERSION && last.key === key ? last.code : null;
}

/** Keep the newest bundle that built, for the next visit. */
export function rememberBundle(key: string, compiled: CompileSuccess): void {
  if (key in precompiled) return;
  last = { version: VERSION, key, code: compiled.code };
  const saved = last;
  saveLater(KEY, () => saved, 1000);
}
