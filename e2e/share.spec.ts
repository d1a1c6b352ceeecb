/**
 * Projects that last: share links, local saving, zips, and the examples
 * gallery, each checked as a person would use it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { EXAMPLES, expectShown } from "./examples";
import { Playground } from "./playground";
import { ROOT_URL } from "./servers";
import { sharePage } from "./shared-page";

/** The TypeScript examples (the Python ones are run, and checked against python3, in python.spec). */
const TS_EXAMPLES = EXAMPLES.filter((example) => example.language !== "python");

const GREETER = `import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

export default function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b\`shared app says \${environ.REQUEST_METHOD} \${environ.QUERY_STRING}\`];
}
`;

async function editorText(page: Page): Promise<string> {
  const text = await page
    .getByRole("region", { name: "Editor" })
    .locator(".view-lines")
    .innerText();
  return text.replace(/\u00a0/g, " "); // Monaco draws spaces as no-break spaces
}

test("a share link opens the same files and request elsewhere, and runs only after Run", async ({
  page,
  browser,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(GREETER);
  await playground.method.fill("PATCH");
  await playground.url.fill("/x?shared=yes");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("shared app says PATCH shared=yes");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Share" }).click();
  await expect(page.getByLabel("Share link")).toContainText("Link copied (");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#v1\./);

  const other = await browser.newContext();
  const visitor = await other.newPage();
  const theirs = new Playground(visitor);
  await visitor.goto(link);
  await expect(visitor.getByLabel("Code from a link")).toContainText("has not run");
  await expect(theirs.buildStatus).toHaveText("Waiting for Run");
  await expect(theirs.method).toHaveValue("PATCH");
  await expect(theirs.url).toHaveValue("/x?shared=yes");
  // The editor draws its text a moment after the page says the link is held.
  await expect.poll(() => editorText(visitor)).toContain("shared app says");
  await theirs.pressSend();
  await expect(visitor.getByLabel("Request error")).toContainText("press Run");
  await visitor.getByRole("button", { name: "Run", exact: true }).click();
  await expect(theirs.buildStatus).toHaveText(/ready/);
  await theirs.sendForResponse();
  await expect(theirs.responseBody).toHaveText("shared app says PATCH shared=yes");
  await other.close();
});

test("code from a link stays held across reloads until Run, and runs on its own after", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(GREETER);
  await playground.saved(); // and written to the address bar
  const link = page.url();
  expect(link).toMatch(/#v1\./);

  const visitor = await page.context().browser()!.newContext();
  const tab = await visitor.newPage();
  const theirs = new Playground(tab);
  await tab.goto(link);
  await expect(tab.getByLabel("Code from a link")).toContainText("has not run");
  await theirs.saved(); // as a held project
  await tab.reload();
  await expect(tab.getByLabel("Code from a link")).toContainText("has not run");
  await expect(theirs.buildStatus).toHaveText("Waiting for Run");
  await tab.getByRole("button", { name: "Run", exact: true }).click();
  await expect(theirs.buildStatus).toHaveText(/ready/);
  await theirs.saved();
  await tab.reload();
  await expect(theirs.buildStatus).toHaveText(/ready/);
  await expect(tab.getByLabel("Code from a link")).toHaveCount(0);
  await theirs.sendForResponse();
  await expect(theirs.responseBody).toHaveText(/^shared app says GET\s*$/);
  await visitor.close();
});

test("work is saved as it is typed: a reload restores it", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(GREETER);
  await playground.url.fill("/?kept");
  await playground.saved();
  await page.reload();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await expect(page.getByLabel("Code from a link")).toHaveCount(0);
  await expect(playground.url).toHaveValue("/?kept");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("shared app says GET kept");
});

test("a reload before the save catches up opens the user's own work, not a link", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.url.fill("/first");
  await playground.saved(); // and written to the address bar
  const first = await page.evaluate(() => location.hash);
  await playground.url.fill("/second");
  await playground.saved();
  // The moment between the address bar's update and the save: the bar is
  // ahead of (here: different from) what is saved, as this tab wrote it last.
  await page.evaluate((hash) => {
    history.replaceState(null, "", hash);
    const key = "wsgi-playground:own-fragments";
    const own = JSON.parse(sessionStorage.getItem(key) ?? "[]") as unknown[];
    own.push(...own.splice(-2, 1)); // the bar's fragment is the last one written
    sessionStorage.setItem(key, JSON.stringify(own));
  }, first);
  await page.reload();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await expect(page.getByLabel("Code from a link")).toHaveCount(0);
  await expect(playground.url).toHaveValue("/first");
  await expect(page.getByLabel("Project", { exact: true }).locator("option")).toHaveCount(1);
});

test("a reload that carries an older fragment of this tab's opens the newer save", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.url.fill("/first");
  await playground.saved();
  const first = await page.evaluate(() => location.hash);
  await playground.url.fill("/second");
  await playground.saved();
  const second = await page.evaluate(() => location.hash);
  // The old page's timers still run while a reload's request is under way:
  // it can write its last fragment after the reload has taken the address.
  await page.evaluate((hash) => history.replaceState(null, "", hash), first);
  await page.reload();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await expect(page.getByLabel("Code from a link")).toHaveCount(0);
  await expect(playground.url).toHaveValue("/second");
  await expect(page.getByLabel("Project", { exact: true }).locator("option")).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(second);
});

const BROKEN: [string, string][] = [
  ["bad base64", "#v1.ab$cd"],
  ["bad compression", "#v1.aGVsbG8gd29ybGQ"],
  ["a newer version", "#v7.AAAA"],
  // Over the playground's 1 MB limit (the browser itself refuses 2 MB URLs).
  ["a 1.5 MB fragment", `#v1.${"A".repeat(1.5 * 1024 * 1024)}`],
];

test.describe("broken links, on one page with saved work", () => {
  const shared = sharePage(async (playground) => {
    await playground.open("typescript");
    await playground.replaceCode(GREETER);
    await playground.saved();
  });

  for (const [kind, fragment] of BROKEN) {
    test(`a link with ${kind} says what is wrong and keeps saved work`, async () => {
      const { page, playground } = shared;
      // Pasted into the open tab (only the fragment changes), then opened in a fresh one.
      for (const fresh of [false, true]) {
        if (fresh) await page.goto("about:blank");
        await page.goto(`${ROOT_URL}${fragment}`);
        await expect(page.getByLabel("Link problem")).toContainText("could not be opened");
        await expect(page.getByLabel("Link problem")).toContainText("Your saved work is unchanged");
        await expect(playground.buildStatus).toHaveText(/ready/);
        await expect.poll(() => editorText(page)).toContain("shared app says");
        await page.getByRole("button", { name: "Dismiss" }).click();
      }
    });
  }
});

test("the share command's link opens the right files and request", async ({ page }) => {
  const dir = tmpdir();
  writeFileSync(join(dir, "cli-app.ts"), GREETER.replace("shared app", "cli app"));
  const link = execFileSync(
    "npx",
    [
      "tsx",
      "scripts/share.ts",
      join(dir, "cli-app.ts"),
      "--method",
      "PUT",
      "--url",
      "/cli?from=command",
      "--header",
      "X-From: cli",
      "--data",
      "a=1",
      "--base",
      ROOT_URL,
    ],
    { encoding: "utf8" },
  ).trim();
  const playground = new Playground(page);
  await page.goto(link);
  await expect(playground.method).toHaveValue("PUT");
  await expect(playground.url).toHaveValue("/cli?from=command");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("cli app says PUT from=command");
  await playground.responseTab("Environ");
  await expect(playground.row(playground.environ, "HTTP_X_FROM")).toHaveText("cli");
  await expect(playground.row(playground.environ, "CONTENT_LENGTH")).toHaveText("3");
});

test("a project zip downloads and opens again as the same project", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(GREETER);
  await playground.method.fill("DELETE");
  await page.getByLabel("Project actions").click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Download zip" }).click();
  const path = await (await download).path();
  const zip = readFileSync(path);
  await page.getByLabel("Project actions").click();
  await page.getByRole("menuitem", { name: "New TypeScript project" }).click();
  await expect(playground.method).toHaveValue("GET");
  await page
    .getByLabel("Open a project zip")
    .setInputFiles({ name: "greeter.zip", mimeType: "application/zip", buffer: zip });
  await expect(page.getByLabel("Project", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Project", { exact: true }).locator("option:checked")).toHaveText(
    "greeter",
  );
  await expect(playground.method).toHaveValue("DELETE");
  await expect.poll(() => editorText(page)).toContain("shared app says");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("shared app says DELETE ");
});

test("projects can be switched without losing either", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.replaceCode(GREETER);
  await page.getByLabel("Project actions").click();
  await page.getByRole("menuitem", { name: "New TypeScript project" }).click();
  // The new project's code reaches the editor after the click: wait for it.
  await expect.poll(() => editorText(page)).toContain("Hello world");
  await page.getByLabel("Project", { exact: true }).selectOption({ label: "My project" });
  await expect.poll(() => editorText(page)).toContain("shared app says");
});

test.describe("the TypeScript examples, on one page", () => {
  test.describe.configure({ mode: "serial" });
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = new Playground(await browser.newPage());
    await playground.open("typescript", ROOT_URL);
  });
  test.afterAll(() => playground.page.close());

  for (const example of TS_EXAMPLES) {
    test(`example: ${example.title}`, async () => {
      // The last example's cookies are not this one's.
      await playground.clearCookies();
      const before = await playground.buildNumber();
      await playground.openExample(example.title, example.language);
      if (example.expect.buildError) {
        await playground.nextBuild(before, true);
        await expect(playground.buildErrors).toContainText(example.expect.buildError);
        return;
      }
      await playground.nextBuild(before);
      await playground.sendForResponse();
      await expect(playground.status).toHaveText(example.expect.status);
      // The last example may have left another view of the response open.
      await playground.responseTab("Body");
      for (const text of example.expect.body ?? [])
        await expect(playground.responseBody).toContainText(text);
      await expectShown(playground, example.expect);
    });
  }
});
