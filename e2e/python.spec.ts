/**
 * Python apps, run by CPython in the page (Pyodide) with CPython's own
 * wsgiref, checked against the machine's python3 serving the same module
 * with the same wsgiref over a real socket: the same request bytes (read
 * from the panel's Raw tab) must get the same status and body, and build
 * the same environ.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { encodeShare, type SharedProject } from "../src/share/share-codec";
import { EXAMPLES, exampleFiles, expectShown, requestBytes } from "./examples";
import { Playground } from "./playground";
import { parse, sendRaw, startPython } from "./python3";

test.skip(
  spawnSync("python3", ["-c", "import wsgiref"]).status !== 0,
  "python3 with wsgiref is needed to compare with",
);

// On the page: the seeds' examples, as a first visitor opens them, and the one whose findings are
// the lesson. Every Python example is run against python3 without a browser too
// (src/examples/python-examples.test.ts), its layers and log included.
const PYTHON_EXAMPLES = EXAMPLES.filter(
  (example) =>
    example.language === "python" &&
    (example.source.startsWith("Seed") || example.expect.findings !== undefined) &&
    example.source !== "Servers",
);

/**
 * Open a link to a Python project (`files`, `request`), press Run, wait for
 * its build. In a page that has the playground open already, the link is
 * pasted into its address bar (a new fragment), so its CPython serves on.
 */
async function openPython(page: Page, project: SharedProject): Promise<Playground> {
  const playground = new Playground(page);
  const fragment = `#${encodeShare({ entry: "app.py", ...project })}`;
  const open = page.url().startsWith("http");
  const before = open ? await playground.buildNumber() : 0;
  if (open) await page.evaluate((hash) => (location.hash = hash), fragment);
  else await page.goto(`./${fragment}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await playground.nextBuild(before);
  return playground;
}

test.describe("examples in Python, on one started CPython", () => {
  test.describe.configure({ mode: "serial" });
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
  });
  test.afterAll(() => playground.page.close());

  for (const example of PYTHON_EXAMPLES) {
    test(`example in Python: ${example.title}, as CPython answers it`, async () => {
      const files = exampleFiles(example);
      const code = files["app.py"]!;
      // The last example's cookies are not this one's.
      await playground.clearCookies();
      const before = await playground.buildNumber();
      await playground.openExample(example.title, "python");
      if (example.expect.buildError) {
        // What `python3 app.py` says of it: its last line is the SyntaxError.
        const dir = mkdtempSync(join(tmpdir(), "wsgi-py-"));
        writeFileSync(join(dir, "app.py"), code);
        const run = spawnSync("python3", [join(dir, "app.py")], { encoding: "utf8" });
        const said = run.stderr.trim().split("\n").at(-1)!;
        expect(said).toContain(example.expect.buildError);
        await playground.nextBuild(before, true);
        await expect(playground.buildErrors).toContainText(said, { timeout: 90_000 });
        await expect(playground.buildErrors).toContainText("Python 3: print is a function");
        return;
      }
      await playground.nextBuild(before);
      await playground.sendForResponse();
      const python = await startPython(files);
      try {
        const theirs = parse(await sendRaw(python.port, requestBytes(example.request)));
        await expect(playground.status).toHaveText(theirs.status);
        expect(theirs.status).toBe(example.expect.status);
        // The bytes as they came, not the pretty view of HTML or JSON.
        await playground.rawBody();
        for (const text of example.expect.body ?? [])
          await expect(playground.responseBody).toContainText(text);
        if (example.expect.header?.[0] === "Content-Encoding") {
          // A compressed body: the same length as python3's (its bytes are not text to compare).
          const length = /\r\nContent-Length: (\d+)/i.exec(theirs.head)?.[1];
          await expect(playground.row(playground.responseHeaders, "Content-Length")).toHaveText(
            length!,
          );
        } else if (example.file.startsWith("seed002")) {
          // demo_app lists the environ, os.environ of the python3 process included: compare the request's own lines.
          for (const line of theirs.body
            .split("\n")
            .filter((l) => /^(PATH_INFO|QUERY_STRING|REQUEST_METHOD|HTTP_HOST) /.test(l)))
            await expect(playground.responseBody).toContainText(line);
        } else {
          await expect(playground.responseBody).toHaveText(theirs.body);
        }
        await expectShown(playground, example.expect);
      } finally {
        python.stop();
      }
    });
  }
});

const ENVIRON_APP = `import json, os

def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    # wsgiref copies the process's os.environ into every environ: not the request's.
    data = {k: v for k, v in environ.items() if isinstance(v, str) and k not in os.environ}
    data["wsgi.version"] = repr(environ["wsgi.version"])
    data["body"] = environ["wsgi.input"].read(length).decode("latin-1")
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [json.dumps(data, sort_keys=True).encode()]
`;

const REQUESTS: [string, NonNullable<SharedProject["request"]>][] = [
  ["an encoded slash, a double slash and a query", { target: "//a%2Fb/%7E?x=1&y=%20&x=2" }],
  ["text outside ASCII in the path", { target: "/caf%C3%A9/na%EFve" }],
  [
    "duplicate headers and cookies",
    {
      headers: [
        { name: "X-Dup", value: "one", enabled: true },
        { name: "X-Dup", value: "two", enabled: true },
        { name: "Cookie", value: "a=1; b=2", enabled: true },
        { name: "Accept-Language", value: "fr, en;q=0.5", enabled: true },
      ],
    },
  ],
  [
    "a raw text body",
    { method: "PUT", body: { mode: "raw", raw: "hello", rawType: "text/plain" } },
  ],
  ["a JSON body", { method: "POST", body: { mode: "json", json: '{"a": [1, 2]}' } }],
  [
    "a urlencoded form",
    {
      method: "POST",
      body: { mode: "form", form: [{ name: "name", value: "Ada Lovelace & co", enabled: true }] },
    },
  ],
  [
    "a multipart form",
    {
      method: "POST",
      body: {
        mode: "multipart",
        parts: [{ name: "field", value: "value", enabled: true, kind: "text", file: null }],
        boundary: "----playground-test-boundary",
      },
    },
  ],
  [
    "a binary body",
    { method: "POST", body: { mode: "binary", binarySource: "hex", hex: "00 ff 80 41" } },
  ],
];

test("a Python environ dump gets the environ CPython builds, key for key", async ({ page }) => {
  test.slow();
  const python = await startPython(ENVIRON_APP);
  try {
    for (const [what, request] of REQUESTS) {
      const playground = await openPython(page, { files: { "app.py": ENVIRON_APP }, request });
      await playground.sendForResponse();
      await expect(playground.status, what).toHaveText("200 OK");
      const ours = JSON.parse(await playground.responseBody.innerText()) as Record<string, string>;
      const theirs = JSON.parse(
        parse(await sendRaw(python.port, requestBytes(request))).body,
      ) as Record<string, string>;
      // What differs by nature: the software's version, and where each server listens.
      for (const key of ["SERVER_SOFTWARE", "SERVER_NAME", "SERVER_PORT", "REMOTE_HOST"]) {
        delete ours[key];
        delete theirs[key];
      }
      expect(ours, what).toEqual(theirs);
      expect(ours["wsgi.version"]).toBe("(1, 0)");
    }
    const playground = new Playground(page);
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "wsgi.version")).toHaveText("(1, 0)");
  } finally {
    python.stop();
  }
});

test("raw requests reach a Python app as the machine's CPython reads them", async ({ page }) => {
  test.slow();
  const python = await startPython(ENVIRON_APP);
  const RAW: [string, string][] = [
    ["a raw 0x80 byte in the path", "GET /\x80%80 HTTP/1.0\r\nHost: h\r\n\r\n"],
    [
      "obs-fold, a CR alone and a line with no colon",
      "GET / HTTP/1.1\r\nX-A: a\r\n b\rX-B: c\r\nbad\r\nX-C: lost\r\n\r\n",
    ],
  ];
  try {
    for (const [what, text] of RAW) {
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      const playground = await openPython(page, {
        files: { "app.py": ENVIRON_APP },
        request: { rawRequest: Buffer.from(bytes).toString("base64") },
      });
      await playground.sendForResponse();
      await expect(playground.status, what).toHaveText("200 OK");
      const ours = JSON.parse(await playground.responseBody.innerText()) as Record<string, string>;
      const theirs = JSON.parse(parse(await sendRaw(python.port, bytes)).body) as Record<
        string,
        string
      >;
      for (const key of ["SERVER_SOFTWARE", "SERVER_NAME", "SERVER_PORT", "REMOTE_HOST"]) {
        delete ours[key];
        delete theirs[key];
      }
      expect(ours, what).toEqual(theirs);
    }
  } finally {
    python.stop();
  }
});

const RULE_BREAKERS = `def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/status":
        start_response("200", [("Content-Type", "text/plain")])
    elif path == "/tuple":
        start_response("200 OK", (("Content-Type", "text/plain"),))
    elif path == "/no-type":
        start_response("200 OK", [])
    elif path == "/status-header":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Status", "200")])
    else:
        start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done"]
`;

test("Python apps that break PEP 3333 are flagged with wsgiref.validate's messages, at their line", async ({
  page,
}) => {
  test.slow();
  const playground = await openPython(page, { files: { "app.py": RULE_BREAKERS } });
  const findings = page.getByRole("region", { name: "Findings" });
  const CASES: [string, string, number][] = [
    ["/status", "should be a three-digit integer followed by a single space", 4],
    ["/tuple", "must be of type list", 6],
    ["/no-type", "No Content-Type header found in headers", 8],
    ["/status-header", "The Status header cannot be used", 10],
  ];
  for (const [path, message, line] of CASES) {
    await playground.url.fill(path);
    await playground.sendForResponse();
    await playground.responseTab("Findings");
    await expect(findings, path).toContainText(message);
    // validate's finding, and for some wsgiref's own error too: each at the line.
    await expect(
      findings.getByRole("button", { name: `app.py:${line}` }).first(),
      path,
    ).toBeVisible();
    await playground.responseTab("Body");
  }
  await playground.url.fill("/good");
  await playground.sendForResponse();
  await expect(playground.status).toHaveText("200 OK");
  await expect(page.getByRole("tab", { name: /^Findings/ })).toHaveText("Findings");
  // The editor knows the environ's keys.
  await playground.focusEditor();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type('\nx = environ["PA');
  await expect(page.locator(".suggest-widget")).toContainText("PATH_INFO");
});

test("a Python loop that never ends is stopped at the time limit; the next request works, with no other origin", async ({
  page,
  context,
}) => {
  test.slow();
  // Everything comes from the playground's own origin, CPython included.
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => route.abort(),
  );
  const code = `def app(environ, start_response):
    if environ["PATH_INFO"] == "/spin":
        while True:
            pass
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"still here"]
`;
  const playground = await openPython(page, { files: { "app.py": code } });
  await page.getByLabel("Time limit").fill("2");
  await page.getByLabel("Time limit").blur();
  await playground.url.fill("/spin");
  await playground.sendForResponse();
  await expect(playground.status).toHaveText("504 Gateway Timeout");
  // CPython was interrupted where it ran: the 504 names the line, the errors log has the traceback.
  const stopped = page.getByLabel("Stopped");
  await expect(stopped).toContainText("Stopped after 2 s at app.py, line");
  await expect(stopped).toContainText("in app");
  await expect(playground.responseBody).toContainText(
    "The app was stopped after 2 s: GET /spin did not finish",
  );
  await expect(playground.responseBody).toContainText("It was running app.py, line");
  await playground.responseTab("Errors log");
  const log = page.getByRole("region", { name: "Errors log" });
  await expect(log).toContainText("KeyboardInterrupt");
  await expect(log).toContainText('File "app.py", line');
  await page.screenshot({ path: "test-results/screens/python-stopped-at-line.png" });
  await playground.responseTab("Body");
  await playground.url.fill("/");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("still here");
  await expect(playground.editor.locator(".view-lines")).toContainText("while True:");
});

test("a Python app that keeps growing is stopped with how much it had grown, at the line it ran", async ({
  page,
}) => {
  test.slow();
  // 96 MB first, whatever the machine's speed (past the 64 MB worth saying), then on and on.
  const code = `import time

def app(environ, start_response):
    kept = [bytearray(8 * 1024 * 1024) for _ in range(12)]
    while True:
        kept.append(bytearray(64 * 1024))
        time.sleep(0.02)
`;
  const playground = await openPython(page, { files: { "app.py": code } });
  await page.getByLabel("Time limit").fill("5");
  await page.getByLabel("Time limit").blur();
  await playground.sendForResponse();
  await expect(playground.status).toHaveText("504 Gateway Timeout");
  const stopped = page.getByLabel("Stopped");
  await expect(stopped).toContainText(/Its memory had grown by \d+ MB while it ran/);
  await expect(stopped).toContainText("at app.py, line");
  await expect(playground.responseBody).toContainText("something that keeps growing?");
  await page.screenshot({ path: "test-results/screens/python-stopped-growing.png" });
  // The line is a link into the editor.
  await stopped.getByRole("button", { name: /app\.py, line \d/ }).click();
  await expect(playground.fileTab("app.py")).toHaveAttribute("aria-selected", "true");
});

const SITE = `from http.cookies import SimpleCookie
from urllib.parse import parse_qs

def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/login" and environ["REQUEST_METHOD"] == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        name = parse_qs(environ["wsgi.input"].read(length).decode())["name"][0]
        start_response("303 See Other", [("Location", "/"), ("Set-Cookie", f"user={name}; Path=/")])
        return [b""]
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    user = cookie["user"].value if "user" in cookie else None
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    if user:
        return [f"<p>Hello, {user}!</p><a href='/about'>About</a>".encode()]
    return [b"<form method='post' action='/login'><input name='name'><button>Log in</button></form>"]
`;

test("a Python app works as a site in the preview: a form, a redirect, a cookie, a link", async ({
  page,
}) => {
  test.slow();
  await openPython(page, { files: { "app.py": SITE } });
  await page.getByRole("button", { name: /^Open http/ }).click();
  const site = page.frameLocator('iframe[title="Preview"]');
  await site.getByRole("textbox").fill("Ada");
  await site.getByRole("button", { name: "Log in" }).click();
  await expect(site.locator("body")).toContainText("Hello, Ada!");
  await site.getByRole("link", { name: "About" }).click();
  await expect(page.getByLabel("Preview URL")).toHaveValue("/about");
  await expect(site.locator("body")).toContainText("Hello, Ada!");
  await new Playground(page).tab("Cookies").click();
  await expect(page.getByRole("table", { name: "Cookies" })).toContainText("Ada");
});
