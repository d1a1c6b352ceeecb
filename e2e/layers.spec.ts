/**
 * The Layers tab, as a person reads it: the stack of e2e/apps/layers.py
 * (tag → upper → Mount → inner), each layer named in order with what it
 * changed, and the findings blaming the layer that dropped close(); a
 * one-layer app with one layer and nothing else. One started Python page
 * for all.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";

const STACK = readFileSync(new URL("./apps/layers.py", import.meta.url), "utf8");
const TS_STACK = readFileSync(new URL("./apps/layers.ts", import.meta.url), "utf8");

/** Each variant's code, and the layers (name and kind) a request for / goes through. */
type Variant = [title: string, code: string, layers: [name: string, kind: string][]];

const PY_VARIANTS: Variant[] = [
  [
    "an instance with __call__",
    'class Hello:\n    def __call__(self, environ, start_response):\n        start_response("200 OK", [("Content-Type", "text/plain")])\n        return [b"hello"]\n\n\napplication = Hello()\n',
    [["Hello", "callable object"]],
  ],
  [
    "a bound method behind __call__, as Flask has it",
    'class Flask:\n    def wsgi_app(self, environ, start_response):\n        start_response("200 OK", [("Content-Type", "text/plain")])\n        return [b"hello"]\n\n    def __call__(self, environ, start_response):\n        return self.wsgi_app(environ, start_response)\n\n\napplication = Flask()\n',
    [
      ["Flask", "callable object"],
      ["Flask.wsgi_app", "method"],
    ],
  ],
  [
    "a generator app",
    'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    yield b"hel"\n    yield b"lo"\n',
    [["application", "generator"]],
  ],
];

const TS_VARIANTS: Variant[] = [
  [
    "an instance with __call__",
    'import { b } from "wsgi";\nclass Hello {\n  __call__(environ: any, start_response: any) {\n    start_response("200 OK", [["Content-Type", "text/plain"]]);\n    return [b`hello`];\n  }\n}\nexport default new Hello();\n',
    [["Hello", "callable object"]],
  ],
  [
    "a bound method, as Flask's wsgi_app",
    'import { b } from "wsgi";\nclass Flask {\n  wsgi_app(environ: any, start_response: any) {\n    start_response("200 OK", [["Content-Type", "text/plain"]]);\n    return [b`hello`];\n  }\n}\nconst flask = new Flask();\nexport default flask.wsgi_app.bind(flask);\n',
    [["Flask.wsgi_app", "method"]],
  ],
  [
    "a generator app",
    'import { b } from "wsgi";\nexport default function* application(environ: any, start_response: any) {\n  start_response("200 OK", [["Content-Type", "text/plain"]]);\n  yield b`hel`;\n  yield b`lo`;\n}\n',
    [["application", "generator"]],
  ],
];

/** Build each variant, send /, and read the Layers tab: the layers in order, no problem marked. */
async function checkVariants(playground: Playground, variants: Variant[]): Promise<void> {
  const page = playground.page;
  for (const [title, code, expected] of variants) {
    await test.step(title, async () => {
      await playground.build(code);
      await playground.url.fill("/");
      await playground.sendForResponse();
      await playground.responseTab("Body");
      await expect(playground.responseBody).toHaveText("hello");
      await playground.responseTab("Layers");
      const list = page.getByRole("list", { name: "Layers" });
      await expect(list.locator(".layer-name")).toHaveText([
        "The server",
        ...expected.map(([name]) => name),
      ]);
      for (const [name, kind] of expected) {
        await expect(
          list.getByRole("listitem", { name, exact: true }).locator(".layer-kind"),
        ).toContainText(kind);
      }
      await expect(list.locator(".layer-problem")).toHaveCount(0);
    });
  }
}

/**
 * The four-layer stack (tag → upper → Mount → inner) built and asked for
 * /api/items, read as a person reads the Layers tab: each layer in order,
 * what it changed, the picture's arrows, one clicked, the definition link,
 * and the finding that blames upper. `definedAt` is tag's place.
 */
async function checkStack(playground: Playground, code: string, definedAt: string) {
  const page = playground.page;
  await playground.build(code);
  await playground.url.fill("/api/items");
  await playground.sendForResponse();
  await expect(playground.responseBody).toHaveText("/ITEMS '/API'");
  await playground.responseTab("Layers");
  const list = page.getByRole("list", { name: "Layers" });
  const items = list.getByRole("listitem").filter({ has: page.locator(".layer-head") });
  await expect(items.locator(".layer-name")).toHaveText([
    "The server",
    "add_header.<locals>.tag",
    "upper",
    "Mount",
    "inner",
  ]);
  const tag = list.getByRole("listitem", { name: "add_header.<locals>.tag", exact: true });
  await expect(tag).toContainText("X-Layer: tag added");
  const mount = list.getByRole("listitem", { name: "Mount", exact: true });
  await expect(mount).toContainText("PATH_INFO: '/api/items' → '/items'");
  await expect(mount).toContainText("SCRIPT_NAME: '' → '/api'");
  await expect(mount).toContainText("its close() was never called");
  await expect(tag).toContainText(
    "passed down a start_response of its own: add_header.<locals>.tag.<locals>.tagged",
  );
  await expect(list.getByRole("listitem", { name: "upper", exact: true })).toContainText(
    "passed its start_response down as it was",
  );
  // The sequence picture: an arrow for each call and answer; one click shows its layer.
  const picture = page.locator(".layer-sequence");
  await expect(picture.locator(".seq-arrow text")).toContainText([
    "tag(environ, start_response)",
    "returns generator",
    "read: upper's body runs",
    "Mount(environ, tagged)",
    "inner(environ, tagged)",
    "start_response(200 OK)",
    "returns Closing",
    "close()",
    "close() never called",
  ]);
  const language = definedAt.startsWith("app.py") ? "python" : "typescript";
  await picture.screenshot({ path: `test-results/screens/layers-sequence-${language}.png` });
  await picture.locator(".seq-arrow", { hasText: "close() never called" }).click();
  const inner = list.getByRole("listitem", { name: "inner", exact: true });
  await expect(inner).toBeFocused();
  await expect(inner.getByRole("table", { name: "Environ inner received" })).toBeVisible();
  await page.screenshot({
    path: `test-results/screens/layers-${language}.png`,
  });
  // Where a layer is defined opens in the editor.
  await tag.getByRole("button", { name: definedAt }).click();
  await playground.responseTab("Findings");
  await expect(page.getByRole("region", { name: "Findings" })).toContainText(
    "upper never closed the iterable Mount returned (Closing)",
  );
}

test.describe("Layers, Python", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = await Playground.withPython(browser);
    page = playground.page;
  });
  test.afterAll(() => page.close());

  test("a four-layer stack: each layer in order, with what it changed going down and coming up", async () => {
    await checkStack(playground, STACK, "app.py:7");
  });

  test("a one-layer app shows one layer and no noise", async () => {
    await playground.build(
      'def application(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"one"]\n',
    );
    await playground.sendForResponse();
    await playground.responseTab("Layers");
    const list = page.getByRole("list", { name: "Layers" });
    await expect(list.locator(".layer-name")).toHaveText(["The server", "application"]);
    await expect(list.locator(".layer-problem")).toHaveCount(0);
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).not.toContainText("layer");
  });

  test("an instance with __call__, a bound method and a generator app", async () => {
    await checkVariants(playground, PY_VARIANTS);
  });
});

test.describe("Layers, TypeScript", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let playground: Playground;

  test.beforeAll(async ({ browser }) => {
    playground = new Playground(await browser.newPage());
    page = playground.page;
    await playground.open("typescript");
    await playground.projectMenu("New TypeScript project");
  });
  test.afterAll(() => page.close());

  test("the same four-layer stack, and the findings blame upper", async () => {
    await checkStack(playground, TS_STACK, "app.ts:6");
  });

  test("an instance with __call__, a bound method and a generator app", async () => {
    await checkVariants(playground, TS_VARIANTS);
  });

  test("a one-layer app shows one layer and no noise", async () => {
    await playground.build(
      'import { b } from "wsgi";\nexport default function app(environ: any, start_response: any) {\n  start_response("200 OK", [["Content-Type", "text/plain"]]);\n  return [b`one`];\n}\n',
    );
    await playground.sendForResponse();
    await playground.responseTab("Layers");
    const list = page.getByRole("list", { name: "Layers" });
    await expect(list.locator(".layer-name")).toHaveText(["The server", "app"]);
    await expect(list.locator(".layer-problem")).toHaveCount(0);
    await playground.responseTab("Findings");
    await expect(page.getByRole("region", { name: "Findings" })).not.toContainText("layer");
  });
});
