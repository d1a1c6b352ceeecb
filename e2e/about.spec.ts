/**
 * The About dialog: every third-party package the site ships, with its
 * version and license, and the license texts served by the site itself.
 */
import { expect, test } from "@playwright/test";
import { Playground } from "./playground";
import { frameworkZips } from "./python3";

test("About lists CPython, Pyodide, Monaco, esbuild and the frameworks with versions and licenses", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await page.getByRole("button", { name: "About" }).click();
  const about = page.getByRole("dialog", { name: "About" });
  const row = (table: string, name: string) =>
    about
      .getByRole("table", { name: table })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row("Python in the page", "CPython")).toContainText(/3\.12\.\d+\s*PSF-2\.0/);
  await expect(row("Python in the page", "pyodide")).toContainText(/0\.27\.7\s*MPL-2\.0/);
  await expect(row("The page and its workers", "monaco-editor")).toContainText("MIT");
  await expect(row("The page and its workers", "esbuild-wasm")).toContainText("MIT");
  await expect(row("The page and its workers", "react")).toContainText("MIT");
  await page.screenshot({ path: "test-results/screens/about.png" });

  // A license's text is the site's own copy.
  const [license] = await Promise.all([
    page.waitForEvent("popup"),
    row("The page and its workers", "monaco-editor").getByRole("link", { name: "MIT" }).click(),
  ]);
  await expect(license.locator("body")).toContainText("Permission is hereby granted");
  await license.close();

  if (frameworkZips().length > 0) {
    await expect(row("Python frameworks", "Flask")).toContainText(/2\.2\.2\s*BSD-3-clause/);
    await expect(row("Python frameworks", "Werkzeug")).toContainText("2.2.2");
    await expect(row("Python frameworks", "bottle")).toContainText(/0\.12\.23\s*MIT/);
    await expect(row("Python frameworks", "Paste")).toContainText("3.5.2");
    await expect(row("Python frameworks", "six")).toContainText("1.16.0");
    // The servers, each with its license.
    await expect(row("Python frameworks", "waitress")).toContainText(/2\.1\.2\s*ZPL/);
    await expect(row("Python frameworks", "gunicorn")).toContainText(/20\.1\.0\s*MIT/);
    await expect(row("Python frameworks", "cheroot")).toContainText("9.0.0");
    const [flask] = await Promise.all([
      page.waitForEvent("popup"),
      row("Python frameworks", "Flask").getByRole("link", { name: "BSD-3-clause" }).click(),
    ]);
    await expect(flask.locator("body")).toContainText(
      "Redistribution and use in source and binary forms",
    );
    await flask.close();
    const [psf] = await Promise.all([
      page.waitForEvent("popup"),
      row("Python in the page", "CPython").getByRole("link", { name: "PSF-2.0" }).click(),
    ]);
    await expect(psf.locator("body")).toContainText("PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2");
    await psf.close();
  }
  await page.keyboard.press("Escape");
  await expect(about).toBeHidden();
  await expect(page.getByRole("button", { name: "About" })).toBeFocused();
});
