/**
 * A first visit as someone who last chose a language from the Project menu:
 * the choice as the playground records it (its settings in local storage),
 * set before the page loads, unless the page has made one since. The e2e
 * page object and the benchmark both open pages this way.
 */
import type { BrowserContext, Page } from "@playwright/test";

/** A language a project is written in. */
export type Language = "python" | "typescript";

/** Make `language` the one last chosen for a new project, in every page `target` loads from now. */
export async function chooseLanguage(
  target: Page | BrowserContext,
  language: Language,
): Promise<void> {
  await target.addInitScript((chosen) => {
    const key = "wsgi-playground:settings";
    const saved = JSON.parse(localStorage.getItem(key) ?? "null") as {
      state: Record<string, unknown>;
      version: number;
    } | null;
    const settings = saved ?? { state: {}, version: 0 };
    if (settings.state["newProjectLanguage"]) return;
    settings.state["newProjectLanguage"] = chosen;
    localStorage.setItem(key, JSON.stringify(settings));
  }, language);
}
