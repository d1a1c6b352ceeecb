/**
 * What a Python developer meets in the first half hour, as `python3 app.py`
 * would have it, said when it happens: the user's own validator raising,
 * the read() that would hang, the top level's print, tracebacks without the
 * playground in them; and the page saying what it is doing: Python's start
 * with a progress bar, a link pasted into an open tab, a new project with
 * no earlier response on it. The Python tests share one started page.
 */
import { expect, test, type Page } from "@playwright/test";
import { rawTextToBytes } from "../src/request/raw-text";
import { encodeShare } from "../src/share/share-codec";
import { Playground } from "./playground";
import { parse, sendRaw, startPython } from "./python3";

/** A POST with a 5-byte body, typed into the Raw tab (each line ends with CR LF). */
const RAW_POST = "POST / HTTP/1.0\nHost: localhost:8000\nContent-Length: 5\n\nhello";

const READ_ALL = `from wsgiref.validate import validator

def application(environ, start_response):
    body = environ["wsgi.input"].read()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]
`;

test.describe("Python, as python3 app.py has it", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
  });
  test.afterAll(() => page.close());

  test("the user's own validator answers 500 with AssertionError in the errors log, as python3's", async () => {
    const code = `${READ_ALL}\napplication = validator(application)\n`;
    await playground.build(code);
    await playground.tab("Raw").click();
    await page.getByRole("checkbox", { name: /Raw mode/ }).check();
    await page.getByLabel("Raw request text").fill(RAW_POST);
    await playground.sendForResponse();
    const python = await startPython(code);
    try {
      // The same bytes, as the panel made them from the typed text.
      const theirs = parse(await sendRaw(python.port, rawTextToBytes(RAW_POST, "crlf")));
      expect(theirs.status).toBe("500 Internal Server Error");
      await expect(playground.status).toHaveText(theirs.status);
      await expect(playground.responseBody).toHaveText(theirs.body);
      await expect.poll(() => python.stderr()).toContain("AssertionError");
    } finally {
      python.stop();
    }
    await playground.responseTab("Errors log");
    const log = page.getByRole("region", { name: "Errors log" });
    await expect(log).toContainText("AssertionError");
    await expect(log).toContainText("validate.py");
    await expect(log).not.toContainText("playground");
  });

  test("read() with no size answers here, with a finding that a real server would block", async () => {
    await playground.build(READ_ALL);
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");
    await playground.responseTab("Body");
    await expect(playground.responseBody).toHaveText("hello");
    await playground.responseTab("Findings");
    const findings = page.getByRole("region", { name: "Findings" });
    await expect(findings).toContainText("wsgi.input.read() with no size");
    await expect(findings).toContainText("the socket would block");
    await expect(findings).toContainText("app.py:4");
    // What differs from python3 app.py by nature is said beside the key.
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "wsgi.input")).toContainText(
      "Under python3 app.py: the socket's file",
    );
    await expect(playground.row(playground.environ, "SERVER_PORT")).toContainText("virtual host");
  });

  test("the top level's print() is in the errors log; a traceback holds no playground frame", async () => {
    await playground.build(
      `print("Serving on port 8000...")

def helper():
    raise ValueError("boom")

def application(environ, start_response):
    helper()
`,
    );
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("500 Internal Server Error");
    await playground.responseTab("Errors log");
    const log = page.getByRole("region", { name: "Errors log" });
    await expect(log).toContainText("Serving on port 8000...");
    await expect(log).toContainText('File "app.py", line 7, in application');
    await expect(log).toContainText('File "app.py", line 4, in helper');
    await expect(log).toContainText("ValueError: boom");
    await expect(log).not.toContainText("playground");
    await expect(log).not.toContainText("observed");
    // Each frame in the project is a link to its line.
    await log.getByRole("button", { name: /app\.py", line 4/ }).click();
    await expect(playground.fileTab("app.py")).toHaveAttribute("aria-selected", "true");
  });

  test("a loop at the top level is interrupted at its line; the last good build keeps answering", async () => {
    await playground.build(
      'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"before the loop"]\n',
    );
    await playground.pressSend();
    await playground.responseTab("Body");
    await expect(playground.responseBody).toHaveText("before the loop");
    await page.getByLabel("Time limit").fill("2");
    await page.getByLabel("Time limit").blur();
    try {
      await playground.replaceCode("import time\n\nwhile True:\n    time.sleep(0.1)\n");
      await expect(playground.buildErrors).toContainText(
        "The app was stopped after 2 s: its module's top level did not finish",
      );
      await expect(playground.buildErrors).toContainText(
        "It was running app.py, line 4, in <module>",
      );
      await expect(playground.buildErrors).toContainText("KeyboardInterrupt");
      await playground.pressSend();
      await expect(playground.responseBody).toHaveText("before the loop");
    } finally {
      await page.getByLabel("Time limit").fill("5");
      await page.getByLabel("Time limit").blur();
    }
  });

  test("a failed build leaves the last good one answering, and says which", async () => {
    await playground.build(
      'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"last good"]\n',
    );
    await playground.replaceCode("import django\n");
    await expect(playground.buildErrors).toContainText(
      "ModuleNotFoundError: No module named 'django'",
    );
    await expect(playground.buildErrors).toContainText("django is not installed here");
    await playground.sendForResponse();
    await playground.responseTab("Body");
    await expect(playground.responseBody).toHaveText("last good");
    await expect(page.getByText("No build of the app is loaded yet.")).toBeHidden();
  });

  test("a five-chunk stream is drawn as it comes, in the panel and in the preview", async () => {
    await playground.build(
      `import time

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    for i in range(1, 6):
        yield f"<p>chunk {i}</p>\\n".encode()
        time.sleep(0.5)
`,
    );
    // The raw POST of the tests before is put away: the structured GET / is sent.
    await playground.tab("Raw").click();
    await page.getByRole("checkbox", { name: /Raw mode/ }).uncheck();
    await playground.url.fill("/");
    await playground.pressSend();
    // One look at the screen at a time: the response still coming, its first chunk in, its last not.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const streaming = document.querySelector("[aria-label='Streaming']");
            const body = document.querySelector("[aria-label='Response body']")?.textContent ?? "";
            return Boolean(streaming) && body.includes("chunk 1") && !body.includes("chunk 5");
          }),
        { intervals: [50] },
      )
      .toBe(true);
    await expect(playground.status).toHaveText("200 OK");
    await expect(page.getByRole("list", { name: "Call trace" })).toContainText("yield");
    // Then the whole response, as ever.
    await expect(page.getByRole("status", { name: "Streaming" })).toBeHidden({ timeout: 30_000 });
    await expect(playground.responseBody).toContainText("chunk 5");

    // The preview is sent the chunks as the app yields them: the page shows the first before the last exists.
    await page.getByRole("button", { name: /^Open http/ }).click();
    const preview = page.locator('iframe[title="Preview"]');
    await expect(preview).toBeVisible();
    // The frame found afresh at each look: its document may be replaced (a new origin's) as it opens.
    const body = page.frameLocator('iframe[title="Preview"]').locator("body");
    await expect
      .poll(
        () =>
          body
            .textContent({ timeout: 1_000 })
            .then((text) => (text ?? "").includes("chunk 1") && !(text ?? "").includes("chunk 5"))
            .catch(() => false),
        { intervals: [50], timeout: 30_000 },
      )
      .toBe(true);
    await expect(page.frameLocator('iframe[title="Preview"]').locator("body")).toContainText(
      "chunk 5",
      { timeout: 30_000 },
    );
  });
});

test("starting Python shows its progress: the download's bytes, then start-up", async ({
  page,
}) => {
  // The standard library is held back until the bar has been read part way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/python_stdlib.zip", async (route) => {
    await held;
    await route.continue();
  });
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.projectMenu("New Python project");
  const bar = page.getByRole("progressbar", { name: "Starting Python" });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(playground.buildStatus).toHaveText("Starting Python…");
  await expect(bar).toHaveAttribute("aria-valuetext", /Downloading Python: \d+\.\d of \d+\.\d MB/);
  release();
  await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
  await expect(bar).toBeHidden();
});

test("a link pasted into an open tab opens, waiting for Run, and the project on screen is kept", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.sendForResponse();
  const link = encodeShare({
    name: "Pasted",
    files: {
      "app.ts":
        'import { b } from "wsgi";\nexport default function app(e: unknown, start_response: (s: string, h: [string, string][]) => void) {\n  start_response("200 OK", [["Content-Type", "text/plain"]]);\n  return [b`pasted`];\n}\n',
      "notes.md": "# a second file\n",
    },
  });
  // What pasting a link of the same playground into the address bar does: the fragment changes.
  await page.evaluate((fragment) => (location.hash = fragment), `#${link}`);
  const picker = page.getByLabel("Project", { exact: true });
  await expect(picker.locator("option:checked")).toHaveText("Pasted (from a link)");
  await expect(page.getByRole("alert", { name: "Code from a link" })).toBeVisible();
  await expect.poll(() => playground.fileTabs()).toEqual(["app.ts", "notes.md"]);
  // The project that was on screen is still there.
  await expect(picker.locator("option", { hasText: "My project" })).toHaveCount(1);
  // And no earlier response is shown for it.
  await expect(playground.status).toBeHidden();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(playground.buildStatus).toHaveText(/ready/);
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("pasted");
});

test("a new project shows no earlier response, trace or build number", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.sendForResponse();
  await expect(playground.status).toHaveText("200 OK");
  await playground.projectMenu("New TypeScript project");
  await expect(playground.status).toBeHidden();
  await expect(page.getByText(/Answered by build/)).toBeHidden();
  await expect(page.getByText("Press Send (or Ctrl+Enter) to call the app.")).toBeVisible();
});

test("the Request bytes view's columns are readable at 1280 px: no cell narrower than its longest word", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.url.fill("/caf%C3%A9?x=1");
  await playground.sendForResponse();
  await playground.responseTab("Request bytes");
  const table = page.getByRole("table", { name: "What became of each request line" });
  await expect(table).toContainText("HTTP_HOST");
  const narrow = await table.evaluate((element) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    const problems: string[] = [];
    for (const cell of Array.from(element.querySelectorAll<HTMLElement>("th, td"))) {
      const style = getComputedStyle(cell);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const words = (cell.textContent ?? "").split(/\s+/).filter(Boolean);
      const longest = Math.max(0, ...words.map((word: string) => canvas.measureText(word).width));
      const room =
        cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      // A word that is a long token (a whole request line) may wrap; a name or a word may not.
      if (longest < 200 && room + 1 < longest)
        problems.push(`${cell.textContent}: ${room} < ${longest}`);
    }
    return problems;
  });
  expect(narrow).toEqual([]);
});

test("on a phone the request pane fits the screen: Host, Send and Follow redirects are not cut off", async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const playground = new Playground(page);
  await playground.open("typescript");
  await page.getByRole("tablist", { name: "Panes" }).getByRole("tab", { name: "Request" }).tap();
  for (const control of [
    page.getByLabel("Host"),
    playground.send,
    page.getByText("Follow redirects"),
  ]) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  const pane = page.locator("#pane-request");
  expect(await pane.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  // A tab row wider than the screen scrolls, with a shadow at the side where more tabs are; every tab is reached by touch.
  await playground.send.tap();
  await page.getByRole("tablist", { name: "Panes" }).getByRole("tab", { name: "Response" }).tap();
  await expect(playground.status).toHaveText("200 OK");
  const views = page.getByRole("tablist", { name: "Response views" });
  expect(await views.evaluate((row) => row.scrollWidth > row.clientWidth)).toBe(true);
  expect(await views.evaluate((row) => getComputedStyle(row).backgroundImage)).toContain(
    "gradient",
  );
  await page.screenshot({ path: "test-results/screens/phone-response-tabs.png" });
  for (const name of ["Errors log", "Call trace", "Body"]) {
    const tab = views.getByRole("tab", { name: new RegExp(`^${name}`) });
    await tab.scrollIntoViewIfNeeded();
    await tab.tap();
    await expect(tab).toHaveAttribute("aria-selected", "true");
  }
  await context.close();
});
