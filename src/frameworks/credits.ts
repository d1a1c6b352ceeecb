/**
 * @module credits
 * The third-party packages the site ships, for the About dialog: made at
 * build time by `scripts/credits.ts`, read by the page as
 * `virtual:credits`.
 */

/** One package the site ships. */
export interface Credit {
  name: string;
  version: string;
  /** The license's short name, as the package gives it: "MIT", "BSD-3-clause". */
  license: string;
  /** Where it runs: CPython and Pyodide ("python"), the Python frameworks, or the page and its workers. */
  part: "python" | "framework" | "page";
  /** The license's text, relative to the site's root, when the site has it. */
  licenseFile?: string;
  /** Where it came from, or where its license text is, when that needs saying. */
  note?: string;
}
