/**
 * The walking skeleton, as a person uses it: edit the app, send a request,
 * read status, headers, body and environ; break the code and see the marker.
 */
import { expect, test } from "@playwright/test";
import { Playground } from "./playground";
import { sandboxOriginOf, SUBPATH_URL } from "./servers";

test("the default app answers Hello world with wsgiref's headers", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.pressSend();
  await expect(playground.status).toHaveText("200 OK");
  await expect(playground.responseBody).toHaveText("Hello world!");
  await expect(playground.row(playground.responseHeaders, "Content-Type")).toHaveText("text/plain");
  await expect(playground.row(playground.responseHeaders, "Content-Length")).toHaveText(/^12/);
  await expect(playground.row(playground.responseHeaders, "Server")).toContainText(
    "WSGIServer/0.2",
  );
  await playground.responseTab("Environ");
  await expect(playground.row(playground.environ, "PATH_INFO")).toHaveText("/");
  await expect(playground.row(playground.environ, "HTTP_HOST")).toHaveText("localhost:8000");
});

test("an edit typed in the editor changes the response", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.pressSend();
  await expect(playground.responseBody).toHaveText("Hello world!");

  // Put the caret before "!" at the end of the body line, select "world", type over it.
  await playground.editor.locator(".view-line", { hasText: "Hello world!" }).click();
  await page.keyboard.press("End");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ControlOrMeta+Shift+ArrowLeft");
  await page.keyboard.type("from the editor");
  await playground.pressSend();
  await expect(playground.responseBody).toHaveText("Hello from the editor!");
  await expect(playground.status).toHaveText("200 OK");
});

test("a syntax error shows a marker and a message, and keeps the last response", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.pressSend();
  await expect(playground.responseBody).toHaveText("Hello world!");

  await playground.editor.locator(".view-line", { hasText: "start_response(" }).click();
  await page.keyboard.press("End");
  // Every prefix of what is typed either leaves the app answering as before
  // or does not compile: a build made while typing must not change the answer.
  await page.keyboard.type(" 1x = 2;");
  await playground.pressSend();

  await expect(playground.buildErrors).toContainText("does not compile");
  await expect(playground.buildErrors).toContainText(/app\.ts:\d+:\d+/);
  await expect(playground.editor.locator(".squiggly-error").first()).toBeVisible();
  await expect(playground.responseBody).toHaveText("Hello world!");
  await expect(playground.status).toHaveText("200 OK");
  // The last good build still answers, and says so.
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("Hello world!");
  // (Typing the error built the code in between too: which numbers, depends on the typing speed.)
  await expect(page.getByLabel("Older build")).toContainText(
    /Answered by build #\d+, the last one that worked: build #\d+ failed/,
  );
});

test("the request panel sends method, target, headers and body as typed", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.method.fill("POST");
  await playground.url.fill("/greet/%7Euser?name=Ada&x=1");
  await playground.tab("Headers").click();
  await playground.addHeader("Cookie", "session=abc123");
  await playground.tab("Body").click();
  await page.getByRole("radio", { name: "Raw" }).check();
  await page.getByLabel("Body", { exact: true }).fill("name=Ada");
  await playground.send.click();

  await expect(playground.status).toHaveText("200 OK");
  await playground.responseTab("Environ");
  const env = (key: string) => playground.row(playground.environ, key);
  await expect(env("REQUEST_METHOD")).toHaveText("POST");
  await expect(env("PATH_INFO")).toHaveText("/greet/~user");
  await expect(env("QUERY_STRING")).toHaveText("name=Ada&x=1");
  await expect(env("HTTP_COOKIE")).toHaveText("session=abc123");
  await expect(env("CONTENT_TYPE")).toHaveText("text/plain");
  await expect(env("CONTENT_LENGTH")).toHaveText("8");
});

test("the page works with every other origin blocked", async ({ page, baseURL }) => {
  // The deployment's own two origins: the playground's and its sandbox's.
  const own = [new URL(baseURL!).origin, sandboxOriginOf(baseURL!)];
  const outside: string[] = [];
  await page.context().route(
    (url) => !["blob:", "data:"].includes(url.protocol) && !own.includes(url.origin),
    (route) => {
      outside.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.pressSend();
  await expect(playground.responseBody).toHaveText("Hello world!");
  expect(outside).toEqual([]);
});

test("a hard reload (no controller) recovers and the service worker answers", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Page.reload", { ignoreCache: true });
  await expect(playground.buildStatus).toHaveText(/ready/);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await playground.pressSend();
  await expect(playground.responseBody).toHaveText("Hello world!");
});

test("the build works under a sub-path", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript", SUBPATH_URL);
  await playground.pressSend();
  await expect(playground.status).toHaveText("200 OK");
  await expect(playground.responseBody).toHaveText("Hello world!");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(SUBPATH_URL);
});

test("the wsgi module's types are loaded: completions and type errors", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.editor.locator(".view-line", { hasText: "start_response(" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("const path: string = environ.PATH_");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget")).toContainText("PATH_INFO");
  await page.keyboard.press("Enter");
  await page.keyboard.type(";");
  await expect(
    playground.editor.locator(".view-line", { hasText: "environ.PATH_INFO;" }),
  ).toBeVisible();

  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("start_response(200, []);");
  await expect(playground.editor.locator(".squiggly-error").first()).toBeVisible();
  // F8 walks the problems; TypeScript's diagnostics arrive after a short delay.
  await expect(async () => {
    await page.keyboard.press("F8");
    await expect(page.locator(".marker-widget")).toContainText(
      "not assignable to parameter of type 'string'",
      { timeout: 1000 },
    );
  }).toPass();
});
