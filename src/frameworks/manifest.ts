/**
 * @module manifest
 * What the build step (`scripts/frameworks.ts`) says it packed: the Python
 * framework stacks from Debian's archive, one archive each, the packages in
 * each with their versions and licenses, and the top-level modules whose
 * import loads a stack. The page reads it for the About dialog and the
 * editor's completions, the Python runner to know which archive an import needs.
 */

/** One Debian package in a stack. */
export interface FrameworkPackage {
  /** The project's own name, from its metadata: "Flask". */
  name: string;
  /** The upstream version: "2.2.2". */
  version: string;
  /** Debian's package and exact version it came from: "python3-flask 2.2.2-3". */
  debian: string;
  /** The license's short name, from Debian's copyright file: "BSD-3-clause". */
  license: string;
  /** The project's home page, from its metadata. */
  homepage: string;
  /** Debian's copyright file (the license text), relative to the frameworks folder. */
  licenseFile: string;
  /** The top-level modules it installs: ["flask"]. */
  modules: string[];
}

/** One archive (a gzipped tar): a framework with what it needs. */
export interface FrameworkStack {
  /** "flask" */
  name: string;
  /** "Flask", for the progress bar. */
  title: string;
  /** The archive, relative to the frameworks folder (its name holds a hash of its bytes). */
  file: string;
  bytes: number;
  /** Every top-level module in it: importing any of them loads the stack. */
  modules: string[];
  /** Every module and package in it, dotted ("werkzeug.middleware.proxy_fix"), for the editor's completions. */
  importable: string[];
  packages: FrameworkPackage[];
}

/** The whole manifest. */
export interface FrameworkManifest {
  /** What it was made from (the pins, Pyodide's version): a new one makes it stale. */
  spec: string;
  /** False when the build had no way to fetch them (`reason` says why). */
  available: boolean;
  reason?: string;
  /** Every module a stack provides, or would in a build that has it: module → the stack's title. */
  expected: Record<string, string>;
  stacks: FrameworkStack[];
  /** CPython's license text (the PSF License Agreement) as Debian ships it with its CPython. */
  cpythonLicense?: { debian: string; file: string };
}

/** The stack that a top-level module name belongs to, if any. */
export function stackOf(manifest: FrameworkManifest, module: string): FrameworkStack | undefined {
  return manifest.stacks.find((stack) => stack.modules.includes(module));
}
