/**
 * Driving the playground from the benchmark: fresh contexts, opening a
 * project, and timing by the page's own performance marks and key events.
 */
import type { Browser, BrowserContext, Frame, Page } from "@playwright/test";
import { chooseLanguage } from "../e2e/language-choice.ts";
import { encodeShare } from "../src/share/share-codec.ts";
import { ORIGIN } from "./site.ts";

/** Requests in a row for a round-trip median; requests per throughput run. */
export const SEQUENTIAL = 500;

/** The panel's GET of `target` on localhost:8000, as a request record for the bench hooks. */
export const panelRecord = (target: string) => ({
  method: "GET",
  target,
  httpVersion: "HTTP/1.1",
  headers: [["Host", "localhost:8000"]],
  server: { name: "localhost", port: "8000" },
  body: new Uint8Array(),
});
const THROUGHPUT_REQUESTS = 800;

/**
 * A fresh browser context. tsx keeps function names with a `__name` helper
 * that the functions sent to page.evaluate would miss in the page: give it one.
 */
export async function newContext(
  browser: Browser,
  language: "typescript" | "python" | "default",
): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript("globalThis.__name = (target) => target;");
  // A first visit makes a new project in the language last chosen (as the e2e page object sets it).
  if (language !== "default") await chooseLanguage(context, language);
  return context;
}

/** A link that opens `source` as `file` (app.ts unless told; held until Run). */
export function linkFor(source: string, target = "/", file = "app.ts"): string {
  return `${ORIGIN}/?bench#${encodeShare({ files: { [file]: source }, request: { target } })}`;
}

/** A link to a project of these files, run from `entry`. */
export function linkForFiles(files: Record<string, string>, entry: string): string {
  return `${ORIGIN}/?bench#${encodeShare({ files, entry })}`;
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
  // What the page asks its service worker to keep for an offline visit (tens of MB on a first visit) is kept.
  await page.waitForFunction(
    () => performance.getEntriesByName("wsgi:site-kept").length > 0,
    null,
    {
      timeout: 120_000,
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

/** A key press in the page: when it went down. */
export interface KeyTiming {
  down: number;
}

/** Record the next `count` keydowns. */
export async function armKeys(page: Page, count: number): Promise<void> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { keyTimings: Promise<{ down: number }[]> };
    w.keyTimings = new Promise((resolve) => {
      const seen: { down: number }[] = [];
      const onKey = (event: KeyboardEvent) => {
        seen.push({ down: event.timeStamp });
        if (seen.length < wanted) return;
        removeEventListener("keydown", onKey, { capture: true });
        resolve(seen);
      };
      addEventListener("keydown", onKey, { capture: true });
    });
  }, count);
}

export const keyTimings = (page: Page): Promise<KeyTiming[]> =>
  page.evaluate(() => (window as unknown as { keyTimings: Promise<KeyTiming[]> }).keyTimings);

/** Send the panel's request with Ctrl+Enter; ms from the key to the response drawn. */
export async function sendAndTime(page: Page): Promise<number> {
  await armMark(page, "wsgi:response-rendered");
  await armKeys(page, 1);
  await page.keyboard.press("ControlOrMeta+Enter");
  const rendered = await nextMark(page);
  return rendered - (await keyTimings(page))[0]!.down;
}

/** Something whose round trips are measured: sequential times (ms), and requests per second. */
export interface RoundTripTarget {
  sequential(count: number): Promise<number[]>;
  throughput?(total: number, inFlight: number): Promise<number>;
}

/** Round trips in a row (ms), and requests per second with 1 and 16 in flight. */
export interface RoundTripTimings {
  sequential: number[];
  throughput1: number;
  throughput16: number;
}

/** `fetch(url)` from a page or frame, its body read. */
export function fetchTarget(frame: Page | Frame, url: string): RoundTripTarget {
  return {
    sequential: (count) =>
      frame.evaluate(
        async ({ url, count }) => {
          const times: number[] = [];
          for (let i = 0; i < count; i++) {
            const started = performance.now();
            await (await fetch(url)).arrayBuffer();
            times.push(performance.now() - started);
          }
          return times;
        },
        { url, count },
      ),
    throughput: (total, inFlight) =>
      frame.evaluate(
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
        { url, total, inFlight },
      ),
  };
}

/** Rounds the measures take turns in; more rounds spread the machine's drift more evenly. */
const ROUNDS = 5;
/** Round trips before each round's timed ones. */
const WARM_UP = 10;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * Sequential round trips and throughput for each target, measured in turns
 * (round 1 of every target, then round 2, …), so that a slower minute on a
 * shared machine falls on all of them alike and their ratios hold.
 */
export async function roundTrips(targets: RoundTripTarget[]): Promise<RoundTripTimings[]> {
  const results = targets.map(() => ({
    sequential: [] as number[],
    throughput1: [] as number[],
    throughput16: [] as number[],
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, target] of targets.entries()) {
      const result = results[i]!;
      await target.sequential(WARM_UP);
      result.sequential.push(...(await target.sequential(SEQUENTIAL / ROUNDS)));
      if (!target.throughput) continue;
      result.throughput1.push(await target.throughput(THROUGHPUT_REQUESTS / ROUNDS, 1));
      result.throughput16.push(await target.throughput(THROUGHPUT_REQUESTS / ROUNDS, 16));
    }
  }
  return results.map((result) => ({
    sequential: result.sequential,
    throughput1: result.throughput1.length ? median(result.throughput1) : NaN,
    throughput16: result.throughput16.length ? median(result.throughput16) : NaN,
  }));
}

export const lastMark = (page: Page, name: string) =>
  page.evaluate((markName) => performance.getEntriesByName(markName).at(-1)!.startTime, name);

/** A task of the page's main thread longer than 50 ms: when it started (page clock) and how long it took. */
export interface LongTask {
  start: number;
  duration: number;
}

/** Start keeping the page's long tasks (read them with `longTasks` or `longestTaskSince`). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const task of list.getEntries())
        w.longTasks.push({ start: task.startTime, duration: task.duration });
    }).observe({ type: "longtask" });
  });
}

/** The page's long tasks since `watchLongTasks`. */
export function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { longTasks: LongTask[] }).longTasks);
}

/** The longest of the page's tasks that started at or after `since` (page clock), in ms; 0 when none passed 50 ms. */
export async function longestTaskSince(page: Page, since: number): Promise<number> {
  const tasks = await longTasks(page);
  return Math.max(0, ...tasks.filter((task) => task.start >= since).map((task) => task.duration));
}
