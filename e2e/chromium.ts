/**
 * Where Debian's Chromium is, and the flags it needs on a closed network:
 * without the background-networking ones it stalls on refused connections.
 */
import { existsSync } from "node:fs";

/** Flags for headless Chromium as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Throws a one-line how-to when the browser is missing. */
export function assertChromium(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install it with \`sudo apt-get install chromium\` or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
}
