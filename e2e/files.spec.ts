/**
 * Projects of many files, as a person keeps them: New file, a line in it,
 * an import of it; rename and delete from the keyboard; undo per file; a
 * zip there and back; a link with several files. Python's tests share one
 * started page (CPython takes seconds to start); each step leaves the
 * project as the next one expects it.
 */
import { expect, test, type Page } from "@playwright/test";
import { strToU8, unzipSync, zipSync } from "fflate";
import { encodeShare } from "../src/share/share-codec";
import { Playground } from "./playground";

/** Paste `text` at the end of the file shown, as one edit (one undo step). */
async function pasteAtEnd(playground: Playground, text: string): Promise<void> {
  const { page } = playground;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await playground.focusEditor();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("ControlOrMeta+V");
}

/** Open zip… with these bytes. */
async function openZip(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page
    .getByLabel("Open a project zip")
    .setInputFiles({ name, mimeType: "application/zip", buffer: Buffer.from(bytes) });
}

const ROUTES = 'def greeting():\n    return "text from routes.py"\n';
const APP = `from routes import greeting

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [greeting().encode()]
`;
const PKG_APP = `from pkg import render

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [render(environ["PATH_INFO"]).encode()]
`;

test.describe("a Python project of many files", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
    await expect(playground.fileTabs()).resolves.toEqual(["app.py"]);
  });
  test.afterAll(() => page.close());

  test("New file routes.py, imported by app.py; renamed, the import fails at its line; renamed back, it works", async () => {
    await expect(playground.fileTab("app.py")).toHaveAccessibleDescription(/entry file/);
    await playground.newFile("routes.py");
    await playground.replaceCode(ROUTES);
    await playground.fileTab("app.py").click();
    await playground.replaceCode(APP);
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("text from routes.py");

    await playground.renameFile("routes.py", "urls.py");
    expect(await playground.fileTabs()).toEqual(["app.py", "urls.py"]);
    await expect(playground.buildErrors).toContainText(
      "ModuleNotFoundError: No module named 'routes'",
    );
    await expect(playground.buildErrors).toContainText('File "app.py", line 1, in <module>');
    // The marker: on app.py's tab, and a squiggle on line 1 of app.py.
    await expect(playground.fileTab("app.py")).toHaveAccessibleDescription(/Has errors/);
    await playground.fileTab("app.py").click();
    const squiggle = playground.editor.locator(".squiggly-error").first();
    await expect(squiggle).toBeVisible();
    const lineOne = playground.editor.locator(".line-numbers", { hasText: /^1$/ });
    const [s, l] = [await squiggle.boundingBox(), await lineOne.boundingBox()];
    expect(Math.abs(s!.y + s!.height / 2 - (l!.y + l!.height / 2))).toBeLessThan(l!.height / 2);

    await playground.renameFile("urls.py", "routes.py");
    await expect(playground.buildStatus).toHaveText(/ready/);
    await expect(playground.buildErrors).toBeHidden();
    await expect(playground.fileTab("app.py")).not.toHaveAccessibleDescription(/Has errors/);
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("text from routes.py");
  });

  test("undo in one file after editing another undoes that file's edit only", async () => {
    await playground.fileTab("routes.py").click();
    await pasteAtEnd(playground, "# edited in routes\n");
    await expect.poll(() => playground.editorText()).toContain("# edited in routes");
    await playground.fileTab("app.py").click();
    await pasteAtEnd(playground, "# edited in app\n");
    await expect.poll(() => playground.editorText()).toContain("# edited in app");
    await playground.fileTab("routes.py").click();
    await playground.focusEditor();
    await page.keyboard.press("ControlOrMeta+Z");
    await expect.poll(() => playground.editorText()).not.toContain("# edited in routes");
    await expect.poll(() => playground.editorText()).toContain("text from routes.py");
    await playground.fileTab("app.py").click();
    await expect.poll(() => playground.editorText()).toContain("# edited in app");
  });

  test("a package survives Download zip → Open zip; a one-folder zip opens; ../evil.py is refused", async () => {
    await playground.newFile("pkg/__init__.py");
    await playground.replaceCode("from .views import render\n");
    await playground.newFile("pkg/views.py");
    await playground.replaceCode("def render(path):\n    return 'pkg.views rendered ' + path\n");
    await playground.fileTab("app.py").click();
    await playground.replaceCode(PKG_APP);
    await playground.url.fill("/from/zip");
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("pkg.views rendered /from/zip");
    const files = await playground.fileTabs();
    expect(files).toEqual(["app.py", "routes.py", "pkg/__init__.py", "pkg/views.py"]);

    const zip = await playground.downloadZip();
    await playground.projectMenu("New Python project");
    await expect.poll(() => playground.fileTabs()).toEqual(["app.py"]);
    await openZip(page, "packaged.zip", zip);
    await expect(page.getByLabel("Project", { exact: true }).locator("option:checked")).toHaveText(
      "packaged",
    );
    await expect.poll(() => playground.fileTabs()).toEqual(files);
    await playground.fileTab("pkg/views.py").click();
    await expect.poll(() => playground.editorText()).toContain("pkg.views rendered");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 60_000 });
    await expect(playground.url).toHaveValue("/from/zip");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("pkg.views rendered /from/zip");

    // What a code host's Download ZIP gives: every file in one top folder.
    const inFolder = Object.fromEntries(
      Object.entries(unzipSync(zip)).map(([path, data]) => [`demo-main/${path}`, data]),
    );
    await openZip(page, "demo-main.zip", zipSync(inFolder));
    await expect(page.getByLabel("Project", { exact: true }).locator("option:checked")).toHaveText(
      "demo-main",
    );
    await expect.poll(() => playground.fileTabs()).toEqual(files);

    // A path that climbs out: refused, and the project on screen stays as it was.
    await openZip(
      page,
      "evil.zip",
      zipSync({ "app.py": strToU8("print('hi')\n"), "../evil.py": strToU8("x = 1\n") }),
    );
    const problem = page.getByRole("alert", { name: "Zip problem" });
    await expect(problem).toContainText('"../evil.py" would be written outside the project');
    await expect(page.getByLabel("Project", { exact: true }).locator("option:checked")).toHaveText(
      "demo-main",
    );
    expect(await playground.fileTabs()).toEqual(files);
    // The next thing that works clears it.
    await playground.fileTab("pkg/views.py").click();
    await pasteAtEnd(playground, "# after the refused zip\n");
    await expect(problem).toBeHidden();
  });
});

test("a TypeScript project of two files survives Download zip → Open zip", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.newFile("lib/greet.ts");
  await playground.replaceCode("export const greet = (who: string) => `hello ${who} from lib`;\n");
  await playground.fileTab("app.ts").click();
  await playground.replaceCode(
    'import { b } from "wsgi";\nimport type { Environ, StartResponse } from "wsgi";\nimport { greet } from "./lib/greet";\n\nexport default function app(environ: Environ, start_response: StartResponse) {\n  start_response("200 OK", [["Content-Type", "text/plain"]]);\n  return [b`${greet("zip")}`];\n}\n',
  );
  await expect(playground.buildStatus).toHaveText(/ready/);
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("hello zip from lib");
  const zip = await playground.downloadZip();
  await playground.projectMenu("New TypeScript project");
  await expect.poll(() => playground.fileTabs()).toEqual(["app.ts"]);
  await openZip(page, "two-files.zip", zip);
  await expect.poll(() => playground.fileTabs()).toEqual(["app.ts", "lib/greet.ts"]);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("hello zip from lib");
});

test("a link with three files shows three tabs, each opened and edited; go to definition crosses files", async ({
  page,
}) => {
  const link = encodeShare({
    files: {
      "app.ts": [
        'import { b } from "wsgi";',
        'import type { Environ, StartResponse } from "wsgi";',
        'import { greet } from "./lib/greet";',
        'import page from "./templates/page.html";',
        "",
        "export default function app(environ: Environ, start_response: StartResponse) {",
        '  start_response("200 OK", [["Content-Type", "text/html"]]);',
        '  return [b`${page.replace("{name}", greet("link"))}`];',
        "}",
        "",
      ].join("\n"),
      "lib/greet.ts": "export const greet = (who: string) => `hi ${who}`;\n",
      "templates/page.html": "<p>{name}</p>\n",
    },
  });
  const playground = new Playground(page);
  await page.goto(`./#${link}`);
  await expect(playground.editor.locator(".monaco-editor")).toBeVisible();
  await expect
    .poll(() => playground.fileTabs())
    .toEqual(["app.ts", "lib/greet.ts", "templates/page.html"]);
  for (const [path, text, edit] of [
    ["templates/page.html", "<p>{name}</p>", "<h1>{name}</h1>\n"],
    ["lib/greet.ts", "hi ${who}", "export const greet = (who: string) => `edited ${who}`;\n"],
  ] as const) {
    await playground.fileTab(path).click();
    await expect(playground.fileTab(path)).toHaveAttribute("aria-selected", "true");
    await expect.poll(() => playground.editorText()).toContain(text);
    await playground.replaceCode(edit);
  }
  await playground.fileTab("app.ts").click();
  await expect.poll(() => playground.editorText()).toContain("templates/page.html");
  await pasteAtEnd(playground, "// edited in app.ts\n");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await playground.sendForResponse();
  await page
    .getByRole("radiogroup", { name: "Body view" })
    .getByText("Raw", { exact: true })
    .click();
  await expect(playground.responseBody).toHaveText("<h1>edited link</h1>");

  // F12 on greet( in app.ts opens lib/greet.ts, once TypeScript's worker knows the project: its
  // hover says greet's type. (Pressed again and again while the worker was busy, each try's
  // click on app.ts undid the last one's answer: under load it never held for a minute.)
  await playground.fileTab("app.ts").click();
  // In the code's lines (the hover has a "greet" of its own).
  const greet = playground.editor.locator(".view-lines").getByText("greet", { exact: true }).last();
  await greet.hover();
  await expect(
    page.locator(".monaco-hover").filter({ hasText: "(who: string) => string" }),
  ).toBeVisible({ timeout: 60_000 });
  await greet.click();
  await page.keyboard.press("F12");
  await expect(playground.fileTab("lib/greet.ts")).toHaveAttribute("aria-selected", "true", {
    timeout: 60_000,
  });
});

test("file names and deletions that are refused say why, and nothing is lost", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  const problem = page.getByRole("alert", { name: "File problem" });
  await page.getByRole("button", { name: "New file", exact: true }).click();
  for (const [name, why] of [
    ["", "Type a file name"],
    ["../x.ts", "climbs out of the project"],
    ["/abs.ts", "absolute path"],
    ["app.ts", "already a file called app.ts"],
  ] as const) {
    await playground.nameFile(name);
    await expect(problem).toContainText(why);
    // The name stays in the field, to be mended.
    await expect(page.getByLabel("File name", { exact: true })).toHaveValue(name);
  }
  await playground.nameFile("notes.md");
  await expect(playground.fileTab("notes.md")).toHaveAttribute("aria-selected", "true");
  await playground.replaceCode("# notes\n");

  // The entry file cannot go without a new one.
  await playground.fileTab("app.ts").click();
  await playground.fileTab("app.ts").press("Delete");
  const dialog = page.getByRole("alertdialog", { name: "Delete app.ts?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(problem).toContainText("app.ts is the entry file: set another file");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await playground.fileTabs()).toEqual(["app.ts", "notes.md"]);

  // A file that cannot run cannot be the entry.
  await playground.fileTab("notes.md").click();
  await page.getByLabel("Actions for notes.md").click();
  await expect(page.getByRole("menuitem", { name: "Set as entry file" })).toBeEnabled();
  await page.getByRole("menuitem", { name: "Set as entry file" }).click();
  await expect(page.getByRole("status", { name: "File note" })).toContainText(
    "notes.md cannot be the entry file",
  );

  // Deleting notes.md asks first; then it is gone and app.ts is shown.
  await playground.fileTab("notes.md").press("Delete");
  await page
    .getByRole("alertdialog", { name: "Delete notes.md?" })
    .getByRole("button", { name: "Delete" })
    .click();
  expect(await playground.fileTabs()).toEqual(["app.ts"]);
  await expect(playground.fileTab("app.ts")).toHaveAttribute("aria-selected", "true");
  // The last file stays.
  await playground.fileTab("app.ts").press("Delete");
  await page
    .getByRole("alertdialog", { name: "Delete app.ts?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(problem).toContainText("only file");
  expect(await playground.fileTabs()).toEqual(["app.ts"]);
  await expect(playground.buildStatus).toHaveText(/ready/);
});

test("a Python module name import cannot take gets a hint", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.projectMenu("New Python project");
  await expect.poll(() => playground.fileTabs()).toEqual(["app.py"]);
  await playground.newFile("my-routes.py");
  await expect(page.getByRole("status", { name: "File note" })).toContainText(
    "my-routes.py cannot be imported as a module",
  );
  await expect(page.getByRole("status", { name: "File note" })).toContainText("my_routes.py");
});
