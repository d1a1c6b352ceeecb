/**
 * A newcomer's first hour, second pass (issue 36): the address `npm start`
 * prints first opens the playground and the sandbox's sends you to it; no
 * false finding between layers; the panel's Send goes before the
 * playground's own requests to a runaway app; a warning shows the line as
 * it is now; a pass-through layer's arrows name no playground function;
 * the Checks tab counts. The Python tests share one started page.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";
import { ROOT_PORT } from "./servers";

/** A port of its own for the server this file starts (the suite's use the four from ROOT_PORT). */
const PORT = ROOT_PORT + 10;

/** `vite preview` as `npm start` runs it after its build; the addresses it prints, in order. */
async function startServer(): Promise<{ addresses: string[]; server: ChildProcess }> {
  // Vite itself, not through npx: killing npx would leave its child serving.
  const vite = fileURLToPath(new URL("../node_modules/vite/bin/vite.js", import.meta.url));
  const server = spawn(
    process.execPath,
    [vite, "preview", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const printed = await new Promise<string>((resolve, reject) => {
    let text = "";
    server.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("Sandbox:")) resolve(text);
    });
    server.on("exit", (code) => reject(new Error(`vite preview exited with ${code}: ${text}`)));
  });
  // eslint-disable-next-line no-control-regex
  const plain = printed.replace(/\x1b\[[0-9;]*m/g, "");
  return { addresses: [...plain.matchAll(/http:\/\/[\d.:]+\//g)].map((m) => m[0]), server };
}

test("the first address npm start prints opens a playground that answers; the sandbox's sends you there", async ({
  page,
}) => {
  const { addresses, server } = await startServer();
  try {
    const [local, sandbox] = addresses;
    expect(local).toBe(`http://127.0.0.1:${PORT}/`);
    expect(sandbox).toBe(`http://127.0.0.1:${PORT + 1}/`);
    // Opened by mistake, the sandbox's address lands on the playground's.
    await page.goto(sandbox!);
    await expect(page).toHaveURL(local!);
    const playground = new Playground(page);
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    await playground.sendForResponse("click");
    await expect(playground.status).toHaveText("200 OK");
    await expect(playground.responseBody).toHaveText("Hello world!");
  } finally {
    server.kill();
  }
});

/** A middleware that reads the body itself, and a generator app. */
const PARTS = `from wsgiref.validate import validator


def buffer(app):
    def buffered(environ, start_response):
        body = app(environ, start_response)
        chunks = [chunk if isinstance(chunk, bytes) else b"" for chunk in body]
        body.close()
        return [b"".join(chunks)]
    return buffered


def generator_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"one "
    yield b"two"
`;

test.describe("a first hour with Python", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
  });
  test.afterAll(() => page.close());

  const findings = () => page.getByRole("region", { name: "Findings" });

  test("validator over a generator finds nothing between the layers; a None chunk is found", async () => {
    await playground.build(`${PARTS}\napplication = validator(generator_app)\n`);
    await playground.sendForResponse();
    await expect(playground.responseBody).toHaveText("one two");
    await playground.responseTab("Findings");
    await expect(findings()).not.toContainText("not bytes");
    await playground.build(
      `${PARTS}\n\ndef none_app(environ, start_response):\n    start_response("200 OK", [])\n    yield b"one"\n    yield None\n\n\napplication = buffer(none_app)\n`,
    );
    await playground.sendForResponse();
    await playground.responseTab("Findings");
    await expect(findings()).toContainText(
      "The iterable none_app returned gave buffer.<locals>.buffered a chunk that is not bytes: None",
    );
  });

  test("a pass-through middleware's arrows name what the user's code passed, no playground function", async () => {
    await playground.build(
      `${PARTS}\n\ndef log(app):\n    def logged(environ, start_response):\n        return app(environ, start_response)\n    return logged\n\n\napplication = log(log(generator_app))\n`,
    );
    await playground.sendForResponse();
    await playground.responseTab("Layers");
    const picture = page.getByRole("img", { name: /^Sequence of the/ });
    await expect(picture).toContainText("logged(environ, start_response)");
    await expect(picture).not.toContainText("traced");
    await expect(page.getByRole("list", { name: "Layers" })).not.toContainText("traced");
  });

  test("a warning after an edit shows the line as it is now", async () => {
    await playground.build(
      'import cgi\nprint("Serving on port 8000...")\n\n\ndef app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n',
    );
    await playground.sendForResponse();
    // The same file with its first two lines swapped: the warning's line 2 is the import.
    await playground.build(
      'print("Serving on port 8000...")\nimport cgi\n\n\ndef app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n',
    );
    await playground.sendForResponse();
    await playground.responseTab("Errors log");
    const log = page.getByRole("region", { name: "Errors log" });
    await expect(log).toContainText("app.py:2: DeprecationWarning");
    await expect(log).toContainText(/DeprecationWarning: .*\s+import cgi/);
    await expect(log).not.toContainText("print(");
  });

  test("a runaway app with two checks and the preview open: Send gets its 504 within the limit and a second, naming the line", async () => {
    const limit = page.getByLabel("Time limit");
    await limit.fill("3");
    await limit.blur();
    try {
      await playground.build(
        "def application(environ, start_response):\n    while True:\n        pass\n",
      );
      await playground.newFile("checks.hurl");
      await playground.replaceCode(
        "# The home page\nGET http://localhost:8000/\nHTTP 200\n\n# Again\nGET http://localhost:8000/\nHTTP 200\n",
      );
      await playground.fileTab("app.py").click();
      // A new build sends the checks and the preview's reload into the loop; the user sends at once.
      await playground.build(
        "def application(environ, start_response):\n    while True:\n        pass  # spin\n",
      );
      const checksTab = page.getByRole("tab", { name: /^Checks/ });
      await playground.sendForResponse("click");
      // Behind the checks it would come after their verdicts; it runs first: when its 504 is
      // drawn, the first check is only now running into the limit, so no check has failed yet.
      const checksWhenAnswered = await checksTab.textContent();
      await expect(playground.status).toHaveText(/504/);
      expect(checksWhenAnswered).not.toMatch(/✗/);
      await playground.responseTab("Errors log");
      await expect(page.getByRole("region", { name: "Errors log" })).toContainText(
        /It was running app\.py, line [23], in application/,
      );
      // The checks ran after it: the first past the limit, the second not sent.
      await playground.responseTab("Checks");
      const summary = page.getByRole("status", { name: "Checks summary" });
      await expect(summary).toHaveText("0 passed, 2 failed", { timeout: 60_000 });
      await expect(page.getByRole("tab", { name: /^Checks/ })).toHaveText("Checks 2 ✗");
      await expect(
        page.getByRole("list", { name: "Check results" }).getByRole("listitem", { name: "Again" }),
      ).toContainText("Not run: check 1 ran past the time limit.");
      // The checks stand on their own: no older response's status above them.
      await expect(playground.status).toHaveCount(0);
    } finally {
      await limit.fill("5");
      await limit.blur();
    }
  });
});
