/**
 * The site the benchmark drives: the production build plus the floor page,
 * served by Vite's preview server; and the gzip size of what it loads.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** A port browsers allow (4190, say, is on the fetch standard's list of bad ports). */
export const PORT = 4180;
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const SITE = "bench/.site";

/** The production build, into its own folder, with the floor page beside it. */
export function buildSite(): void {
  execFileSync("npx", ["vite", "build", "--outDir", SITE, "--emptyOutDir", "--logLevel", "warn"], {
    stdio: "inherit",
  });
  cpSync("bench/floor", join(SITE, "__floor"), { recursive: true });
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(ORIGIN)).ok;
  } catch {
    return false;
  }
}

/** Serve the site; resolves once it answers. */
export async function serveSite(): Promise<ChildProcess> {
  if (await answers()) {
    throw new Error(
      `something already answers on ${ORIGIN} (an earlier benchmark's server?): stop it, the benchmark must measure its own build`,
    );
  }
  const server = spawn(
    "npx",
    [
      "vite",
      "preview",
      "--outDir",
      SITE,
      "--host",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--strictPort",
    ],
    { stdio: "ignore", detached: true },
  );
  for (let i = 0; i < 100 && server.exitCode === null; i++) {
    if (await answers()) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the preview server did not start on ${ORIGIN}`);
}

function partOf(path: string): "Monaco" | "esbuild" | "runtime" | "app" {
  if (/esbuild|compiler\.worker/.test(path)) return "esbuild";
  if (/runner\.worker|sw\.js/.test(path)) return "runtime";
  if (/editor|monaco|ts\.worker|json\.worker|css\.worker|html\.worker|codicon/.test(path))
    return "Monaco";
  return "app";
}

/** Gzip size of the JavaScript and wasm among `urls`, by part of the playground. */
export function gzipSizes(urls: string[]) {
  const parts: Record<string, { files: number; gzip: number }> = {};
  const seen = new Set<string>();
  for (const url of urls) {
    const path = new URL(url).pathname;
    if (!/\.(js|mjs|wasm)$/.test(path) || seen.has(path) || path.startsWith("/__floor")) continue;
    seen.add(path);
    const file = join(SITE, path);
    let size: number;
    try {
      if (!statSync(file).isFile()) continue;
      size = gzipSync(readFileSync(file), { level: 9 }).length;
    } catch {
      continue;
    }
    const part = partOf(path);
    parts[part] ??= { files: 0, gzip: 0 };
    parts[part].files++;
    parts[part].gzip += size;
  }
  return parts;
}

/** Stop the server started by `serveSite` (and anything it started). */
export function stopSite(server: ChildProcess): void {
  try {
    if (server.pid) process.kill(-server.pid);
  } catch {
    // already gone
  }
}
