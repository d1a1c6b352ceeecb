/**
 * Driving the playground from the benchmark: fresh contexts, opening a
 * project, and timing by the page's own performance marks and key events.
 */
import type { Browser, BrowserContext, Frame, Page } from "@playwright/test";
import { encodeShare } from "../src/share/share-codec.ts";
import { ORIGIN } from "./site.ts";

/** Requests in a row for a round-trip median; requests per throughput run. */
export const SEQUENTIAL = 500;
const THROUGHPUT_REQUESTS = 480;

/**
 * A fresh browser context. tsx keeps function names with a `__name` helper
 * that the functions sent to page.evaluate would miss in the page: give it one.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript("globalThis.__name = (target) => target;");
  return context;
}

/** A link that opens `source` as app.ts (held until Run). */
export function linkFor(source: string, target = "/"): string {
  return `${ORIGIN}/?bench#${encodeShare({ files: { "app.ts": source }, request: { target } })}`;
}

export async function openPlayground(
  context: BrowserContext,
  url = `${ORIGIN}/?bench`,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  const run = page.getByRole("button", { name: "Run", exact: true });
  const status = page.getByRole("status", { name: "Build status" });
  await status.filter({ hasText: /ready|Waiting for Run/ }).waitFor({ timeout: 60_000 });
  if (await run.isVisible()) await run.click();
  await status.filter({ hasText: /ready/ }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => "wsgiPlaygroundBench" in window);
  // Monaco loads after the first paint; let it settle so it is not measured as the app's work.
  await page.waitForFunction(
    () => performance.getEntriesByName("wsgi:editor-ready").length > 0,
    null,
    {
      timeout: 60_000,
    },
  );
  await page.waitForTimeout(1000);
  return page;
}

/** Resolves in the page with the time of the next `name` mark after this call. */
export async function armMark(page: Page, name: string): Promise<void> {
  await page.evaluate((markName) => {
    const w = window as unknown as { nextMark: Promise<number> };
    const seen = performance.getEntriesByName(markName).length;
    w.nextMark = new Promise((resolve) => {
      const check = () => {
        const marks = performance.getEntriesByName(markName);
        if (marks.length > seen) resolve(marks[marks.length - 1]!.startTime);
        else setTimeout(check, 1);
      };
      check();
    });
  }, name);
}

export const nextMark = (page: Page) =>
  page.evaluate(() => (window as unknown as { nextMark: Promise<number> }).nextMark);

/** Record the time of the next keydown in the page. */
export async function armKey(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { keyAt: Promise<number> };
    w.keyAt = new Promise((resolve) =>
      addEventListener("keydown", (event) => resolve(event.timeStamp), {
        capture: true,
        once: true,
      }),
    );
  });
}

export const keyAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { keyAt: Promise<number> }).keyAt);

/** Send the panel's request with Ctrl+Enter; ms from the key to the response drawn. */
export async function sendAndTime(page: Page): Promise<number> {
  await armMark(page, "wsgi:response-rendered");
  await armKey(page);
  await page.keyboard.press("ControlOrMeta+Enter");
  const [rendered, pressed] = [await nextMark(page), await keyAt(page)];
  return rendered - pressed;
}

/** Sequential fetches of `url` from a page or frame, and throughput with 1 and 16 in flight. */
export async function fetchTimings(
  target: Page | Frame,
  url: string,
): Promise<{ sequential: number[]; throughput1: number; throughput16: number }> {
  const sequential = await target.evaluate(
    async ({ url, count }) => {
      const times: number[] = [];
      for (let i = 0; i < count + 20; i++) {
        const started = performance.now();
        await (await fetch(url)).arrayBuffer();
        if (i >= 20) times.push(performance.now() - started);
      }
      return times;
    },
    { url, count: SEQUENTIAL },
  );
  const throughput = (inFlight: number) =>
    target.evaluate(
      async ({ url, total, inFlight }) => {
        let left = total;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: inFlight }, async () => {
            while (left-- > 0) await (await fetch(url)).arrayBuffer();
          }),
        );
        return (total / (performance.now() - started)) * 1000;
      },
      { url, total: THROUGHPUT_REQUESTS, inFlight },
    );
  return { sequential, throughput1: await throughput(1), throughput16: await throughput(16) };
}

export const lastMark = (page: Page, name: string) =>
  page.evaluate((markName) => performance.getEntriesByName(markName).at(-1)!.startTime, name);
