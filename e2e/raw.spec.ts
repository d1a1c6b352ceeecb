/**
 * Raw requests, typed as a person types them into the Raw tab (escapes for
 * bytes), answered as CPython's http.server and wsgiref answer them: the
 * environ is checked against the machine's python3 serving the same bytes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { reprStr } from "../src/runtime/repr";
import { startWsgiref } from "../src/wsgi/test-support/wsgiref-server";
import { APP_IMPORTS, Playground } from "./playground";
import { ROOT_URL } from "./servers";
import { sharePage } from "./shared-page";

const ECHO = `${APP_IMPORTS}export default function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [b\`path \${environ.PATH_INFO.length} chars\`];
}
`;

/** On the shared page: a new request, the Raw tab in raw mode, and `text` typed into it. */
async function typeRaw(playground: Playground, text: string): Promise<void> {
  const page = playground.page;
  await page.getByRole("button", { name: "New request" }).click();
  await playground.tab("Raw").click();
  await page.getByRole("checkbox", { name: /Raw mode/ }).check();
  await page.getByLabel("Raw request text").fill(text);
}

test.describe("raw requests, on one page with the echo app", () => {
  const shared = sharePage(async (playground) => {
    await playground.open("typescript");
    await playground.build(ECHO);
  });
  let page: Page;
  let playground: Playground;
  // Each test begins on the response's Body view (the last may have left another open).
  test.beforeEach(async () => {
    ({ page, playground } = shared);
    if (await page.getByRole("tablist", { name: "Response views" }).isVisible())
      await playground.responseTab("Body");
  });

  test("a raw 0x80 byte in the path reaches the app as CPython gives it", async () => {
    test.skip(spawnSync("python3", ["-c", "import wsgiref"]).status !== 0, "needs python3");
    await typeRaw(playground, "GET /\\x80%80 HTTP/1.0\n\n");
    await expect(page.getByRole("region", { name: "Raw request bytes" })).toContainText(
      "47 45 54 20 2f 80 25 38 30",
    );
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("200 OK");

    // What CPython's wsgiref gives an app for the same bytes (CPython's own test_cp1252_url).
    const wsgiref = await startWsgiref("raw_environ_app");
    try {
      const answer = Buffer.from(
        await wsgiref.send(
          Uint8Array.from("GET /\x80%80 HTTP/1.0\r\n\r\n", (c) => c.charCodeAt(0)),
        ),
      ).toString("utf8");
      const environ = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as Record<
        string,
        string
      >;
      expect(environ.PATH_INFO).toBe("/\x80\x80");
      await playground.responseTab("Environ");
      await expect(playground.row(playground.environ, "PATH_INFO")).toHaveText(
        reprStr(environ.PATH_INFO),
      );
      await expect(playground.row(playground.environ, "SERVER_PROTOCOL")).toHaveText("HTTP/1.0");
    } finally {
      wsgiref.close();
    }
    // The inspector says what became of each line.
    await playground.responseTab("Request bytes");
    const fates = page.getByRole("table", { name: "What became of each request line" });
    await expect(fates.getByRole("row").nth(1)).toContainText("GET /\\x80%80 HTTP/1.0\\r\\n");
    await expect(fates.getByRole("row").nth(1)).toContainText("REQUEST_METHOD 'GET'");
    await expect(fates.getByRole("row").nth(2)).toContainText("end of headers");
  });

  test("a request line of 70 KB gets http.server's 414", async () => {
    await typeRaw(playground, `GET /${"a".repeat(70 * 1024)} HTTP/1.1\nHost: x\n\n`);
    await expect(page.getByLabel("Raw request size")).toHaveText("71,707 bytes");
    await playground.sendForResponse();
    await expect(playground.status).toHaveText("414 Request-URI Too Long");
    await expect(playground.responseBody).toContainText(
      "Error code explanation: 414 - URI is too long.",
    );
    await playground.responseTab("Findings");
    await expect(page.getByText(/refused the request before calling the app/)).toBeVisible();
    await playground.responseTab("Request bytes");
    await expect(
      page.getByRole("table", { name: "What became of each request line" }),
    ).toContainText("longer than 65,536 bytes: 414");
  });

  test("an HTTP/0.9 request gets the body alone, and the inspector says so", async () => {
    await typeRaw(playground, "GET /simple\n");
    await playground.sendForResponse();
    await expect(page.getByLabel("HTTP/0.9")).toContainText(
      "the server sent the body alone, with no status line and no headers",
    );
    await expect(playground.responseBody).toHaveText("path 7 chars");
    await expect(page.getByText("Headers (none sent: HTTP/0.9)")).toBeVisible();
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "SERVER_PROTOCOL")).toHaveText("HTTP/0.9");
  });

  test("a bad escape is named, and the structured request is kept beside the raw one", async () => {
    await typeRaw(playground, "GET / HTTP/1.1\nX-A: \\q\n\n");
    await expect(page.getByRole("alert").filter({ hasText: "line 2, column 6" })).toContainText(
      '"\\q" is not an escape',
    );
    await playground.pressSend();
    await expect(page.getByLabel("Request error")).toContainText("Raw request: line 2, column 6");
    // Back to the structured request: it is as it was; the raw text waits.
    await page.getByRole("checkbox", { name: /Raw mode/ }).uncheck();
    await expect(page.getByRole("region", { name: "Raw request" })).toContainText("GET / HTTP/1.1");
    await page.getByRole("checkbox", { name: /Raw mode/ }).check();
    await expect(page.getByLabel("Raw request text")).toHaveValue("GET / HTTP/1.1\nX-A: \\q\n\n");
  });

  test("a raw request copied to the structured panel keeps what the fields can hold, and says what not", async () => {
    await typeRaw(
      playground,
      "POST /x?y=1 HTTP/1.0\nHost: example.test:9000\nX-Fold: a\n b\nContent-Type: text/plain\nContent-Length: 5\n\nhello",
    );
    await page.getByRole("button", { name: "Copy to the structured request" }).click();
    await expect(page.getByRole("checkbox", { name: /Raw mode/ })).not.toBeChecked();
    const note = page.getByRole("status", { name: "Copied to the structured request" });
    await expect(note).toContainText("The structured request is HTTP/1.1; this one is HTTP/1.0.");
    await expect(note).toContainText("X-Fold is folded over several lines");
    await expect(playground.method).toHaveValue("POST");
    await expect(playground.url).toHaveValue("/x?y=1");
    await expect(page.getByLabel("Host", { exact: true })).toHaveValue("example.test:9000");
    await playground.sendForResponse();
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "HTTP_X_FOLD")).toHaveText("a b");
    await expect(playground.row(playground.environ, "SERVER_NAME")).toHaveText("example.test");
  });
});

test("the share command's --raw-file link sends the file's exact bytes", async ({ page }) => {
  const dir = tmpdir();
  writeFileSync(join(dir, "raw-app.ts"), ECHO);
  writeFileSync(join(dir, "request.bin"), Buffer.from("GET /\xff\x80 HTTP/1.0\r\n\r\n", "latin1"));
  const link = execFileSync(
    "npx",
    [
      "tsx",
      "scripts/share.ts",
      join(dir, "raw-app.ts"),
      "--raw-file",
      join(dir, "request.bin"),
      "--base",
      ROOT_URL,
    ],
    { encoding: "utf8" },
  ).trim();
  const playground = new Playground(page);
  await page.goto(link);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await playground.tab("Raw").click();
  await expect(page.getByRole("checkbox", { name: /Raw mode/ })).toBeChecked();
  await expect(page.getByLabel("Raw request text")).toHaveValue("GET /\\xff\\x80 HTTP/1.0\n\n");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("path 3 chars");
  await playground.responseTab("Environ");
  await expect(playground.row(playground.environ, "PATH_INFO")).toHaveText("'/ÿ\\x80'");
});
