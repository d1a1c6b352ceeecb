/**
 * test_checks.py against the page: the same checks, run by the page's
 * runner on CPython in Pyodide and by `python3 -m unittest` on the
 * machine's CPython over the exported file, give the same verdicts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PythonServer } from "../runner/python-server";
import { parseHurl } from "./hurl-parser";
import { failureText } from "./check-words";
import { testFileFor } from "./python-export";
import { runChecks } from "./run-checks";

const APP = readFileSync(new URL("../../e2e/apps/checks-app.py", import.meta.url), "utf8");
const CHECKS = `${readFileSync(new URL("../../e2e/apps/checks.hurl", import.meta.url), "utf8")}
# Log in
GET http://localhost:8000/login
HTTP 200
[Captures]
session: cookie "sid"

# The jar sends the session back
GET http://localhost:8000/me
HTTP 200

# A captured value fills a header
GET http://localhost:8000/me
Cookie: sid={{session}}
HTTP 200
[Asserts]
body == "me"

# A wrong expectation of the JSON
POST http://localhost:8000/items
Content-Type: application/json
{"name": "cup"}
HTTP 201
[Asserts]
jsonpath "$.name" == "pen"
header "Location" contains "/items/"
duration < 60000
bytes startsWith "{"

# Words of every kind, the same on the page and in the test file
GET http://localhost:8000/
HTTP 201
X-Missing: here
[Asserts]
jsonpath "$.id" == 7
header "Content-Type" not contains "text"
cookie "sid" exists
body == "Hello"
bytes == "x"

# A form to a page that is not there
POST http://localhost:8000/form
[QueryStringParams]
q: two words
[FormParams]
name: Ada Lovelace
HTTP 404
[Asserts]
body contains "not found"
`;

const python3 = spawnSync("python3", ["--version"]).status === 0;

describe.skipIf(!python3)("test_checks.py gives the page's verdicts", () => {
  let python: PythonServer;
  beforeAll(async () => {
    python = await PythonServer.start();
  }, 120_000);

  it("the same passes and failures, check by check, under python3 -m unittest", async () => {
    const { file, errors } = parseHurl(CHECKS);
    expect(errors).toEqual([]);
    expect(python.load({ "app.py": APP }, "app.py")).toBeNull();
    let build = 1;
    const page = await runChecks(file, async (request) => python.serve(request, build++));
    const ours = page.map((r) => r.passed);
    expect(ours).toEqual([true, true, false, true, true, true, false, false, true]);

    const dir = mkdtempSync(join(tmpdir(), "checks-"));
    writeFileSync(join(dir, "app.py"), APP);
    writeFileSync(join(dir, "checks.hurl"), CHECKS);
    writeFileSync(join(dir, "test_checks.py"), testFileFor(file, "app.py"));
    const run = spawnSync("python3", ["-m", "unittest", "-v", "test_checks"], {
      cwd: dir,
      encoding: "utf8",
    });
    const verdicts = [
      ...run.stderr.matchAll(/^test_(\d{3})_\w* \(.*?\)\s*(?:\n.*?)?\.\.\. (ok|FAIL|ERROR)$/gm),
    ]
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => m[2] === "ok");
    expect(verdicts, run.stderr).toEqual(ours);
    // Its failure messages name the check and its line.
    expect(run.stderr).toContain("checks.hurl:16 The about page: status: expected 200, got 404");
    // Every failure in the page's words: one table of words for both.
    const words = page.flatMap((result) => result.failures.map(failureText));
    expect(words).toContain('jsonpath "$.id" == 7: expected 7, got the body is not JSON');
    expect(words).toContain('header X-Missing: expected "here", got no such header');
    for (const failure of words) expect(run.stderr).toContain(failure);
    // pytest's collector finds the same tests (when pytest is there).
    if (spawnSync("python3", ["-m", "pytest", "--version"]).status === 0) {
      const collected = execFileSync(
        "python3",
        ["-m", "pytest", "--collect-only", "-q", "test_checks.py"],
        {
          cwd: dir,
          encoding: "utf8",
        },
      );
      expect(collected).toContain("9 tests collected");
    }
  }, 120_000);
});
