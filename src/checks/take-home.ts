/**
 * @module take-home
 * What **Download zip** adds for a project with `checks.hurl`: for Python,
 * `test_checks.py` (see python-export.ts); for either language, a README
 * saying how to run the app, the tests and `hurl --test checks.hurl`
 * outside the playground. The zip names them as generated, so opening it
 * again gives back the project as it was.
 */
import { CHECKS_FILE } from "../state/checks";
import { testChecksPy } from "./python-export";

/** The test file's name in the zip. */
export const TEST_FILE = "test_checks.py";

function pythonReadme(entry: string, files: Record<string, string>, tests: boolean): string {
  const serves = /\bserve_forever\s*\(/.test(files[entry] ?? "");
  const module = entry.replace(/\.py$/, "").replace(/\//g, ".");
  const run = serves
    ? `python3 ${entry}`
    : `python3 -c "from wsgiref.simple_server import make_server; import ${module} as m; make_server('', 8000, getattr(m, 'application', None) or m.app).serve_forever()"`;
  return `# Running this project

Made in the WSGI Playground. In this folder:

- **The app**: \`${run}\` serves it on http://localhost:8000/ with
  CPython's wsgiref, as the playground does.
${
  tests
    ? `- **The checks**: \`python3 -m unittest ${TEST_FILE.replace(/\.py$/, "")}\` (or \`python3 -m pytest ${TEST_FILE}\`)
  runs every check of \`${CHECKS_FILE}\` against the app: each request's
  bytes go through wsgiref's request handler, no server to start, and the
  verdicts are the playground's. ${TEST_FILE} was written from ${CHECKS_FILE}:
  after editing the checks, download the project again.
`
    : `- **The checks**: ${CHECKS_FILE} has errors the playground showed; fix them to get ${TEST_FILE}.
`
}- **With Hurl**: start the app, then \`hurl --test ${CHECKS_FILE}\` in another terminal.
`;
}

function typescriptReadme(entry: string): string {
  return `# Running this project

Made in the WSGI Playground: \`${entry}\` is a WSGI application in
TypeScript, for the playground's runtime (its \`"wsgi"\` module), where the
checks of \`${CHECKS_FILE}\` run after every build.

- **With Hurl**: serve the app where it can run, then
  \`hurl --test ${CHECKS_FILE}\` against it (the URLs name
  http://localhost:8000/, the playground's virtual host).
`;
}

/** The files Download zip adds to a project (none without checks; none that would replace the user's). */
export function takeHomeFiles(
  files: Record<string, string>,
  entry: string,
): Record<string, string> {
  const checks = files[CHECKS_FILE];
  if (checks === undefined) return {};
  const added: Record<string, string> = {};
  const python = entry.endsWith(".py");
  const test = python ? testChecksPy(checks, entry) : null;
  if (test !== null && !(TEST_FILE in files)) added[TEST_FILE] = test;
  const readme = "README.md" in files ? "README-checks.md" : "README.md";
  if (!(readme in files)) {
    added[readme] = python
      ? pythonReadme(entry, files, TEST_FILE in added)
      : typescriptReadme(entry);
  }
  return added;
}
