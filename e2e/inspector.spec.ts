/**
 * The response inspector, read as a person reads it: each body view, the
 * call trace, the errors log, the environ and the comparison of two
 * responses. Screenshots of the main states go to test-results/screens.
 */
import { expect, test, type Page } from "@playwright/test";
import type { Playground } from "./playground";
import { APP_IMPORTS } from "./playground";
import { sharePage } from "./shared-page";

async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

test.describe("the inspector, on one page", () => {
  const shared = sharePage((playground) => playground.open("typescript"));
  let page: Page;
  let playground: Playground;
  // Each test begins with a new request, on the response's Body view.
  test.beforeEach(async () => {
    ({ page, playground } = shared);
    await page.getByRole("button", { name: "New request" }).click();
    if (await page.getByRole("tablist", { name: "Response views" }).isVisible())
      await playground.responseTab("Body");
  });

  test("the environ is grouped, explained, filtered and copied as a Python dict", async () => {
    await playground.url.fill("/search?q=wsgi");
    await playground.sendForResponse();
    await playground.responseTab("Environ");
    const environ = playground.environ;
    await expect(environ.getByRole("rowheader", { name: "HTTP headers" })).toBeVisible();
    await expect(
      environ.getByRole("rowheader", { name: "SCRIPT_NAME", exact: true }),
    ).toHaveAttribute("title", /mounted/);
    await page.getByLabel("Filter environ").fill("query");
    await expect(environ.getByRole("rowheader", { name: "QUERY_STRING" })).toBeVisible();
    await expect(environ.getByRole("rowheader", { name: "PATH_INFO" })).toHaveCount(0);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy as Python dict" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("'QUERY_STRING': 'q=wsgi',");
    expect(copied).toContain("'wsgi.version': (1, 0),");
    expect(copied).toContain("'wsgi.multithread': False,");
    await snap(page, "environ");
  });

  test("every view of the inspector is reachable by keyboard", async () => {
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");
    const tab = page
      .getByRole("tablist", { name: "Response views" })
      .getByRole("tab", { name: "Environ" });
    await tab.focus();
    await page.keyboard.press("Enter");
    await expect(playground.environ).toBeVisible();
    // Environ, Layers, Request bytes, Call trace, Findings: each tab is a stop of its own.
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    await expect(
      page.getByRole("tablist", { name: "Response views" }).getByRole("tab", { name: "Findings" }),
    ).toBeFocused();
  });

  test("a JSON response is pretty-printed", async () => {
    await playground.build(
      APP_IMPORTS +
        `export default function app(environ: Environ, start_response: StartResponse) {
    start_response("200 OK", [["Content-Type", "application/json"]]);
    return [b\`{"user":{"name":"Ada","langs":["py","ts"]},"ok":true}\`];
  }`,
    );
    await playground.sendForResponse();
    await expect(page.getByRole("radio", { name: "Pretty" })).toBeChecked();
    await expect(playground.responseBody).toHaveText(
      '{\n  "user": {\n    "name": "Ada",\n    "langs": [\n      "py",\n      "ts"\n    ]\n  },\n  "ok": true\n}',
      { useInnerText: true },
    );
    await snap(page, "json-pretty");
    await page.getByRole("radio", { name: "Raw" }).check();
    await expect(playground.responseBody).toHaveText(
      '{"user":{"name":"Ada","langs":["py","ts"]},"ok":true}',
    );
  });

  test("a 1 MB binary response shows in the hex view, first and last bytes", async () => {
    await playground.build(
      APP_IMPORTS +
        `export default function app(environ: Environ, start_response: StartResponse) {
    const body = new Uint8Array(1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = i % 256;
    start_response("200 OK", [["Content-Type", "application/octet-stream"]]);
    return [body];
  }`,
    );
    await playground.sendForResponse();
    await expect(page.getByRole("radio", { name: "Hex" })).toBeChecked();
    const hex = playground.responseBody;
    await expect(hex).toContainText("00000000");
    await expect(hex).toContainText("00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f");
    await snap(page, "hex-top");
    await hex.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect(hex).toContainText("000ffff0");
    await expect(hex).toContainText("f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff");
    await expect(hex).not.toContainText("00000000");
    await snap(page, "hex-bottom");
  });

  test("HTML is rendered without running its scripts, unless asked", async () => {
    await playground.build(
      APP_IMPORTS +
        `export default function app(environ: Environ, start_response: StartResponse) {
    start_response("200 OK", [["Content-Type", "text/html"]]);
    return [b\`<h1>Static heading</h1><p id="out">script did not run</p>
  <script>document.getElementById("out").textContent = "script ran"</script>\`];
  }`,
    );
    await playground.sendForResponse();
    await page.getByRole("radio", { name: "Rendered" }).check();
    const frame = page.frameLocator('iframe[title="Rendered response body"]');
    await expect(frame.getByRole("heading", { name: "Static heading" })).toBeVisible();
    await expect(frame.locator("#out")).toHaveText("script did not run");
    await snap(page, "html-rendered");
    await page.getByLabel(/Run the page.s scripts/).check();
    await expect(frame.locator("#out")).toHaveText("script ran");
    // Even then, the frame has an opaque origin: no access to the playground's storage.
    expect(
      await page.locator('iframe[title="Rendered response body"]').getAttribute("sandbox"),
    ).toBe("allow-scripts");

    await page.getByRole("radio", { name: "Pretty" }).check();
    await expect(playground.responseBody).toContainText("<h1>Static heading</h1>");
  });

  test("three chunks and one write show as four body events, in order", async () => {
    await playground.build(
      APP_IMPORTS +
        `export default function* app(environ: Environ, start_response: StartResponse) {
    const write = start_response("200 OK", [["Content-Type", "text/plain"]]);
    write(b\`w\`);
    yield b\`one\`;
    yield b\`three\`;
    yield b\`seven..\`;
  }`,
    );
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("wonethreeseven..");
    await playground.responseTab("Call trace");
    const trace = page.getByRole("list", { name: "Call trace" });
    const body = trace.getByRole("listitem").filter({ hasText: /#\d/ });
    await expect(body).toHaveCount(4);
    await expect(body.nth(0)).toContainText("#1 write1 bytes");
    await expect(body.nth(1)).toContainText("#2 yieldchunk of 3 bytes");
    await expect(body.nth(2)).toContainText("#3 yieldchunk of 5 bytes");
    await expect(body.nth(3)).toContainText("#4 yieldchunk of 7 bytes");
    await expect(trace.getByRole("listitem").last()).toContainText("close");
    await snap(page, "call-trace");
  });

  test("comparing two responses shows a changed header", async () => {
    await playground.build(
      APP_IMPORTS +
        `export default function app(environ: Environ, start_response: StartResponse) {
    const mode = environ.QUERY_STRING || "plain";
    start_response("200 OK", [["Content-Type", "text/plain"], ["X-Mode", mode]]);
    return [b\`mode is \${mode}\\n\`];
  }`,
    );
    await playground.url.fill("/?fast");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("mode is fast\n");
    await playground.url.fill("/?slow");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("mode is slow\n");
    await playground.responseTab("Compare");
    const compare = page.getByRole("region", { name: "Compare responses" });
    await expect(compare).toContainText("Same status.");
    await expect(compare.getByRole("table", { name: "Header differences" })).toContainText(
      "x-modefast → slow",
    );
    await expect(compare.getByLabel("Body differences")).toHaveText(
      /^mode is fast\n\s*mode is slow\n$/,
    );
    await snap(page, "compare");
  });

  test("a traceback line in the errors log opens the user's line", async () => {
    await playground.build(
      APP_IMPORTS +
        `function fail(): never {
    throw new RangeError("out of range");
  }

  export default function app(environ: Environ, start_response: StartResponse) {
    start_response("200 OK", [["Content-Type", "text/plain"]]);
    return [fail()];
  }`,
    );
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("500 Internal Server Error");
    await expect(page.getByRole("tab", { name: /Errors log \(traceback\)/ })).toBeVisible();
    await playground.responseTab("Errors log");
    const log = page.getByRole("region", { name: "Errors log" });
    await expect(log).toContainText('File "app.ts", line 10, in app');
    await expect(log).toContainText('File "app.ts", line 5, in fail');
    await expect(log).toContainText("RangeError: out of range");
    await snap(page, "errors-log");
    await log.getByRole("button", { name: 'app.ts", line 5' }).click();
    await page.keyboard.press("End");
    await page.keyboard.type(" // thrown here");
    await expect(
      playground.editor.locator(".view-line", { hasText: "// thrown here" }),
    ).toContainText("throw new RangeError");
  });
});
