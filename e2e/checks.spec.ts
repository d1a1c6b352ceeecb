/**
 * Checks, as a person uses them: a Python project gets a checks.hurl, and
 * the Checks summary and each check's verdict appear without Send; an edit
 * to the app runs them again by itself; a capture carries a session into
 * the next check; a check opens its response in the inspector.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Playground } from "./playground";

const APP = readFileSync(new URL("./apps/checks-app.py", import.meta.url), "utf8");
const CHECKS = readFileSync(new URL("./apps/checks.hurl", import.meta.url), "utf8");

test("checks run after each build, say what failed, and follow the edits", async ({ browser }) => {
  const playground = await Playground.withPython(browser);
  const page = playground.page;
  await playground.build(APP);
  await playground.newFile("checks.hurl");
  await playground.replaceCode(CHECKS);
  const summary = page.getByRole("status", { name: "Checks summary" });
  await expect(summary).toHaveText("2 passed, 1 failed", { timeout: 60_000 });
  const checks = page.getByRole("list", { name: "Check results" });
  await expect(checks.getByRole("listitem", { name: "The home page" })).toContainText("passed");
  const about = checks.getByRole("listitem", { name: "The about page" });
  await expect(about).toContainText("failed");
  await expect(about).toContainText("status: expected 200, got 404");
  await page.screenshot({ path: "test-results/screens/checks-failed.png" });

  // Download zip → unzip → python3 -m unittest: the same verdicts as the page.
  const dir = mkdtempSync(join(tmpdir(), "checks-zip-"));
  for (const [path, data] of Object.entries(unzipSync(await playground.downloadZip()))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  const run = spawnSync("python3", ["-m", "unittest", "-v", "test_checks"], {
    cwd: dir,
    encoding: "utf8",
  });
  const verdicts = [...run.stderr.matchAll(/\.\.\. (ok|FAIL|ERROR)$/gm)].map((m) => m[1]);
  expect(verdicts, run.stderr).toEqual(["ok", "ok", "FAIL"]);
  expect(run.stderr).toContain("The about page: status: expected 200, got 404");

  // The app answers /about now: the checks run again with no click.
  await page.getByRole("tab", { name: "app.py" }).click();
  await playground.replaceCode(
    APP.replace(
      '    start_response("404 Not Found"',
      '    if path == "/about":\n        start_response("200 OK", [("Content-Type", "text/plain")])\n        return [b"about"]\n    start_response("404 Not Found"',
    ),
  );
  await expect(summary).toHaveText("3 passed, 0 failed", { timeout: 60_000 });
  await expect(about).toContainText("was failing");

  // A capture carries the session cookie into the next check (and the jar does too).
  await page.getByRole("tab", { name: "checks.hurl" }).click();
  await playground.replaceCode(
    `${CHECKS}
# Log in
GET http://localhost:8000/login
HTTP 200
[Captures]
session: cookie "sid"

# Who am I, with the captured session
GET http://localhost:8000/me
Cookie: sid={{session}}
HTTP 200
`,
  );
  await expect(summary).toHaveText("5 passed, 0 failed", { timeout: 60_000 });

  // Save as check: the panel's request and its answer become a sixth check, which passes.
  await playground.url.fill("/");
  await playground.sendForResponse();
  await page.getByRole("button", { name: "Save as check" }).click();
  await playground.responseTab("Checks");
  await expect(summary).toHaveText("6 passed, 0 failed", { timeout: 60_000 });
  await expect(checks.getByRole("listitem", { name: "GET /", exact: true })).toContainText(
    "passed",
  );
  // And from the history.
  await page.getByRole("tab", { name: "History" }).click();
  await page.getByRole("button", { name: "Save GET / as a check" }).first().click();
  await playground.responseTab("Checks");
  await expect(summary).toHaveText("7 passed, 0 failed", { timeout: 60_000 });

  // A check opens its response in the inspector.
  await checks.getByRole("button", { name: "Create an item" }).click();
  await expect(playground.status).toHaveText(/201 Created/);
  await expect(playground.row(playground.responseHeaders, "Location")).toHaveText("/items/7");
  await expect(checks.getByRole("listitem", { name: "Create an item" })).toBeVisible();

  // A line Hurl has and the checks do not run: a marker and the reason, nothing run.
  await playground.replaceCode(
    `${CHECKS}\nGET http://localhost:8000/\nHTTP 200\n[Asserts]\nxpath "//h1" exists\n`,
  );
  await expect(summary).toHaveText("checks.hurl has 1 error", { timeout: 60_000 });
  await expect(page.getByRole("list", { name: "Errors in checks.hurl" })).toContainText(
    "The query xpath is not supported here",
  );

  // A check that hits the time limit fails with the gateway's 504 and ends the run: the app loops.
  await page.getByLabel("Time limit").fill("1");
  await playground.fileTab("app.py").click();
  await playground.replaceCode(
    APP.replace(
      '    if path == "/":',
      '    if path == "/spin":\n        while True:\n            pass\n    if path == "/":',
    ),
  );
  await playground.fileTab("checks.hurl").click();
  await playground.replaceCode(
    "# Never answers\nGET http://localhost:8000/spin\nHTTP 200\n\n# Not sent\nGET http://localhost:8000/\nHTTP 200\n",
  );
  await expect(summary).toHaveText("0 passed, 2 failed", { timeout: 60_000 });
  await expect(checks.getByRole("listitem", { name: "Never answers" })).toContainText(
    "status: expected 200, got 504",
  );
  await expect(checks.getByRole("listitem", { name: "Not sent" })).toContainText(
    "Not run: check 1 ran past the time limit.",
  );
  await expect(playground.page.getByRole("tab", { name: /^Checks/ })).toHaveText("Checks 2 ✗");
  await page.close();
});
