/**
 * The request panel, checked by what the app received: an echo app reports
 * its environ, the body's bytes and the form fields it parsed.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { Playground } from "./playground";
import { sharePage } from "./shared-page";

const ECHO = readFileSync(new URL("./apps/echo.ts", import.meta.url), "utf8");

interface Echo {
  environ: Record<string, string>;
  body: string;
  form: Record<string, string>;
}

async function echoed(playground: Playground): Promise<Echo> {
  await expect(playground.status).toHaveText("200 OK");
  return JSON.parse(await playground.responseBody.innerText()) as Echo;
}

test.describe("the request panel, on one page with the echo app", () => {
  const shared = sharePage(async (playground) => {
    await playground.open("typescript");
    await playground.build(ECHO);
  });
  let page: Page;
  let playground: Playground;

  // Each test begins with a new request, an empty cookie jar and history, on the Params tab.
  test.beforeEach(async () => {
    ({ page, playground } = shared);
    await page.getByRole("button", { name: "New request" }).click();
    await expect(playground.method).toHaveValue("GET");
    await playground.clearCookies();
    await playground.tab("History").click();
    const clear = page.getByRole("button", { name: "Clear history" });
    if (await clear.isVisible()) await clear.click();
    await expect(page.getByText("Requests you send are listed here.")).toBeVisible();
    await playground.tab("Params").click();
  });

  test("headers fetch() would drop (Cookie, Host) arrive as typed", async () => {
    await playground.tab("Headers").click();
    await playground.addHeader("Cookie", "session=abc; theme=dark");
    await playground.addHeader("Host", "example.test:9000");
    await playground.addHeader("X-Twice", "1");
    await playground.addHeader("X-Twice", "2");
    await playground.sendForResponse("click");
    const echo = await echoed(playground);
    expect(echo.environ.HTTP_COOKIE).toBe("session=abc; theme=dark");
    expect(echo.environ.HTTP_HOST).toBe("example.test:9000");
    expect(echo.environ.HTTP_X_TWICE).toBe("1,2");
  });

  test("a 12-byte binary body arrives byte for byte", async () => {
    await playground.method.fill("PUT");
    await playground.tab("Body").click();
    await page.getByRole("radio", { name: "Binary" }).check();
    await page.getByLabel("Body bytes in hex").fill("00 01 02 7f 80 fe ff 0d 0a 25 32 46");
    await playground.sendForResponse();
    const echo = await echoed(playground);
    expect(echo.body).toBe("00 01 02 7f 80 fe ff 0d 0a 25 32 46");
    expect(echo.environ.CONTENT_LENGTH).toBe("12");
    expect(echo.environ.CONTENT_TYPE).toBe("application/octet-stream");
  });

  test("a multipart upload with a file arrives and parses with the runtime's form parser", async () => {
    await playground.method.fill("POST");
    await playground.tab("Body").click();
    await page.getByRole("radio", { name: "Multipart" }).check();
    await page.getByLabel("Multipart field 1 name").fill("title");
    await page.getByLabel("Multipart field 1 value").fill("Zoë's photo");
    await page.getByRole("button", { name: "Add field" }).click();
    await page.getByLabel("Multipart field 2 name").fill("photo");
    await page.getByLabel("Multipart field 2 kind").selectOption("file");
    await page.getByLabel("Multipart field 2 file").setInputFiles({
      name: "tiny.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    });
    await expect(page.getByText("tiny.png, 8 bytes")).toBeVisible();
    await playground.sendForResponse();
    const echo = await echoed(playground);
    expect(echo.form).toEqual({
      title: "Zoë's photo",
      photo: "file tiny.png (image/png) 89 50 4e 47 0d 0a 1a 0a",
    });
  });

  test("the params table and the URL stay in sync both ways", async () => {
    await playground.url.fill("/search?q=wsgi&path=%2Fetc");
    await playground.tab("Params").click();
    await expect(page.getByLabel("Query parameters row 1 name")).toHaveValue("q");
    await expect(page.getByLabel("Query parameters row 2 value")).toHaveValue("%2Fetc");
    await page.getByLabel("Query parameters row 1 value").fill("pep+3333");
    await page.getByRole("button", { name: "Add parameter" }).click();
    await page.getByLabel("Query parameters row 3 name").fill("page");
    await page.getByLabel("Query parameters row 3 value").fill("2");
    await expect(playground.url).toHaveValue("/search?q=pep+3333&path=%2Fetc&page=2");
    await page.getByRole("button", { name: "Remove query parameters row 2" }).click();
    await expect(playground.url).toHaveValue("/search?q=pep+3333&page=2");
    await playground.sendForResponse();
    expect((await echoed(playground)).environ.QUERY_STRING).toBe("q=pep+3333&page=2");
  });

  test("a 302 is shown as it is, and Follow sends the next request", async () => {
    await playground.url.fill("/old");
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("302 Found");
    await expect(playground.row(playground.responseHeaders, "Location")).toHaveText(
      "/new?from=old",
    );
    await page.getByRole("button", { name: "Follow redirect to /new?from=old" }).click();
    const echo = await echoed(playground);
    expect(echo.environ.PATH_INFO).toBe("/new");
    await expect(playground.url).toHaveValue("/new?from=old");

    // With auto-follow on, the panel shows where the redirects led.
    await playground.url.fill("/old");
    await page.getByLabel("Follow redirects").check();
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");
    await expect(page.getByLabel("Redirects followed")).toContainText("302 → /new?from=old");
  });

  test("a cookie set by one response is sent by the next, and listed in the jar", async () => {
    await playground.url.fill("/login");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("logged in");
    await playground.url.fill("/whoami");
    await playground.sendForResponse();
    expect((await echoed(playground)).environ.HTTP_COOKIE).toBe("session=s3cret");
    await playground.tab("Cookies").click();
    await expect(page.getByRole("table", { name: "Cookies" })).toContainText("s3cret");
    await page.getByRole("button", { name: "Delete cookie session" }).click();
    await playground.sendForResponse();
    expect((await echoed(playground)).environ.HTTP_COOKIE).toBeUndefined();
  });

  test("curl import fills the panel, and Copy as curl gives the command back", async () => {
    await page.getByRole("button", { name: "Import curl" }).click();
    const command = `curl -X POST 'http://localhost:8000/form?x=1' -H 'Cookie: a=1' -d 'name=Ada&lang=py'`;
    await page.getByLabel("curl command to import").fill(command);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(playground.method).toHaveValue("POST");
    await expect(playground.url).toHaveValue("/form?x=1");
    await playground.sendForResponse();
    const echo = await echoed(playground);
    expect(echo.form).toEqual({ name: "Ada", lang: "py" });
    expect(echo.environ.HTTP_COOKIE).toBe("a=1");

    await page.getByRole("button", { name: "Copy as curl" }).click();
    await expect(page.getByLabel("curl command", { exact: true })).toHaveText(
      "curl 'http://localhost:8000/form?x=1' -H 'Cookie: a=1' -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'name=Ada&lang=py'",
    );

    await page.getByRole("button", { name: "Import curl" }).click();
    await page
      .getByLabel("curl command to import")
      .fill("curl http://localhost:8000/ --data-binary @photo.png");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByLabel("curl problem")).toContainText("reads a file from your disk");
  });

  test("bad input is refused with the field and the reason, and nothing typed is lost", async () => {
    await playground.method.fill("GE T");
    await playground.pressSend();
    await expect(page.getByLabel("Request error")).toHaveText(/Method: "GE T" contains a space/);
    await expect(playground.method).toHaveValue("GE T");
    await playground.method.fill("PURGE");
    await playground.tab("Headers").click();
    await playground.addHeader("Bad Name", "x");
    await playground.pressSend();
    await expect(page.getByLabel("Request error")).toContainText(
      'Headers: row 1: "Bad Name" is not a header name',
    );
    await page.getByLabel("Headers row 1 name").fill("X-Good");
    await playground.sendForResponse();
    expect((await echoed(playground)).environ.REQUEST_METHOD).toBe("PURGE");
  });

  test("every request is in the history, and a click restores it", async () => {
    await playground.url.fill("/first");
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");
    await playground.method.fill("DELETE");
    await playground.url.fill("/second");
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");
    await playground.tab("History").click();
    const history = page.getByRole("list", { name: "Request history" });
    await expect(history.getByRole("listitem")).toHaveCount(2);
    await expect(history.getByRole("listitem").first()).toContainText("DELETE/second200 OK");
    await history.getByRole("button", { name: /^GET\s*\/first/ }).click();
    await expect(playground.method).toHaveValue("GET");
    await expect(playground.url).toHaveValue("/first");

    // The history is saved locally: it is still there after a reload.
    await page.reload();
    await expect(playground.buildStatus).toHaveText(/ready/);
    await playground.tab("History").click();
    await expect(
      page.getByRole("list", { name: "Request history" }).getByRole("listitem"),
    ).toHaveCount(2);
  });

  test("the raw request shows the exact bytes to be sent", async () => {
    await playground.method.fill("POST");
    await playground.url.fill("/f");
    await playground.tab("Body").click();
    await page.getByRole("radio", { name: "JSON" }).check();
    await page.getByLabel("Body", { exact: true }).fill('{"a":[1,2]}');
    await page.getByRole("button", { name: "Format JSON" }).click();
    await playground.tab("Raw").click();
    await expect(page.getByRole("region", { name: "Raw request" })).toHaveText(
      'POST /f HTTP/1.1\r\nHost: localhost:8000\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{\n  "a": [\n    1,\n    2\n  ]\n}',
      { useInnerText: false },
    );
  });

  test("New request clears the panel, and Undo gives the last one back until the next edit", async () => {
    await playground.method.fill("PUT");
    await playground.url.fill("/kept?x=1");
    await playground.tab("Headers").click();
    await playground.addHeader("X-Kept", "yes");
    await page.getByRole("button", { name: "New request" }).click();
    await expect(playground.method).toHaveValue("GET");
    await expect(playground.url).toHaveValue("/");
    await expect(page.getByRole("tab", { name: "Headers", exact: true })).toBeVisible();
    const note = page.getByRole("status", { name: "New request" });
    await expect(note).toContainText("The panel was cleared.");
    await note.getByRole("button", { name: "Undo" }).click();
    await expect(playground.method).toHaveValue("PUT");
    await expect(playground.url).toHaveValue("/kept?x=1");
    await expect(page.getByLabel("Headers row 1 value")).toHaveValue("yes");
    await expect(note).toHaveCount(0);
    // Once the new request is edited, the old one is not offered back.
    await page.getByRole("button", { name: "New request" }).click();
    await playground.url.fill("/other");
    await expect(note).toHaveCount(0);
  });
});
