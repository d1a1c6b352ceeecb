/**
 * @module stacks
 * Test support: the framework and server stacks the build step made, for
 * Pyodide's CPython in Node (their tars) and for the machine's python3 (their
 * files unpacked, as folders for its import path).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FRAMEWORKS_DIR, SITE_PACKAGES_DIR } from "../../../scripts/frameworks";
import type { FrameworkManifest } from "../../frameworks/manifest";
import { PythonServer } from "../python-server";

/** CPython in Node that installs a stack from build/frameworks when a project imports it. */
export function startWithStacks(manifest: FrameworkManifest): Promise<PythonServer> {
  return PythonServer.start(undefined, {
    manifest,
    fetch: async (stack) =>
      new Uint8Array(gunzipSync(readFileSync(join(FRAMEWORKS_DIR, stack.file)))),
  });
}

/** The stacks' files as the build step left them unpacked: python3's import path. */
export function stackFolders(manifest: FrameworkManifest): string[] {
  return manifest.stacks.map((stack) => join(SITE_PACKAGES_DIR, stack.name));
}

/** Response headers less what differs from run to run: the date, and Python's version in Server. */
export function maskedHeaders(headers: [string, string][]): [string, string][] {
  return headers
    .filter(([name]) => name !== "Date")
    .map(([name, value]): [string, string] => [
      name,
      name === "Server" ? value.replace(/Python\/[\d.]+/, "Python/<version>") : value,
    ]);
}
