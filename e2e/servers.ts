/**
 * The two servers the end-to-end tests open. `E2E_PORT` moves them (it and
 * the three ports after it), so a second run can go on beside another on
 * one machine. Each server serves its sandbox on its next port (see
 * scripts/sandbox-origin.ts).
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** The port of the build at the root of an origin; the sub-path one is two up (the sandbox's between). */
export const ROOT_PORT = PORT;
export const SUBPATH_PORT = PORT + 2;
/** The build at the root of an origin. */
export const ROOT_URL = `http://127.0.0.1:${ROOT_PORT}/`;
/** The same build under a sub-path, as a static host's project page serves it. */
export const SUBPATH_URL = `http://127.0.0.1:${SUBPATH_PORT}/tools/wsgi-playground/`;

/** Where the build at `url` runs user code: its host one port up (the build's default setting). */
export function sandboxOriginOf(url: string): string {
  const { protocol, hostname, port } = new URL(url);
  return `${protocol}//${hostname}:${Number(port) + 1}`;
}
