/**
 * The live preview, clicked through as a person uses it: the app runs as a
 * site, its links, forms, redirects and scripts reach it, its cookies are
 * kept, and the preview survives reloads and a stopped service worker.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { APP_IMPORTS, Playground } from "./playground";
import { SUBPATH_URL } from "./servers";

const SITE = readFileSync(new URL("./apps/site.ts", import.meta.url), "utf8");
const BASE64 = readFileSync(new URL("../src/examples/apps/base64.ts", import.meta.url), "utf8");

async function openWith(page: Page, source: string, url = "./"): Promise<Playground> {
  const playground = new Playground(page);
  await playground.open("typescript", url);
  await playground.replaceCode(source);
  await expect(playground.buildStatus).toHaveText(/#2 ready/);
  await page.getByRole("button", { name: /^Open http/ }).click();
  return playground;
}

function frame(page: Page) {
  return page.frameLocator('iframe[title="Preview"]');
}

/** An app that answers `text`, and never finishes on /spin. */
function saying(text: string): string {
  return (
    APP_IMPORTS +
    [
      "export default function app(environ: Environ, start_response: StartResponse) {",
      '  if (environ.PATH_INFO === "/spin") while (true) {}',
      '  start_response("200 OK", [["Content-Type", "text/plain"]]);',
      `  return [b\`${text} at \${environ.PATH_INFO}\`];`,
      "}",
    ].join("\n")
  );
}

/** `fetch()` each path from inside the preview at once; each one's status and text. */
async function fetchInPreview(page: Page, paths: string[]): Promise<[number, string][]> {
  const element = await page.locator('iframe[title="Preview"]').elementHandle();
  const inside = (await element!.contentFrame())!;
  return inside.evaluate(
    (all) =>
      Promise.all(
        all.map(async (path) => {
          const response = await fetch(path);
          return [response.status, await response.text()] as [number, string];
        }),
      ),
    paths,
  );
}

test.describe("the preview of one started page", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    playground = await openWith(page, SITE);
  });
  test.afterAll(() => page.close());

  /** The preview at the site's home page, as each test begins. */
  async function home(): Promise<void> {
    await page.getByLabel("Preview URL").fill("/");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(frame(page).getByRole("heading", { name: "Home" })).toBeVisible();
  }

  test("preview requests are in the history and open in the inspector", async () => {
    await expect(frame(page).getByRole("heading", { name: "Home" })).toBeVisible();
    await playground.tab("History").click();
    const entry = page.getByRole("list", { name: "Request history" }).getByRole("listitem").first();
    await expect(entry).toContainText("preview");
    await expect(entry).toContainText("GET/200 OK");
    await entry.getByRole("button", { name: /^Inspect/ }).click();
    await expect(playground.status).toHaveText("200 OK");
    await expect(playground.responseBody).toContainText("<h1>Home</h1>");
  });

  test("a cookie the app sets is kept in the shared jar and sent back", async () => {
    await home();
    const site = frame(page);
    await expect(site.locator("#who")).toHaveText("Not logged in");
    await site.getByRole("link", { name: "Log in as Ada" }).click();
    await expect(site.locator("#who")).toHaveText("Hello, Ada");
    // The request panel shares the jar.
    await playground.tab("Cookies").click();
    await expect(page.getByRole("table", { name: "Cookies" })).toContainText("user");
    await playground.url.fill("/");
    await playground.sendForResponse("click");
    await expect(playground.responseBody).toContainText("Hello, Ada");
  });

  test("a POST form with a file reaches the app", async () => {
    await home();
    const site = frame(page);
    await site.locator('input[type="file"]').setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("twelve bytes"),
    });
    await site.locator('input[name="note"]').fill("from the preview");
    await site.getByRole("button", { name: "Upload" }).click();
    await expect(site.locator("#upload")).toHaveText("notes.txt: 12 bytes, note from the preview");
  });

  test("a redirect after POST lands on the page it names", async () => {
    await home();
    const site = frame(page);
    await site.locator('input[name="item"]').fill("first item");
    await site.getByRole("button", { name: "Add" }).click();
    await expect(site.getByRole("heading", { name: "List" })).toBeVisible();
    await expect(site.getByRole("listitem")).toHaveText(["first item"]);
    await expect(page.getByLabel("Preview URL")).toHaveValue("/list");
    await site.getByRole("link", { name: "Home" }).click();
    await expect(site.getByRole("heading", { name: "Home" })).toBeVisible();
  });

  test("the app page's own script fetches JSON from the app", async () => {
    await home();
    const site = frame(page);
    await site.getByRole("link", { name: "Script page" }).click();
    await expect(site.locator("#out")).toHaveText("fetched from the app at /api/data");
  });

  test("reload, back and forward work in the preview", async () => {
    // The home page first, as a person sees it before typing a URL (else it is not in the frame's history).
    await home();
    await page.getByLabel("Preview URL").fill("/count");
    await page.getByRole("button", { name: "Go" }).click();
    const site = frame(page);
    await expect(site.locator("#count")).toHaveText(/visit \d+/);
    const first = Number((await site.locator("#count").innerText()).split(" ")[1]);
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(site.locator("#count")).toHaveText(`visit ${first + 1}`);
    await page.getByRole("button", { name: "Back" }).click();
    await expect(site.getByRole("heading", { name: "Home" })).toBeVisible();
    await page.getByRole("button", { name: "Forward" }).click();
    await expect(site.locator("#count")).toHaveText(/visit \d+/);
  });

  test('the seeds\' base64 app, end to end, with href="/" back home', async () => {
    await playground.build(BASE64);
    const site = frame(page);
    await page.getByLabel("Preview URL").fill("/");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(site.getByText("Welcome! Enter a string:")).toBeVisible();
    await site.getByRole("textbox").fill("hello wsgi");
    await site.getByRole("button").click();
    await expect(site.locator("body")).toContainText(
      "'hello wsgi' base64 encoded is: aGVsbG8gd3NnaQ==",
    );
    await expect(page.getByLabel("Preview URL")).toHaveValue("/encode?mystring=hello+wsgi");
    await site.getByRole("link", { name: "Return to the home page" }).click();
    await expect(site.getByText("Welcome! Enter a string:")).toBeVisible();
    await expect(page.getByLabel("Preview URL")).toHaveValue("/");
    await page.screenshot({ path: "test-results/screens/preview-base64.png" });
  });

  test("a preview request that never ends is stopped at the time limit; the ones behind it are answered", async () => {
    await playground.build(saying("still here"));
    await page.getByLabel("Time limit").fill("1");
    await page.getByLabel("Time limit").blur();
    try {
      await expect(frame(page).locator("body")).toHaveText("still here at /");
      const [spin, after] = await fetchInPreview(page, ["/spin", "/after"]);
      expect(spin[0]).toBe(504);
      expect(spin[1]).toContain("The app was stopped after 1 s: GET /spin did not finish");
      expect(after).toEqual([200, "still here at /after"]);
      expect(await fetchInPreview(page, ["/next"])).toEqual([[200, "still here at /next"]]);
      await playground.tab("History").click();
      const history = page.getByRole("list", { name: "Request history" });
      await expect(history.getByRole("listitem").filter({ hasText: "/spin" })).toContainText(
        "504 Gateway Timeout",
      );
      await expect(history.getByRole("listitem").filter({ hasText: "/after" })).toContainText(
        "200 OK",
      );
    } finally {
      await page.getByLabel("Time limit").fill("5");
      await page.getByLabel("Time limit").blur();
    }
  });

  test("right after an edit the preview answers with the code on screen", async () => {
    await playground.build(saying("version one"));
    await expect(frame(page).locator("body")).toHaveText("version one at /");
    // The frame's own fetch is the test: a reload on the new build would cut it short.
    const reload = page.getByRole("checkbox", { name: "Reload on build" });
    await reload.uncheck();
    try {
      await playground.replaceCode(saying("version two"));
      // No waiting for the build: the preview's next request builds it first.
      expect(await fetchInPreview(page, ["/x"])).toEqual([[200, "version two at /x"]]);
    } finally {
      await reload.check();
    }
  });

  test("the same request gives the same environ from the panel and from the preview, whatever the host", async () => {
    const KEYS = [
      "REQUEST_METHOD",
      "SCRIPT_NAME",
      "PATH_INFO",
      "QUERY_STRING",
      "SERVER_NAME",
      "SERVER_PORT",
      "HTTP_HOST",
    ];
    const dump =
      APP_IMPORTS +
      [
        "export default function app(environ: Environ, start_response: StartResponse) {",
        `  const keys = ${JSON.stringify(KEYS)};`,
        "  const picked = Object.fromEntries(keys.map((key) => [key, environ[key] ?? null]));",
        '  start_response("200 OK", [["Content-Type", "text/plain"]]);',
        "  return [new TextEncoder().encode(JSON.stringify(picked))];",
        "}",
      ].join("\n");
    await playground.build(dump);
    const target = "/echo/a%2Fb?x=1";
    try {
      for (const host of ["localhost:8000", "example.test", "[::1]:8000", "127.0.0.1:5000"]) {
        await page.getByLabel("Host", { exact: true }).fill(host);
        await playground.url.fill(target);
        await playground.sendForResponse();
        await expect(playground.status).toHaveText("200 OK");
        const fromPanel = JSON.parse(await playground.responseBody.innerText()) as Record<
          string,
          string
        >;
        expect(fromPanel, host).toMatchObject({ PATH_INFO: "/echo/a/b", HTTP_HOST: host });

        await page.getByLabel("Preview URL").fill(target);
        await page.getByLabel("Preview URL").press("Enter");
        const body = frame(page).locator("body");
        await expect(body).toContainText(`"HTTP_HOST":"${host}"`);
        const fromPreview = JSON.parse(await body.innerText()) as Record<string, string>;
        expect(fromPreview, host).toEqual(fromPanel);
      }
    } finally {
      await page.getByLabel("Host", { exact: true }).fill("localhost:8000");
      await playground.url.fill("/");
    }
  });

  test("the preview recovers after its service worker is stopped", async () => {
    // Last: it stops the service worker under the page.
    await playground.build(SITE);
    await home();
    const site = frame(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await site.getByRole("link", { name: "List" }).click();
    await expect(site.getByRole("heading", { name: "List" })).toBeVisible();
    await cdp.send("ServiceWorker.stopAllWorkers");
    // Focus is in the preview frame, where Ctrl+Enter belongs to the app's page: click Send.
    await playground.sendForResponse("click");
    await expect(playground.status).toHaveText("200 OK");
  });
});

test.describe("without service workers", () => {
  test.use({ serviceWorkers: "block" });

  test("the preview says so and the request panel still works", async ({ page }) => {
    const playground = new Playground(page);
    await playground.open("typescript");
    await expect(page.getByLabel("Preview unavailable")).toContainText("needs a service worker");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("Hello world!");
  });
});

test("under a sub-path the app is mounted there, with SCRIPT_NAME set", async ({ page }) => {
  await openWith(page, SITE, SUBPATH_URL);
  await expect(page.getByLabel("Preview mount")).toContainText("/tools/wsgi-playground");
  await page.getByLabel("Preview URL").fill("/tools/wsgi-playground/env");
  await page.getByRole("button", { name: "Go" }).click();
  const site = frame(page);
  await expect(site.locator("#env")).toHaveText(
    "SCRIPT_NAME=[/tools/wsgi-playground] PATH_INFO=[/env]",
  );
  await site.getByRole("link", { name: "relative link" }).click();
  await expect(site.getByRole("heading", { name: "List" })).toBeVisible();
});
