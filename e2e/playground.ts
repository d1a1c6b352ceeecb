import { readFileSync } from "node:fs";
/**
 * The page object: what a person does with the playground, by accessible
 * names, so the specs read as steps.
 */
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { chooseLanguage, type Language } from "./language-choice";
import { ROOT_URL } from "./servers";

/** The first lines of a test app: the "wsgi" imports and a blank line. */
export const APP_IMPORTS =
  'import { b } from "wsgi";\nimport type { Environ, StartResponse } from "wsgi";\n\n';

export class Playground {
  readonly page: Page;
  readonly editor: Locator;
  readonly buildStatus: Locator;
  readonly method: Locator;
  readonly url: Locator;
  readonly send: Locator;
  readonly status: Locator;
  readonly responseHeaders: Locator;
  readonly responseBody: Locator;
  readonly environ: Locator;
  readonly buildErrors: Locator;
  readonly saveStatus: Locator;

  constructor(page: Page) {
    this.page = page;
    this.editor = page.getByRole("region", { name: "Editor" });
    this.buildStatus = page.getByRole("status", { name: "Build status" });
    this.method = page.getByLabel("Method");
    this.url = page.getByLabel("URL", { exact: true });
    this.send = page.getByRole("button", { name: "Send" });
    this.status = page.getByLabel("Response status");
    this.responseHeaders = page.getByRole("table", { name: "Response headers" });
    this.responseBody = page.getByRole("region", { name: "Response body" });
    this.environ = page.getByRole("table", { name: "Environ" });
    this.buildErrors = page.getByRole("alert", { name: "Build errors" });
    this.saveStatus = page.getByRole("status", { name: "Save status" });
  }

  /**
   * Open the page and wait until the editor is up and the first build is
   * ready. A first visit makes a new project in `language`, as it does for
   * someone who last chose that language from the Project menu ("default":
   * whatever a first visit makes); a link's project is the link's.
   */
  async open(language: Language | "default", url = "./"): Promise<void> {
    if (language !== "default") await this.chooseLanguage(language);
    await this.page.goto(url);
    await expect(this.editor.locator(".monaco-editor")).toBeVisible();
    await expect(this.buildStatus).toHaveText(/ready/, { timeout: 90_000 });
  }

  /** Before the page loads: `language` as the one the user last chose for a new project. */
  async chooseLanguage(language: Language): Promise<void> {
    await chooseLanguage(this.page, language);
  }

  /** Wait until everything typed is stored in the browser and written to the address bar. */
  async saved(): Promise<void> {
    await expect(this.saveStatus).toHaveText("Saved");
  }

  /** Put the caret in the code editor. */
  async focusEditor(): Promise<void> {
    await this.editor.locator(".view-lines").click();
  }

  /** Put `code` in the editor in place of what is there, and wait for its build to be ready. */
  async build(code: string): Promise<void> {
    const before = await this.buildStatus.textContent();
    await this.replaceCode(code);
    await expect(this.buildStatus).not.toHaveText(before!);
    await expect(this.buildStatus).toHaveText(/ready|failed/, { timeout: 60_000 });
    if (/failed/.test((await this.buildStatus.textContent()) ?? "")) {
      // What the page says of it, so that a test's failure names the cause.
      const why = await this.page.getByRole("alert", { name: "Build errors" }).innerText();
      throw new Error(`The build failed: ${why}`);
    }
  }

  /** Select everything in the editor and paste text in its place, through the clipboard. */
  async replaceCode(text: string): Promise<void> {
    await this.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await this.focusEditor();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("ControlOrMeta+V");
    // Monaco draws only the lines in view, in any DOM order; after a paste the
    // view shows the end: look for the longest word of the last lines.
    const tail = text.trim().split("\n").slice(-3).join(" ");
    const word = tail.split(/\s+/).reduce((a, w) => (w.length > a.length ? w : a), "");
    await expect(this.editor.locator(".view-lines")).toContainText(word);
  }

  /** How many responses the page has received so far. */
  async responseSeq(): Promise<number> {
    const pane = this.page.getByRole("region", { name: "Response", exact: true });
    return Number(await pane.getAttribute("data-response-seq"));
  }

  /** Send (Ctrl+Enter, or a click on Send) and wait until a new response is on screen. */
  async sendForResponse(how: "key" | "click" = "key"): Promise<void> {
    const before = await this.responseSeq();
    if (how === "key") await this.pressSend();
    else await this.send.click();
    await expect.poll(() => this.responseSeq()).toBeGreaterThan(before);
  }

  /** Press Ctrl+Enter, the send shortcut. */
  async pressSend(): Promise<void> {
    await this.page.keyboard.press("ControlOrMeta+Enter");
  }

  /** A tab of the request panel, by its name ("Headers", "Body", …). */
  tab(name: string): Locator {
    return this.page
      .getByRole("tablist", { name: "Request parts" })
      .getByRole("tab", { name: new RegExp(`^${name}`) });
  }

  /** Add a header row on the Headers tab and fill it in. */
  async addHeader(name: string, value: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add header" }).click();
    const rows = this.page.getByRole("table", { name: "Headers", exact: true }).getByRole("row");
    const index = await rows.count();
    await this.page.getByLabel(`Headers row ${index} name`).fill(name);
    await this.page.getByLabel(`Headers row ${index} value`).fill(value);
  }

  /** The response body as the bytes came (not the pretty view of JSON or HTML). */
  async rawBody(): Promise<Locator> {
    await this.responseTab("Body");
    await this.page
      .getByRole("radiogroup", { name: "Body view" })
      .getByText("Raw", { exact: true })
      .click();
    return this.responseBody;
  }

  /** Open a tab of the response inspector ("Body", "Environ", "Call trace", "Findings", "Errors log", "Compare"). */
  async responseTab(name: string): Promise<void> {
    await this.page
      .getByRole("tablist", { name: "Response views" })
      .getByRole("tab", { name: new RegExp(`^${name}`) })
      .click();
  }

  /** Project ▾ → an item ("New Python project", "Download zip", …). */
  async projectMenu(item: string): Promise<void> {
    await this.page.getByLabel("Project actions").click();
    await this.page.getByRole("menuitem", { name: item }).click();
  }

  /**
   * A page of its own with a new Python project built, for tests that share
   * one started CPython (it takes seconds to start).
   */
  static async withPython(browser: Browser): Promise<Playground> {
    const playground = new Playground(await browser.newPage());
    await playground.open("python", ROOT_URL);
    return playground;
  }

  /** The number of the build the status names ("Build #3 ready" → 3), 0 before the first. */
  async buildNumber(): Promise<number> {
    const text = (await this.buildStatus.textContent()) ?? "";
    return Number(/#(\d+)/.exec(text)?.[1] ?? 0);
  }

  /** Wait for a build after the one numbered `before` to be ready (or failed, `failed`). */
  async nextBuild(before: number, failed = false): Promise<void> {
    await expect.poll(() => this.buildNumber(), { timeout: 90_000 }).toBeGreaterThan(before);
    await expect(this.buildStatus).toHaveText(failed ? /failed/ : /ready/, { timeout: 90_000 });
  }

  /** Request → Cookies → Clear all, when the jar has any. */
  async clearCookies(): Promise<void> {
    await this.tab("Cookies").click();
    const clear = this.page.getByRole("button", { name: "Clear all" });
    if (await clear.isEnabled()) await clear.click();
    await expect(clear).toBeDisabled();
  }

  /** Project actions → Download zip: the zip's bytes. */
  async downloadZip(): Promise<Uint8Array> {
    await this.page.getByLabel("Project actions").click();
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("menuitem", { name: "Download zip" }).click();
    return new Uint8Array(readFileSync(await (await download).path()));
  }

  /** The Layers tab lists these layers, outermost first, after the server. */
  async expectLayers(names: string[]): Promise<void> {
    await this.responseTab("Layers");
    await expect(this.page.getByRole("list", { name: "Layers" }).locator(".layer-name")).toHaveText(
      ["The server", ...names],
    );
  }

  /** The Findings tab shows each of these texts. */
  async expectFindings(texts: string[]): Promise<void> {
    await this.responseTab("Findings");
    const findings = this.page.getByRole("region", { name: "Findings" });
    for (const text of texts) await expect(findings).toContainText(text);
  }

  /** Examples → the example with this title, in this language (the gallery labels each). */
  async openExample(title: string, language: string): Promise<void> {
    await this.page.getByRole("button", { name: "Examples" }).click();
    const label = language === "python" ? "Python" : "TypeScript";
    const escaped = title.replace(/[()?:.*+!,[\]]/g, "\\$&");
    await this.page
      .getByRole("dialog", { name: "Examples" })
      .getByRole("button", { name: new RegExp(`^${escaped} ${label}\\b`) })
      .click();
    await expect(
      this.page.getByLabel("Project", { exact: true }).locator("option:checked"),
    ).toHaveText(title);
  }

  /** The tab of a project file, by its path. */
  fileTab(path: string): Locator {
    return this.page
      .getByRole("tablist", { name: "Files" })
      .getByRole("tab", { name: path, exact: true });
  }

  /** The paths on the file tabs, in order. */
  async fileTabs(): Promise<string[]> {
    // Their accessible names: the text less the marks drawn for the eye (aria-hidden).
    return this.page
      .getByRole("tablist", { name: "Files" })
      .getByRole("tab")
      .evaluateAll((tabs) =>
        tabs.map((tab) => {
          const copy = tab.cloneNode(true) as HTMLElement;
          copy.querySelectorAll("[aria-hidden='true']").forEach((mark) => mark.remove());
          return copy.textContent ?? "";
        }),
      );
  }

  /** The File name field of New file or Rename; submit with Enter. */
  async nameFile(path: string): Promise<void> {
    const field = this.page.getByLabel("File name", { exact: true });
    await field.fill(path);
    await field.press("Enter");
  }

  /** New file → File name → Enter; the new file's tab is shown. */
  async newFile(path: string): Promise<void> {
    await this.page.getByRole("button", { name: "New file", exact: true }).click();
    await this.nameFile(path);
    await expect(this.fileTab(path)).toHaveAttribute("aria-selected", "true");
  }

  /** Rename a file from the keyboard: its tab, F2, the new name, Enter. */
  async renameFile(from: string, to: string): Promise<void> {
    await this.fileTab(from).click();
    await this.fileTab(from).press("F2");
    await this.nameFile(to);
    await expect(this.fileTab(to)).toBeVisible();
  }

  /** The lines of the file shown in the editor that are in view (Monaco draws spaces as no-break spaces). */
  async editorText(): Promise<string> {
    const text = await this.editor.locator(".view-lines").innerText();
    return text.replace(/\u00a0/g, " ");
  }

  /** The value of one row of a key/value table. */
  row(table: Locator, key: string): Locator {
    return table
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: key, exact: true }) })
      .getByRole("cell");
  }
}
