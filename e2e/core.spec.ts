/**
 * The PEP 3333 core as a person meets it: a crash gives wsgiref's 500 and a
 * traceback in their own lines; a spec violation is listed with the line
 * that made it, one click away in the editor.
 */
import { expect, test } from "@playwright/test";
import { APP_IMPORTS, Playground } from "./playground";

test("an exception gives wsgiref's 500 and a traceback in the user's lines", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(
    [
      'import type { Environ, StartResponse } from "wsgi";',
      "",
      "export default function app(environ: Environ, start_response: StartResponse) {",
      '  start_response("200 OK", [["Content-Type", "text/plain"]]);',
      "  const user = JSON.parse(environ.QUERY_STRING);",
      "  return [user.name];",
      "}",
    ].join("\n"),
  );
  await playground.url.fill("/?not-json");
  await playground.pressSend();
  await expect(playground.status).toHaveText("500 Internal Server Error");
  await expect(playground.responseBody).toHaveText(
    "A server error occurred.  Please contact the administrator.",
  );
  await playground.responseTab("Errors log");
  const log = page.getByRole("region", { name: "Errors log" });
  await expect(log).toContainText('File "app.ts", line 5, in app');
  await expect(log).toContainText("const user = JSON.parse(environ.QUERY_STRING);");
  await expect(log).toContainText("SyntaxError");
});

test("a finding names the line that broke the rule and shows it in the editor", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(
    APP_IMPORTS +
      [
        "export default function app(environ: Environ, start_response: StartResponse) {",
        '  start_response("200 OK", []);',
        "  return [b`no content type`];",
        "}",
      ].join("\n"),
  );
  await playground.pressSend();
  await expect(playground.status).toHaveText("200 OK");
  await playground.responseTab("Findings");
  const findings = page.getByRole("region", { name: "Findings" });
  await expect(findings).toContainText("No Content-Type header found in headers ([])");
  await findings.getByRole("button", { name: "app.ts:5" }).click();
  // The caret is now on line 5: what is typed lands there.
  await page.keyboard.press("End");
  await page.keyboard.type(" // here");
  await expect(
    playground.editor.locator(".view-line", { hasText: 'start_response("200 OK", []); // here' }),
  ).toBeVisible();
});

/** An app that never finishes on /spin, and answers "still here" elsewhere. */
const SPIN_APP =
  APP_IMPORTS +
  [
    "export default function app(environ: Environ, start_response: StartResponse) {",
    '  if (environ.PATH_INFO === "/spin") while (true) {}',
    '  start_response("200 OK", [["Content-Type", "text/plain"]]);',
    "  return [b`still here`];",
    "}",
  ].join("\n");

test("a runaway loop is stopped at the time limit with a 504, and the next request works", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(SPIN_APP);
  await expect(playground.buildStatus).toHaveText(/#2 ready/);
  const limit = page.getByLabel("Time limit");
  await expect(limit).toHaveValue("5");
  await limit.fill("0");
  await expect(
    page.getByRole("alert").filter({ hasText: "between 1 and 60 seconds" }),
  ).toContainText("It stays at 5 s");
  await limit.fill("2");
  await limit.blur();
  await playground.url.fill("/spin");
  await playground.pressSend();
  // The page stays responsive while the app spins: typing works.
  await playground.url.fill("/");
  await expect(playground.url).toHaveValue("/");
  await expect(playground.status).toHaveText("504 Gateway Timeout");
  await expect(page.getByLabel("Stopped")).toContainText("Stopped after 2 s");
  await playground.responseTab("Environ");
  await expect(playground.row(playground.environ, "PATH_INFO")).toHaveText("/spin");
  await playground.responseTab("Body");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("still here");
  await page.reload();
  await expect(page.getByLabel("Time limit")).toHaveValue("2");
});

test("a runaway shows the seconds left and a Stop button; Stop answers 504 at once", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(SPIN_APP);
  await expect(playground.buildStatus).toHaveText(/#2 ready/);
  await page.getByLabel("Time limit").fill("30");
  await page.getByLabel("Time limit").blur();
  await playground.url.fill("/spin");
  await playground.pressSend();
  const running = page.getByRole("group", { name: "The app is running" });
  await expect(running).toContainText("GET /spin");
  const left = Number(await running.getByLabel("Seconds left").textContent());
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(30);
  await running.getByRole("button", { name: "Stop" }).click();
  await expect(playground.status).toHaveText("504 Gateway Timeout");
  await expect(page.getByLabel("Stopped")).toContainText("Stopped by you after");
  await expect(running).toBeHidden();
  await playground.url.fill("/");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("still here");
});
