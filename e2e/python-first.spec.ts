/**
 * Python first: a first visit opens the seeds' hello world in Python and
 * answers it; TypeScript is a menu item away and, once chosen, what
 * **New project** makes; and after one visit the playground starts Python
 * with the network off, from what its service worker kept.
 */
import { expect, test } from "@playwright/test";
import { Playground } from "./playground";
import { keptRuntimeFiles } from "./site-cache";

test("a first visit shows app.py with Python's hello world, and answers Hello world! from CPython", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("default");
  expect(await playground.fileTabs()).toEqual(["app.py"]);
  await expect(playground.fileTab("app.py")).toHaveAttribute("aria-selected", "true");
  const code = await playground.editorText();
  expect(code).toContain("from wsgiref.simple_server import make_server");
  expect(code).toContain('return [b"Hello world!"]');
  await playground.sendForResponse();
  await expect(playground.status).toHaveText(/200 OK/);
  await expect(playground.responseBody).toContainText("Hello world!");
  // CPython's own wsgiref answered.
  await expect(playground.responseHeaders).toContainText(/WSGIServer\/0\.2 CPython\/3\.12/);
  await page.screenshot({ path: "test-results/screens/python-first-visit.png" });
});

test("New TypeScript project answers, and New project is TypeScript from then on, after a reload too", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("default");
  await page.getByLabel("Project actions").click();
  await expect(page.getByRole("menuitem", { name: "New project" })).toContainText("Python");
  await page.getByRole("menuitem", { name: "New TypeScript project" }).click();
  await expect(playground.fileTab("app.ts")).toBeVisible();
  await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
  expect(await playground.editorText()).toContain('import { b } from "wsgi";');
  await playground.sendForResponse();
  await expect(playground.responseBody).toContainText("Hello world!");
  await expect(playground.responseHeaders).not.toContainText("CPython");

  await playground.projectMenu("New project");
  await expect(playground.fileTab("app.ts")).toBeVisible();
  expect(await playground.fileTabs()).toEqual(["app.ts"]);
  await page.reload();
  await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
  await page.getByLabel("Project actions").click();
  await expect(page.getByRole("menuitem", { name: "New project" })).toContainText("TypeScript");
  await page.getByRole("menuitem", { name: "New project" }).click();
  expect(await playground.fileTabs()).toEqual(["app.ts"]);
  // Python again, by its own item, and New project follows.
  await playground.projectMenu("New Python project");
  expect(await playground.fileTabs()).toEqual(["app.py"]);
  await page.getByLabel("Project actions").click();
  await expect(page.getByRole("menuitem", { name: "New project" })).toContainText("Python");
});

test("a second visit with the network off starts Python and answers from CPython", async ({
  page,
  context,
}) => {
  const playground = new Playground(page);
  await playground.open("default");
  await playground.sendForResponse();
  await expect(playground.responseBody).toContainText("Hello world!");
  // The service worker keeps what the visit loaded once the page is idle.
  await expect.poll(() => keptRuntimeFiles(page), { timeout: 60_000 }).toBe(3);

  await context.setOffline(true);
  // The network is gone for the page: a file the build does not have cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch(`./not-kept-${Date.now()}.txt`).then(
        () => "answered",
        () => "failed",
      ),
    ),
  ).toBe("failed");
  await page.reload();
  await expect(playground.editor.locator(".monaco-editor")).toBeVisible();
  await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
  expect(await playground.fileTabs()).toEqual(["app.py"]);
  await playground.sendForResponse();
  await expect(playground.status).toHaveText(/200 OK/);
  await expect(playground.responseBody).toContainText("Hello world!");
  await expect(playground.responseHeaders).toContainText(/CPython\/3\.12/);
  await context.setOffline(false);
});
