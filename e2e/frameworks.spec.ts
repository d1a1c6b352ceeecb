/**
 * Flask, Werkzeug and Bottle in the page, from the build's own files: each
 * app answers the panel's request with the status, headers and body that
 * the machine's python3 gives, serving the same files with the same
 * packages (the build step's zips on its import path) under CPython's
 * wsgiref.simple_server. One page, one CPython, for the whole file.
 */
import { expect, test, type Page } from "@playwright/test";
import { example, expectHeadersOf, exampleFiles as filesOf, requestBytes } from "./examples";
import { Playground } from "./playground";
import { frameworkZips, python3Answer } from "./python3";

test.skip(frameworkZips().length === 0, "this build has no frameworks (see scripts/frameworks.ts)");

/** The time limit the frameworks run under, in seconds: the longest the top bar allows. */
const WORKING_LIMIT = 60;

test.describe("frameworks, as python3 serves them with the same packages", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
    // What is checked here is the frameworks' answers, not the time limit: a
    // cold import of Flask (0.4 s on an idle machine) took over the default
    // 5 s on a loaded one.
    await setTimeLimit(WORKING_LIMIT);
  });

  /** The top bar's time limit, in seconds. */
  async function setTimeLimit(seconds: number) {
    const limit = page.getByLabel("Time limit");
    await limit.fill(String(seconds));
    await limit.blur();
  }
  test.afterAll(() => page.close());

  /** An example's files, and the example. */
  const exampleFiles = (title: string) => ({
    files: filesOf(example(title)),
    example: example(title),
  });

  test("Flask with ProxyFix answers JSON for X-Forwarded-* headers, and Layers shows what ProxyFix changed", async () => {
    const { files, example } = exampleFiles("Flask behind a proxy: ProxyFix");
    // Flask's stack is held back until its progress bar has been read (the
    // context's route: the service worker fetches it for the runner, and keeps it).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.context().route("**/frameworks/flask-*.tar.gz", async (route) => {
      await held;
      await route.continue();
    });
    await playground.openExample(example.title, "python");
    const bar = page.getByRole("progressbar", { name: "Loading Flask" });
    await expect(bar).toHaveAttribute("aria-valuetext", /Downloading Flask: \d+\.\d of \d+\.\d MB/);
    await expect(playground.buildStatus).toHaveText("Loading Flask…");
    release();
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await expect(bar).toBeHidden();
    await page.context().unroute("**/frameworks/flask-*.tar.gz");
    await playground.sendForResponse();
    const theirs = await python3Answer(files, requestBytes(example.request));
    expect(theirs.status).toBe("200 OK");
    await expect(playground.status).toHaveText(theirs.status);
    await expect(await playground.rawBody()).toHaveText(theirs.body);
    await expectHeadersOf(playground, theirs);
    expect(JSON.parse(theirs.body)).toMatchObject({
      url: "https://shop.example/where",
      remote_addr: "203.0.113.7",
    });
    await playground.expectLayers(["Flask", "ProxyFix", "Flask.wsgi_app", "Response"]);
    // What ProxyFix passed down to Flask.wsgi_app.
    const proxyFix = page
      .getByRole("list", { name: "Layers" })
      .getByRole("listitem", { name: "ProxyFix", exact: true });
    await expect(proxyFix).toContainText("REMOTE_ADDR: '127.0.0.1' → '203.0.113.7'");
    await expect(proxyFix).toContainText("wsgi.url_scheme: 'http' → 'https'");
    await expect(proxyFix).toContainText("HTTP_HOST: 'localhost:8000' → 'shop.example'");
    await playground.responseTab("Errors log");
    await expect(page.getByRole("region", { name: "Errors log" })).toContainText(
      " * Running on http://127.0.0.1:5000",
    );
    await page.screenshot({ path: "test-results/screens/flask-errors-log.png" });
  });

  test("a Bottle route with a parameter sets a cookie, and reads it back on the next request", async () => {
    const { files, example } = exampleFiles("Bottle: a route parameter and a cookie");
    // A download longer than the time limit is the network's time, not the
    // app's: Bottle's stack is held past a 2 s limit, and the build still loads.
    await setTimeLimit(2);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.context().route("**/frameworks/bottle-*.tar.gz", async (route) => {
      await held;
      await route.continue();
    });
    await playground.openExample(example.title, "python");
    await expect(playground.buildStatus).toHaveText("Loading Bottle…");
    await page.waitForTimeout(2_500);
    release();
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await page.context().unroute("**/frameworks/bottle-*.tar.gz");
    await setTimeLimit(WORKING_LIMIT);
    await playground.sendForResponse();
    const theirs = await python3Answer(files, requestBytes(example.request));
    expect(theirs.head).toContain("\r\nSet-Cookie: last_name=Ada; Path=/\r\n");
    await expect(playground.status).toHaveText(theirs.status);
    await expect(await playground.rawBody()).toHaveText(theirs.body);
    await expectHeadersOf(playground, theirs);
    // The jar sends the cookie back: Bottle reads it.
    await playground.url.fill("/hello/Grace");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("Hello, Grace! Last time you were Ada.\n");
  });

  test("Werkzeug's DispatcherMiddleware shows each mounted app its SCRIPT_NAME", async () => {
    const { files, example } = exampleFiles("Werkzeug: two apps mounted with DispatcherMiddleware");
    await playground.openExample(example.title, "python");
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    for (const target of ["/legacy/report", "/about"]) {
      await playground.url.fill(target);
      await playground.sendForResponse();
      const theirs = await python3Answer(files, requestBytes({ target }));
      await expect(playground.status).toHaveText(theirs.status);
      await expect(await playground.rawBody()).toHaveText(theirs.body);
      await expectHeadersOf(playground, theirs);
    }
    await expect(playground.responseBody).toHaveText("Flask app: SCRIPT_NAME='' path='/about'\n");
    await playground.url.fill("/legacy/report");
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText(
      "legacy app: SCRIPT_NAME='/legacy' PATH_INFO='/report'\n",
    );
    await playground.expectLayers(["DispatcherMiddleware", "legacy"]);
    // What the dispatcher passed down to the app it chose.
    const dispatcher = page
      .getByRole("list", { name: "Layers" })
      .getByRole("listitem", { name: "DispatcherMiddleware", exact: true });
    await expect(dispatcher).toContainText("SCRIPT_NAME: '' → '/legacy'");
    await expect(dispatcher).toContainText("PATH_INFO: '/legacy/report' → '/report'");
  });

  test("a Flask session counts visits in the preview, its signed cookie in the jar", async () => {
    const { files, example } = exampleFiles("Flask: a session that counts visits");
    await playground.openExample(example.title, "python");
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await playground.sendForResponse();
    const theirs = await python3Answer(files, requestBytes(example.request));
    await expect(playground.status).toHaveText(theirs.status);
    await expect(await playground.rawBody()).toHaveText(theirs.body);
    await expectHeadersOf(playground, theirs);
    await page.getByRole("button", { name: /^Open http/ }).click();
    const site = page.frameLocator('iframe[title="Preview"]');
    // The panel's visit was the first; the preview sends the same cookie.
    await expect(site.getByRole("heading")).toHaveText("Visit number 2");
    await site.getByRole("link", { name: "Count again" }).click();
    await expect(site.getByRole("heading")).toHaveText("Visit number 3");
  });

  test("Flask typed in the editor with debug=True: Werkzeug's debugger page in the preview", async () => {
    // The panel's request comes first after this build, with what the module printed.
    await page.getByRole("checkbox", { name: "Reload on build" }).uncheck();
    await playground.build(
      [
        "from flask import Flask",
        "",
        "app = Flask(__name__)",
        "",
        "",
        '@app.route("/")',
        "def index():",
        '    return "<a href=/boom>boom</a>"',
        "",
        "",
        '@app.route("/boom")',
        "def boom():",
        "    return 1 / 0",
        "",
        "",
        "app.run(debug=True)",
        "",
      ].join("\n"),
    );
    // The banner and the PIN are in the terminal as the build printed them, whatever request comes first.
    const terminal = page.getByLabel("Terminal output");
    await expect(terminal).toContainText(/ \* Debugger PIN: \d{3}-\d{3}-\d{3}/);
    await expect(terminal).toContainText(" * Running on http://127.0.0.1:5000");
    await expect(terminal.locator(".ansi-red.ansi-bold").last()).toHaveText(
      /^WARNING: This is a development server\./,
    );
    // What the module printed comes with the first response after its build too.
    await playground.sendForResponse();
    await playground.responseTab("Errors log");
    const log = page.getByRole("region", { name: "Errors log" });
    await expect(log).toContainText(" * Debug mode: on");
    await expect(log).toContainText(" * Restarting with stat");
    await expect(log).toContainText(/ \* Debugger PIN: \d{3}-\d{3}-\d{3}/);
    // Werkzeug's warning in bold red, as a terminal shows it, not its escape codes.
    const warning = log.locator(".ansi-red.ansi-bold");
    await expect(warning).toHaveText(/^WARNING: This is a development server\./);
    await expect(log).not.toContainText("[31m");
    // Its stack (the debugger over Flask) breaks no rule between its layers: a generator's end is no chunk.
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).not.toContainText("not bytes");
    await playground.responseTab("Layers");
    const names = page.getByRole("list", { name: "Layers" }).locator(".layer-name");
    await expect(names.first()).toHaveText("The server");
    expect(await names.count()).toBeGreaterThanOrEqual(5);
    const picture = page.getByRole("img", { name: /^Sequence of the/ });
    await expect(picture).toContainText("DebuggedApplication(environ, start_response)");
    await expect(picture).not.toContainText("traced");
    await page.screenshot({ path: "test-results/screens/layers-flask-1280.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByRole("tablist", { name: "Panes" })
      .getByRole("tab", { name: "Response" })
      .click();
    await playground.responseTab("Layers");
    await picture.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screens/layers-flask-390.png" });
    await page.setViewportSize({ width: 1280, height: 720 });
    // Werkzeug printed 127.0.0.1:5000; the panel says how that relates to its Host, and takes it on a click.
    const hint = page.getByRole("note", { name: "Host hint" });
    await expect(hint).toContainText("Your code says it serves at 127.0.0.1:5000");
    await page.screenshot({ path: "test-results/screens/host-hint.png" });
    await hint.getByRole("button", { name: "Use this address" }).click();
    await expect(page.getByLabel("Host")).toHaveValue("127.0.0.1:5000");
    await expect(hint).toHaveCount(0);
    await playground.sendForResponse();
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "SERVER_PORT")).toContainText("5000");
    await page.getByLabel("Host").fill("localhost:8000");
    await page.getByLabel("Preview URL").fill("/boom");
    await page.getByRole("button", { name: "Go" }).click();
    const site = page.frameLocator('iframe[title="Preview"]');
    await expect(site.getByRole("heading", { name: "ZeroDivisionError" })).toBeVisible();
    await expect(site.getByText("division by zero").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/flask-debugger.png" });
  });

  test("app.run() is answered by Werkzeug's own server; Gunicorn, chosen in Server, answers next, and the choice is saved", async () => {
    const { example } = exampleFiles("Flask: hello world and a template");
    await playground.openExample(example.title, "python");
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await playground.sendForResponse();
    await expect(playground.row(playground.responseHeaders, "Server")).toContainText(
      /^Werkzeug\/2\.2\.2 Python\//,
    );
    const answeredBy = page.getByLabel("Answered by");
    await expect(answeredBy).toHaveText(
      /^Answered by Werkzeug \(werkzeug\.serving\.ThreadedWSGIServer\), started by the code at app\.py:20\.$/,
    );
    const server = page.getByRole("combobox", { name: "Server" });
    await expect(server).toHaveValue("code");
    const before = await playground.buildNumber();
    await server.selectOption({ label: "Gunicorn" });
    await playground.nextBuild(before);
    await playground.sendForResponse();
    await expect(playground.row(playground.responseHeaders, "Server")).toHaveText(/^gunicorn/);
    await expect(answeredBy).toHaveText(
      "Answered by Gunicorn (gunicorn.workers.sync.SyncWorker), chosen in Server: gunicorn app:app (one sync worker).",
    );
    await page.screenshot({ path: "test-results/screens/server-gunicorn.png" });
    await playground.responseTab("Errors log");
    await expect(page.getByRole("region", { name: "Errors log" })).toContainText(
      "[INFO] Starting gunicorn 20.1.0",
    );
    // Saved with the project: a reload serves it with Gunicorn again.
    await playground.saved();
    await page.reload();
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await expect(page.getByRole("combobox", { name: "Server" })).toHaveValue("gunicorn");
    await playground.sendForResponse();
    await expect(playground.row(playground.responseHeaders, "Server")).toHaveText(/^gunicorn/);
    await page
      .getByRole("combobox", { name: "Server" })
      .selectOption({ label: "As the code starts it" });
  });

  test("Servers: the spoofed X-Forwarded-For through every server, the key marked, and why", async () => {
    await playground.tab("Headers").click();
    await playground.addHeader("X_Forwarded_For", "6.6.6.6");
    await playground.addHeader("X-Forwarded-For", "10.0.0.1");
    await playground.sendForResponse();
    await playground.responseTab("Servers");
    const environ = page.getByRole("table", { name: "Environ by server" });
    await expect(environ).toBeVisible({ timeout: 60_000 });
    const heads = environ.getByRole("columnheader");
    await expect(heads).toHaveText([
      "Key",
      "wsgiref",
      "Paste",
      "Werkzeug",
      "Waitress",
      "Gunicorn",
      "Cheroot",
    ]);
    const forwarded = playground.row(environ, "HTTP_X_FORWARDED_FORdiffers");
    await expect(forwarded).toHaveText([
      "'6.6.6.6,10.0.0.1'",
      "'10.0.0.1'",
      "'6.6.6.6,10.0.0.1'",
      "'10.0.0.1'",
      "'6.6.6.6,10.0.0.1'",
      "'10.0.0.1'",
    ]);
    await expect(page.getByRole("list", { name: "Why they differ" })).toContainText(
      "HTTP_X_FORWARDED_FOR: X_Forwarded_For and a header spelt with dashes become the same key",
    );
    const answers = page.getByRole("table", { name: "Answers by server" });
    await expect(playground.row(answers, "Serverdiffers")).toHaveText([
      /^WSGIServer\/0\.2 CPython\//,
      /^PasteWSGIServer\/0\.5 Python\//,
      /^Werkzeug\/2\.2\.2 Python\//,
      "waitress",
      "gunicorn",
      /^Cheroot\/9\.0\.0/,
    ]);
    await page.screenshot({ path: "test-results/screens/servers-tab.png" });
  });

  test("the editor completes the frameworks' module names after import", async () => {
    await playground.focusEditor();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("from werkzeug.middleware.prox");
    const suggest = page.locator(".suggest-widget");
    await expect(suggest).toContainText("werkzeug.middleware.proxy_fix");
    await expect(suggest).toContainText("Werkzeug 2.2.2");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => playground.editorText())
      .toMatch(/^from werkzeug\.middleware\.proxy_fix\s*$/m);
  });
  test("the seeds' servers: the second seed typed as written answers as Paste does; the third seed's handler_class runs as under python3", async () => {
    // The second seed, as written, typed into the editor: Paste's own server answers.
    const seed = filesOf(example("Seed 001 with Paste, as written"))["app.py"]!;
    await playground.build(seed);
    await page.getByRole("button", { name: "New request" }).click();
    await playground.tab("Raw").click();
    await page.getByRole("checkbox", { name: /Raw mode/ }).check();
    await page
      .getByLabel("Raw request text")
      .fill(
        "POST /upload HTTP/1.1\nHost: localhost:8000\nTransfer-Encoding: chunked\n\n5\nhello\n0\n\n",
      );
    await playground.sendForResponse();
    const sent =
      "POST /upload HTTP/1.1\r\nHost: localhost:8000\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    const paste = await python3Answer({ "app.py": seed }, Buffer.from(sent, "latin1"));
    await expect(playground.status).toHaveText(paste.status);
    expect(paste.head).toMatch(/\r\nServer: PasteWSGIServer\/0\.5 Python\//);
    await expect(playground.row(playground.responseHeaders, "Server")).toContainText(
      /^PasteWSGIServer\/0\.5 Python\//,
    );
    await expect(page.getByLabel("Answered by")).toHaveText(
      /^Answered by Paste \(paste\.httpserver\.WSGI\w+\), started by the code at app\.py:7\.$/,
    );
    // Paste's environ: no SERVER_SOFTWARE, CONTENT_LENGTH '0', the chunked body not read.
    await playground.responseTab("Environ");
    await expect(playground.row(playground.environ, "CONTENT_LENGTH")).toHaveText("0");
    await expect(playground.row(playground.environ, "HTTP_TRANSFER_ENCODING")).toHaveText(
      "chunked",
    );
    await expect(playground.environ.getByRole("row", { name: /^SERVER_SOFTWARE/ })).toHaveCount(0);
    await expect(playground.row(playground.environ, "paste.httpserver.thread_pool")).toBeVisible();
    await playground.responseTab("Request");
    await expect(
      page.getByRole("note").filter({ hasText: "As wsgiref reads them." }),
    ).toContainText("Paste answered this request");
    await page.getByRole("checkbox", { name: /Raw mode/ }).uncheck();

    // The third seed's advice, from the gallery's Servers section: its handler_class and server_class run.
    await page.getByRole("button", { name: "Examples" }).click();
    const servers = page
      .getByRole("dialog", { name: "Examples" })
      .getByRole("region", { name: "Servers" });
    await expect(servers.getByRole("button")).toHaveCount(6);
    const before = await playground.buildNumber();
    await servers.getByRole("button", { name: /^Seed 003: a handler_class of your own/ }).click();
    await playground.nextBuild(before);
    await playground.sendForResponse();
    const files = filesOf(example("Seed 003: a handler_class of your own"));
    const theirs = await python3Answer(
      files,
      requestBytes(example("Seed 003: a handler_class of your own").request),
    );
    await playground.responseTab("Body");
    await expect(playground.responseBody).toHaveText(theirs.body);
    await expect(playground.responseBody).toContainText("myapp.handler = 'Handler'");
    await expect(playground.responseBody).toContainText("myapp.server = 'Server'");
    await expect(page.getByLabel("Answered by")).toContainText("Answered by wsgiref (");
    await playground.responseTab("Errors log");
    await expect(page.getByRole("region", { name: "Errors log" })).toContainText(
      '[myapp] "GET / HTTP/1.1" 200',
    );
    await page.screenshot({ path: "test-results/screens/servers-handler-class.png" });
  });
});
