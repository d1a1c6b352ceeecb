/**
 * Keyboard, screen readers and small screens: every control reached with
 * Tab alone, the editor left by keyboard, each response announced once,
 * axe-core audits of the page in its main states, and the page used by
 * touch on a phone-sized screen.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Playground } from "./playground";

/** Press Tab until `done` says so (or `limit` presses), collecting each focused control's name. */
async function tabThrough(page: Page, limit: number, done: (seen: string[]) => boolean) {
  const seen: string[] = [];
  for (let i = 0; i < limit && !done(seen); i++) {
    await page.keyboard.press("Tab");
    seen.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return "";
        const role = element.getAttribute("role") ?? element.tagName.toLowerCase();
        const name =
          element.getAttribute("aria-label") ??
          (element.closest(".monaco-editor") ? "code editor" : (element.textContent?.trim() ?? ""));
        return `${role}:${name}`;
      }),
    );
  }
  return seen;
}

const REQUEST_TABS = ["Params", "Headers", "Body", "Cookies", "History", "Raw"];
const RESPONSE_TABS = [
  "Body",
  "Environ",
  "Request bytes",
  "Call trace",
  "Findings",
  "Errors log",
  "Compare",
];

test("Tab alone goes past the editor to Send, every request tab and every response tab", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  // A response first, sent by keyboard, so the response's tabs are there.
  await page.locator("body").press("ControlOrMeta+Enter");
  await expect(playground.status).toHaveText("200 OK");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const wanted = [
    "button:Send",
    ...REQUEST_TABS.map((tab) => `tab:${tab}`),
    ...RESPONSE_TABS.map((tab) => `tab:${tab}`),
  ];
  const reached = (seen: string[]) =>
    wanted.every((name) => seen.some((s) => s === name || s.startsWith(`${name} `)));
  const seen = await tabThrough(page, 120, reached);
  expect(
    seen.some((name) => /code editor/i.test(name)),
    seen.join(" | "),
  ).toBe(true);
  for (const name of wanted) {
    expect(
      seen.some((s) => s === name || s.startsWith(`${name} `)),
      `${name} in ${seen.join(" | ")}`,
    ).toBe(true);
  }
  // The first stops are the skip links.
  expect(seen[0]).toBe("button:Skip to the request");
});

test("the editor is left by keyboard: Escape then Tab, after typing; the help lists the keys", async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  await playground.focusEditor();
  await page.keyboard.press("End");
  await page.keyboard.type("// typed");
  const inEditor = () =>
    page.evaluate(() => Boolean(document.activeElement?.closest(".monaco-editor")));
  // Typing makes Tab indent…
  await page.keyboard.press("Tab");
  expect(await inEditor()).toBe(true);
  // …and Escape makes the next Tab move on, to the first control after it.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect.poll(inEditor).toBe(false);
  await expect(
    page.getByRole("separator", { name: "Resize the editor and preview" }),
  ).toBeFocused();
  // Alt+F1 in the editor opens the page's keyboard help.
  await playground.focusEditor();
  await page.keyboard.press("Alt+F1");
  const help = page.getByRole("dialog", { name: "Keyboard help" });
  await expect(help).toContainText("Escape, then Tab");
  await expect(help).toContainText("Send the request");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});

test("a response is announced once, with its status and size", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  const announcer = page.getByRole("status", { name: "Announcement" });
  await playground.sendForResponse();
  await expect(announcer).toHaveText("Response 200 OK, 12 bytes.");
  // Typing elsewhere says nothing new.
  await playground.url.fill("/typed");
  await expect(announcer).toHaveText("Response 200 OK, 12 bytes.");
  await expect(announcer.locator("span")).toHaveCount(1);
});

test("the system's more-contrast and reduced-motion settings are honoured", async ({ page }) => {
  const playground = new Playground(page);
  await playground.open("typescript");
  const border = () => playground.url.evaluate((field) => getComputedStyle(field).borderTopColor);
  const normal = await border();
  await page.emulateMedia({ contrast: "more" });
  await expect.poll(border).not.toBe(normal);
  await page.emulateMedia({ reducedMotion: "reduce" });
  // Anything that would move (Monaco's widgets fade in) does so at once.
  const duration = await page.evaluate(() => {
    const element = document.createElement("div");
    element.style.transition = "opacity 1s";
    element.style.animation = "spin 2s infinite";
    document.body.append(element);
    const style = getComputedStyle(element);
    const durations = [style.transitionDuration, style.animationDuration];
    element.remove();
    return durations.map(parseFloat);
  });
  expect(Math.max(...duration)).toBeLessThan(0.01);
});

/** Serious and critical axe-core violations, as readable lines. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
}

test("axe-core finds no serious or critical violations: page, response, preview, examples, failed build", async ({
  page,
}) => {
  test.slow();
  const playground = new Playground(page);
  await playground.open("typescript");
  expect(await violations(page), "the default page").toEqual([]);

  await playground.sendForResponse();
  expect(await violations(page), "a response").toEqual([]);

  await page.getByRole("button", { name: /in the preview/ }).click();
  await expect(page.frameLocator("iframe[title=Preview]").locator("body")).toContainText(
    "Hello world!",
  );
  expect(await violations(page), "the preview").toEqual([]);

  await page.getByRole("button", { name: "Examples" }).click();
  await expect(page.getByRole("dialog", { name: "Examples" })).toBeVisible();
  expect(await violations(page), "the examples list").toEqual([]);
  await page.getByRole("button", { name: "Close examples" }).click();

  await playground.editor.locator(".view-line", { hasText: "start_response(" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" 1x = 2;");
  await expect(playground.buildErrors).toContainText("does not compile");
  expect(await violations(page), "a failed build").toEqual([]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a request is typed and sent, the response read and the preview opened, by touch", async ({
    page,
  }) => {
    const playground = new Playground(page);
    await playground.chooseLanguage("typescript");
    await page.goto("./");
    await expect(playground.buildStatus).toHaveText(/ready/);
    const panes = page.getByRole("tablist", { name: "Panes" });
    await panes.getByRole("tab", { name: "Request" }).tap();
    // The URL field keeps a width a path can be typed in.
    const box = await playground.url.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    await playground.url.tap();
    await playground.url.fill("/from/a/phone?x=1");
    await playground.send.tap();
    // The answer is shown on the Response pane.
    await expect(panes.getByRole("tab", { name: "Response" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(playground.status).toHaveText("200 OK");
    await expect(playground.responseBody).toHaveText("Hello world!");
    // The README shows these (copied to docs/ by hand when the layout changes).
    await page.screenshot({ path: "test-results/screens/phone-response.png" });
    await panes.getByRole("tab", { name: "Preview" }).tap();
    await page.getByRole("button", { name: /in the preview/ }).tap();
    await expect(page.frameLocator("iframe[title=Preview]").locator("body")).toContainText(
      "Hello world!",
    );
    // Touch targets a finger can hit.
    for (const tab of await panes.getByRole("tab").all()) {
      expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    }
    await panes.getByRole("tab", { name: "Request" }).tap();
    await page.screenshot({ path: "test-results/screens/phone-request.png" });
  });
});
