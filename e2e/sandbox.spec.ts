/**
 * User code on an origin of its own (see src/sandbox/). A hostile app from a link, once Run,
 * runs on the sandbox's origin, in its runner and in its preview page: it
 * sees no database and no stored setting of the playground's, cannot read
 * the playground's page around its frame, and cannot send the playground's
 * tab elsewhere.
 */
import { expect, test } from "@playwright/test";
import { encodeShare } from "../src/share/share-codec";
import { Playground } from "./playground";
import { sandboxOriginOf } from "./servers";

/** What the app's HTML finds in the browser, written into the page for the test to read. */
const PAGE_SCRIPT = `<p id="page">page: …</p><script>
(async () => {
  let parentPage = "blocked";
  try { parentPage = "read: " + parent.document.title; } catch {}
  const dbs = (await indexedDB.databases()).map((d) => d.name).join(",");
  const secret = localStorage.getItem("playground-secret") ?? "none";
  let topPage = "blocked";
  try { top.location.href = "/?hijacked"; topPage = "sent away"; } catch {}
  document.getElementById("page").textContent = "page: origin=" + location.origin +
    " parent=" + parentPage + " dbs=[" + dbs + "] secret=" + secret + " top=" + topPage;
})();
</script>`;

const PYTHON_APP = `import js
from pyodide.ffi import create_proxy

found = {}


def listed(databases):
    found["dbs"] = ",".join(d.name for d in databases)


js.indexedDB.databases().then(create_proxy(listed))


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html")])
    runner = f"runner: origin={js.self.location.origin} dbs=[{found.get('dbs', '?')}]"
    return [f"<p id='runner'>{runner}</p>{PAGE}".encode()]


PAGE = ${JSON.stringify(PAGE_SCRIPT)}
`;

const TYPESCRIPT_APP = `import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

let dbs = "?";
void indexedDB.databases().then((found) => (dbs = found.map((d) => d.name).join(",")));

export default function app(environ: Environ, start_response: StartResponse) {
  start_response("200 OK", [["Content-Type", "text/html"]]);
  const runner = \`runner: origin=\${self.location.origin} dbs=[\${dbs}]\`;
  return [new TextEncoder().encode(\`<p id='runner'>\${runner}</p>\` + ${JSON.stringify(PAGE_SCRIPT)})];
}
`;

for (const [language, entry, source] of [
  ["Python", "app.py", PYTHON_APP],
  ["TypeScript", "app.ts", TYPESCRIPT_APP],
] as const) {
  test(`a ${language} app from a link runs on the sandbox's origin, away from the playground's databases and page`, async ({
    page,
  }) => {
    const playground = new Playground(page);
    // Saved work first: the playground's own database exists.
    await playground.open(language === "Python" ? "python" : "typescript", "./");
    await playground.saved();
    const ours = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(ours).toContain("keyval-store");
    await page.evaluate(() => localStorage.setItem("playground-secret", "kept here"));
    await page.goto(`./#${encodeShare({ files: { [entry]: source } })}`);
    await expect(playground.buildStatus).toHaveText("Waiting for Run");
    const sandbox = sandboxOriginOf(page.url());
    // Before Run, the banner says where the code will run.
    await expect(page.getByLabel("Code from a link")).toContainText(
      `It runs on ${sandbox}, an origin of its own`,
    );
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(playground.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
    // The runner: listing the databases takes a moment; the second answer has it.
    await playground.sendForResponse();
    await playground.sendForResponse();
    await playground.responseTab("Body");
    await expect(playground.responseBody).toContainText(`runner: origin=${sandbox} dbs=[]`);
    // The preview page, in the browser.
    await page.getByRole("button", { name: /^Open http/ }).click();
    const preview = page.frameLocator('iframe[title="Preview"]');
    await expect(preview.locator("#page")).toHaveText(
      `page: origin=${sandbox} parent=blocked dbs=[] secret=none top=blocked`,
      { timeout: 20_000 },
    );
    await expect(preview.locator("#runner")).toContainText(`origin=${sandbox}`);
    // The playground is where it was, with its editor.
    expect(new URL(page.url()).search).not.toContain("hijacked");
    await expect(playground.editor).toBeVisible();
  });
}
