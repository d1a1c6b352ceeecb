/// <reference types="vite/client" />

/** A runtime module's declaration text, made at build time (see vite.config.ts). */
declare module "*?dts" {
  const text: string;
  export default text;
}

/** Bundles made at build time, by project key (see vite.config.ts). */
declare module "virtual:precompiled" {
  const bundles: Record<string, string>;
  export default bundles;
}

/** The Python frameworks this build ships (see scripts/frameworks.ts). */
declare module "virtual:frameworks" {
  // An ambient module cannot import a relative path; a type query can name it.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const manifest: import("./frameworks/manifest").FrameworkManifest;
  export default manifest;
}

/** The Python runner's memory snapshot this build ships, or null (see scripts/python-snapshot.ts). */
declare module "virtual:python-snapshot" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const snapshot: import("./runner/snapshot-manifest").SnapshotManifest | null;
  export default snapshot;
}

/** Every third-party package the site ships, with its license (see scripts/credits.ts). */
declare module "virtual:credits" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const credits: import("./frameworks/credits").Credit[];
  export default credits;
}

/** The build's files, by path, for the service worker to keep offline (null in dev; see vite.config.ts). */
declare const __SITE_FILES__: readonly string[] | null;

/** Which build of the playground this is (see vite.config.ts). */
declare const __BUILD_ID__: string;

/** The version of Pyodide whose files are served from `pyodide/<version>/` (see vite.config.ts). */
declare const __PYODIDE_VERSION__: string;

/** How many bytes CPython's start fetches (its progress bar's end; see vite.config.ts). */
declare const __PYODIDE_BYTES__: number;

/** Where user code runs, as the build was told (see scripts/sandbox-origin.ts). */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
declare const __SANDBOX__: import("./sandbox/sandbox-setting").SandboxSetting;
