/**
 * The terminal (issue 38), as a person uses it: a request paused at
 * breakpoint(), pdb's commands typed and its buttons clicked, the editor
 * following, the time limit waiting; input() at the top level answered;
 * >>> after requests. The Python tests share one started page.
 */
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";

const BREAKPOINT_APP = `def greet(who):
    return f"Hello {who}!"


def application(environ, start_response):
    who = environ["PATH_INFO"][1:] or "world"
    breakpoint()
    text = greet(who)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [text.encode()]
`;

test.describe("the terminal, with Python", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
  });
  test.afterAll(() => page.close());

  const input = () => page.getByRole("textbox", { name: "Terminal input" });
  const output = () => page.getByLabel("Terminal output");

  /** Type `line` into the terminal and press Enter. */
  async function typeLine(line: string) {
    await input().fill(line);
    await input().press("Enter");
  }

  test("breakpoint() pauses the request: p shows a value, s steps in and the editor follows, the limit waits, c answers", async () => {
    const limit = page.getByLabel("Time limit");
    await limit.fill("3");
    await limit.blur();
    try {
      await playground.build(BREAKPOINT_APP);
      await playground.url.fill("/Ada");
      const before = await playground.responseSeq();
      await playground.pressSend();
      const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
      await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.py:8/, {
        timeout: 30_000,
      });
      await expect(output()).toContainText("> app.py(8)application()\n-> text = greet(who)");
      await expect(page.getByRole("group", { name: "The app is running" })).toContainText(
        "Paused at app.py:8",
      );
      await expect(page.getByRole("region", { name: "Variables" })).toContainText("'Ada'");
      await typeLine("p who");
      await expect(output()).toContainText("(Pdb) p who\n'Ada'");
      await typeLine("s");
      await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.py:1/);
      await expect(playground.editor.locator(".paused-line")).toHaveCount(1);
      // The README shows this (copied to docs/ by hand when the layout changes).
      await page.screenshot({ path: "test-results/screens/terminal.png" });
      // Longer than the time limit (3 s), paused: the request is not stopped.
      await page.waitForTimeout(4_000);
      expect(await playground.responseSeq()).toBe(before);
      await debuggerBar.getByRole("button", { name: "Continue" }).click();
      await expect.poll(() => playground.responseSeq()).toBeGreaterThan(before);
      await expect(playground.status).toHaveText("200 OK");
      await expect(playground.responseBody).toHaveText("Hello Ada!");
    } finally {
      await limit.fill("5");
      await limit.blur();
      await playground.url.fill("/");
    }
  });

  test("pdb.set_trace() in mod_wsgi's application: Step Over by its button, pp environ['PATH_INFO']", async () => {
    await playground.build(
      [
        "import pdb",
        "",
        "",
        "def application(environ, start_response):",
        "    pdb.set_trace()",
        '    status = "200 OK"',
        '    start_response(status, [("Content-Type", "text/plain")])',
        '    return [environ["PATH_INFO"].encode()]',
        "",
      ].join("\n"),
    );
    await playground.url.fill("/a%20b");
    const before = await playground.responseSeq();
    await playground.pressSend();
    const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
    await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.py:6/, {
      timeout: 30_000,
    });
    await debuggerBar.getByRole("button", { name: "Step Over" }).click();
    await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.py:7/);
    await expect(output()).toContainText("(Pdb) n\n> app.py(7)application()");
    await typeLine("pp environ['PATH_INFO']");
    await expect(output()).toContainText("(Pdb) pp environ['PATH_INFO']\n'/a b'");
    await typeLine("c");
    await expect.poll(() => playground.responseSeq()).toBeGreaterThan(before);
    await expect(playground.responseBody).toHaveText("/a b");
    await expect(debuggerBar).toHaveCount(0);
    await playground.url.fill("/");
  });

  test("Stop while paused ends the request as stopped; a line typed then goes to >>>", async () => {
    await playground.build(BREAKPOINT_APP);
    const before = await playground.responseSeq();
    await playground.pressSend();
    const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
    await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.py:8/);
    await page
      .getByRole("group", { name: "The app is running" })
      .getByRole("button", { name: "Stop" })
      .click();
    await expect.poll(() => playground.responseSeq()).toBeGreaterThan(before);
    await expect(playground.status).toHaveText(/504/);
    await expect(debuggerBar).toHaveCount(0);
    // Typed now, with nothing running, a line goes to >>>.
    await typeLine("greet('Bob')");
    await expect(output()).toContainText(">>> greet('Bob')\n'Hello Bob!'");
  });

  test("input() at the top level asks in the terminal; the build waits for the answer", async () => {
    const before = await playground.buildNumber();
    await playground.replaceCode(
      [
        'name = input("Your name? ")',
        "",
        "",
        "def application(environ, start_response):",
        '    start_response("200 OK", [("Content-Type", "text/plain")])',
        '    return [f"Hello {name}!".encode()]',
        "",
      ].join("\n"),
    );
    await expect(page.locator("label[for=terminal-input]")).toHaveText("Your name?", {
      timeout: 30_000,
    });
    await typeLine("Grace");
    await playground.nextBuild(before);
    await expect(output()).toContainText("Your name? Grace");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("Hello Grace!");
  });

  test(">>> after two requests shows what they left in a module list", async () => {
    await playground.build(
      [
        "seen = []",
        "",
        "",
        "def application(environ, start_response):",
        '    seen.append(environ["PATH_INFO"])',
        '    start_response("200 OK", [("Content-Type", "text/plain")])',
        '    return [b"ok"]',
        "",
      ].join("\n"),
    );
    for (const path of ["/one", "/two"]) {
      await playground.url.fill(path);
      await playground.sendForResponse();
    }
    await playground.url.fill("/");
    await expect(page.locator("label[for=terminal-input]")).toHaveText(">>>");
    await typeLine("seen");
    await expect(output()).toContainText(">>> seen\n['/one', '/two']");
    await typeLine("len(seen) * 10");
    await expect(output()).toContainText(">>> len(seen) * 10\n20");
    await typeLine("undefined_name");
    await expect(output()).toContainText("NameError: name 'undefined_name' is not defined");
  });

  test("a check that reaches breakpoint() pauses the same way and says so; a new build ends the pause and says why", async () => {
    const checked = `${BREAKPOINT_APP}\n# Checked by checks.hurl\n`;
    await playground.build(checked);
    await playground.newFile("checks.hurl");
    await playground.replaceCode("# Home\nGET http://localhost:8000/\nHTTP 200\n");
    const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
    await expect(debuggerBar.getByRole("status")).toHaveText(
      "Paused at app.py:8 (a check: GET /)",
      { timeout: 30_000 },
    );
    // A check's pause does not take the focus: what the person was typing stays theirs.
    await expect(input()).not.toBeFocused();
    await playground.fileTab("app.py").click();
    await playground.build(checked.replace("    breakpoint()\n", ""));
    await expect(output()).toContainText(
      "A new build: the read that waited got end of input (as Ctrl+D), so what waited ends.",
    );
    await playground.sendForResponse();
    await expect(page.getByRole("tab", { name: /^Checks/ })).toHaveText("Checks 1 ✓", {
      timeout: 30_000,
    });
    await expect(debuggerBar).toHaveCount(0);
  });
});

test("a TypeScript debugger; pauses the request: an expression shows a local, Continue answers", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.build(
    [
      'import { b } from "wsgi";',
      'import type { Environ, StartResponse } from "wsgi";',
      "",
      "export default function app(environ: Environ, start_response: StartResponse) {",
      '  const who = String(environ.PATH_INFO).slice(1) || "world";',
      '  console.log("serving", who);',
      "  debugger;",
      '  start_response("200 OK", [["Content-Type", "text/plain"]]);',
      "  return [b`Hello ${who}!`];",
      "}",
      "",
    ].join("\n"),
  );
  // Nothing asks yet: the line does not offer Python's >>> in a TypeScript project.
  const input = page.getByRole("textbox", { name: "Terminal input" });
  await expect(input).toHaveAttribute("placeholder", /debugger; statement pauses a request/);
  await expect(page.locator("label[for=terminal-input]")).toHaveText("");
  await playground.url.fill("/Ada");
  const before = await playground.responseSeq();
  await playground.pressSend();
  const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
  await expect(debuggerBar.getByRole("status")).toHaveText(/Paused at app\.ts:7/);
  const output = page.getByLabel("Terminal output");
  await expect(output).toContainText("serving Ada");
  await input.fill("who.toUpperCase()");
  await input.press("Enter");
  await expect(output).toContainText("debug> who.toUpperCase()\n'ADA'");
  await debuggerBar.getByRole("button", { name: "Continue" }).click();
  await expect.poll(() => playground.responseSeq()).toBeGreaterThan(before);
  await expect(playground.responseBody).toHaveText("Hello Ada!");
});
