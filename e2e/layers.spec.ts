/**
 * The Layers tab, as a person reads it: the stack of e2e/apps/layers.py
 * (tag → upper → Mount → inner), each layer named in order with what it
 * changed, and the findings blaming the layer that dropped close(); a
 * one-layer app with one layer and nothing else. One started Python page
 * for all.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";

const STACK = readFileSync(new URL("./apps/layers.py", import.meta.url), "utf8");
const TS_STACK = readFileSync(new URL("./apps/layers.ts", import.meta.url), "utf8");

test.describe("Layers, Python", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
  });
  test.afterAll(() => page.close());

  test("a four-layer stack: each layer in order, with what it changed going down and coming up", async () => {
    await playground.build(STACK);
    await playground.url.fill("/api/items");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("/ITEMS '/API'");
    await playground.responseTab("Layers");
    const list = page.getByRole("list", { name: "Layers" });
    const items = list.getByRole("listitem").filter({ has: page.locator(".layer-head") });
    await expect(items.locator(".layer-name")).toHaveText([
      "The server",
      "add_header.<locals>.tag",
      "upper",
      "Mount",
      "inner",
    ]);
    const tag = list.getByRole("listitem", { name: "add_header.<locals>.tag", exact: true });
    await expect(tag).toContainText("X-Layer: tag added");
    const mount = list.getByRole("listitem", { name: "Mount", exact: true });
    await expect(mount).toContainText("PATH_INFO: '/api/items' → '/items'");
    await expect(mount).toContainText("SCRIPT_NAME: '' → '/api'");
    await expect(mount).toContainText("its close() was never called");
    await expect(tag).toContainText(
      "passed down a start_response of its own: add_header.<locals>.tag.<locals>.tagged",
    );
    await expect(list.getByRole("listitem", { name: "upper", exact: true })).toContainText(
      "passed its start_response down as it was",
    );
    await page.screenshot({ path: "test-results/screens/layers-python.png" });
    // Where a layer is defined opens in the editor.
    await tag.getByRole("button", { name: "app.py:7" }).click();
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).toContainText(
      "upper never closed the iterable Mount returned (Closing)",
    );
  });

  test("a one-layer app shows one layer and no noise", async () => {
    await playground.build(
      'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"one"]\n',
    );
    await playground.sendForResponse();
    await playground.responseTab("Layers");
    const list = page.getByRole("list", { name: "Layers" });
    await expect(list.locator(".layer-name")).toHaveText(["The server", "application"]);
    await expect(list.locator(".layer-problem")).toHaveCount(0);
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).not.toContainText("layer");
  });
});

test.describe("Layers, TypeScript", () => {
  test("the same four-layer stack, and the findings blame upper", async ({ page }) => {
    const playground = new Playground(page);
    await playground.open();
    await playground.projectMenu("New TypeScript project");
    await playground.build(TS_STACK);
    await playground.url.fill("/api/items");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("/ITEMS '/API'");
    await playground.responseTab("Layers");
    const list = page.getByRole("list", { name: "Layers" });
    const items = list.getByRole("listitem").filter({ has: page.locator(".layer-head") });
    await expect(items.locator(".layer-name")).toHaveText([
      "The server",
      "add_header.<locals>.tag",
      "upper",
      "Mount",
      "inner",
    ]);
    const tag = list.getByRole("listitem", { name: "add_header.<locals>.tag", exact: true });
    await expect(tag).toContainText("X-Layer: tag added");
    await expect(tag).toContainText(
      "passed down a start_response of its own: add_header.<locals>.tag.<locals>.tagged",
    );
    const mount = list.getByRole("listitem", { name: "Mount", exact: true });
    await expect(mount).toContainText("PATH_INFO: '/api/items' → '/items'");
    await expect(mount).toContainText("SCRIPT_NAME: '' → '/api'");
    await expect(mount).toContainText("its close() was never called");
    await page.screenshot({ path: "test-results/screens/layers-typescript.png" });
    await tag.getByRole("button", { name: "app.ts:6" }).click();
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).toContainText(
      "upper never closed the iterable Mount returned (Closing)",
    );
  });
});
