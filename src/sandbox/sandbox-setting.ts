/**
 * @module sandbox-setting
 * Where the sandbox is, as the build was told (`WSGI_SANDBOX`: see
 * scripts/sandbox-origin.ts), resolved against the page's own address.
 */

/** What the build says of the sandbox: the page's host one port up, an origin, or none (one origin). */
export type SandboxSetting =
  { kind: "next-port" } | { kind: "origin"; origin: string } | { kind: "none" };

/**
 * The sandbox's origin for a page at `here`, or null where user code runs
 * on the page's own origin (the setting says none, names the page's own
 * origin, or asks for the next port of an address that has none).
 */
export function sandboxOrigin(setting: SandboxSetting, here: URL): string | null {
  if (setting.kind === "none") return null;
  if (setting.kind === "origin") return setting.origin === here.origin ? null : setting.origin;
  if (!here.port) return null;
  return `${here.protocol}//${here.hostname}:${Number(here.port) + 1}`;
}
