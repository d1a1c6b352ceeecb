/**
 * The app misbehaves on purpose, one way per path: each answer is what
 * wsgiref gives, with a message that says what happened, the next request
 * works, and the user's code is still there after a reload.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";

const MISBEHAVING = readFileSync(new URL("./apps/misbehaving.ts", import.meta.url), "utf8");

/** Open the playground with `source` (the misbehaving app unless told) built and ready. */
async function openWith(
  page: Page,
  source = MISBEHAVING,
  build: RegExp | null = /#2 ready/,
): Promise<Playground> {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(source);
  if (build) await expect(playground.buildStatus).toHaveText(build);
  return playground;
}

/** Path, the status the client gets, and where the explanation is: findings or the errors log. */
const CASES: [string, string, "Findings" | "Errors", string][] = [
  ["/async", "500 Internal Server Error", "Findings", "WSGI is synchronous"],
  ["/no-start", "500 Internal Server Error", "Findings", "write() before start_response()"],
  ["/twice", "500 Internal Server Error", "Findings", "Headers already set!"],
  ["/str", "500 Internal Server Error", "Findings", "not bytes"],
  ["/recursion", "500 Internal Server Error", "Errors", "Maximum call stack size exceeded"],
  ["/alloc", "500 Internal Server Error", "Errors", "Array buffer allocation failed"],
  ["/iterator", "200 OK", "Errors", "Error: the iterator broke"],
  ["/close", "200 OK", "Errors", "Error: close() broke"],
  ["/crlf", "500 Internal Server Error", "Findings", "Control characters not allowed in headers"],
  ["/euro", "200 OK", "Errors", "UnicodeEncodeError: 'latin-1' codec can't encode character"],
];

test("each misbehaviour gets wsgiref's answer and says why; the next request works; nothing is lost", async ({
  page,
}) => {
  const playground = await openWith(page);
  for (const [path, status, where, message] of CASES) {
    await playground.url.fill(path);
    await playground.sendForResponse();
    await expect(playground.status, path).toHaveText(status);
    await playground.responseTab(where);
    await expect(
      page.getByRole("region", { name: where === "Errors" ? "Errors log" : "Findings" }),
      path,
    ).toContainText(message);
    await playground.responseTab("Body");
    await playground.url.fill("/");
    await playground.sendForResponse();
    await expect(playground.responseBody, `after ${path}`).toHaveText("fine");
  }
  await playground.saved();
  await page.reload();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await expect(playground.editor.locator(".view-lines")).toContainText(
    "breaks the rules on purpose",
  );
});

test("a response past 100 MB is stopped with the reason, and the page stays usable", async ({
  page,
}) => {
  const playground = await openWith(page);
  // The 100 MB cap is under test, not the machine's speed: the longest time limit.
  await page.getByLabel("Time limit").fill("60");
  await page.getByLabel("Time limit").blur();
  await playground.url.fill("/huge");
  await playground.sendForResponse();
  await expect(playground.status).toHaveText("200 OK");
  await expect(page.getByLabel("Timings")).toContainText("104,857,600 bytes");
  await expect(page.getByText("the body stops short")).toBeVisible();
  await playground.responseTab("Findings");
  await expect(page.getByRole("region", { name: "Findings" })).toContainText(
    "passed the playground's 100 MB limit",
  );
  await playground.url.fill("/");
  await playground.sendForResponse();
  await playground.responseTab("Body");
  await expect(playground.responseBody).toHaveText("fine");
});

test("an injected header never reaches the preview, and a header that cannot be sent shows as an error", async ({
  page,
}) => {
  const playground = await openWith(page);
  await page.getByLabel("Preview URL").fill("/crlf?x");
  await page.getByLabel("Preview URL").press("Enter");
  const site = page.frameLocator('iframe[title="Preview"]');
  await expect(site.locator("body")).toContainText("A server error occurred.");
  await playground.tab("Cookies").click();
  await expect(page.getByText("No cookies yet")).toBeVisible();
  await page.getByLabel("Preview URL").fill("/euro");
  await page.getByLabel("Preview URL").press("Enter");
  await expect(site.locator("body")).toContainText("stopped in the middle of the headers");
});

test("a loop at the module's top level is stopped, the last good build keeps answering, and a fix runs", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await page.getByLabel("Time limit").fill("1");
  await playground.replaceCode(
    MISBEHAVING.replace("const text =", "while (Date.now() > 0) {}\nconst text ="),
  );
  await expect(playground.buildErrors).toContainText("stopped after 1 s");
  await expect(playground.buildStatus).toHaveText("Build #2 failed");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("Hello world!");
  await expect(page.getByLabel("Timings")).toContainText("build #1");
  await expect(page.getByLabel("Older build")).toContainText("build #2 failed");
  await playground.replaceCode(MISBEHAVING);
  await expect(playground.buildStatus).toHaveText("Build #3 ready");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("fine");
  await expect(page.getByLabel("Timings")).toContainText("build #3");
});

test("under a time limit longer than 10 s a top-level loop is still stopped at the limit", async ({
  page,
}) => {
  test.slow();
  const playground = new Playground(page);
  await playground.open("typescript");
  await page.getByLabel("Time limit").fill("12");
  await page.getByLabel("Time limit").blur();
  await playground.replaceCode(
    MISBEHAVING.replace("const text =", "while (Date.now() > 0) {}\nconst text ="),
  );
  await expect(playground.buildErrors).toContainText("stopped after 12 s", { timeout: 60_000 });
  // The runner was replaced, not left looping: the last good build answers.
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("Hello world!");
});

test("an exception at the module's top level fails the build with a traceback in the user's lines", async ({
  page,
}) => {
  const playground = await openWith(
    page,
    MISBEHAVING.replace("const text =", 'throw new Error("no config");\nconst text ='),
    null,
  );
  await expect(playground.buildErrors).toContainText("Error: no config");
  await expect(playground.buildErrors).toContainText('File "app.ts", line 6');
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("Hello world!");
  await expect(page.getByLabel("Older build")).toContainText("build #2 failed");
});
