/**
 * Item 10: how a Python project starts as the playground opens on one, on a
 * first visit and on the next, from navigation to the first response, with
 * what each part of CPython's start cost (the runner's start report).
 */
import type { Browser, Page } from "@playwright/test";
import { keptRuntimeFiles } from "../e2e/site-cache.ts";
import { lastMark, newContext, sendAndTime } from "./page.ts";
import { row, stats, type Row } from "./report.ts";
import { ORIGIN } from "./site.ts";

/** What the runner said of a start (`wsgi:runtime-started`'s detail). */
interface StartReport {
  from: string;
  totalMs: number;
  runtimeMs: number;
  setupMs: number;
  files: { name: string; ms: number; bytes: number; from: "kept" | "site" }[];
  standby: boolean;
}

/** One visit's start of a Python project: from navigation, in ms, and what the runner said. */
interface PythonVisit {
  /** When the page asked its runner Worker to start (from navigation). */
  startSent: number;
  built: number;
  answered: number;
  report: StartReport;
  /** The page's memory with one CPython, then with the standby started too (bytes). */
  memory?: { one: number; two: number };
}

/** Navigate to the playground and time its start: navigation to the build ready, to the first response drawn. */
async function pythonVisit(page: Page, memory: boolean): Promise<PythonVisit> {
  await page.goto(`${ORIGIN}/?bench=hold-standby`);
  const status = page.getByRole("status", { name: "Build status" });
  await status.filter({ hasText: /#1 ready/ }).waitFor({ timeout: 120_000 });
  const built = await lastMark(page, "wsgi:build-ready");
  const answered = built + (await sendAndTime(page));
  const report = await page.evaluate(
    () =>
      (performance.getEntriesByName("wsgi:runtime-started")[0] as PerformanceMark)
        .detail as unknown,
  );
  const startSent = await page.evaluate(
    () => performance.getEntriesByName("wsgi:runtime-start")[0]?.startTime ?? NaN,
  );
  const visit: PythonVisit = { startSent, built, answered, report: report as StartReport };
  const hooks = "window.wsgiPlaygroundBench";
  const one = memory ? ((await page.evaluate(`${hooks}.memory()`)) as number) : 0;
  // The standby starts, and the page is left once it has: a next visit comes to a quiet browser.
  await page.evaluate(`${hooks}.releaseStandby()`);
  await page.waitForFunction(
    () => performance.getEntriesByName("wsgi:runtime-started").length > 1,
    null,
    { timeout: 120_000 },
  );
  if (memory) visit.memory = { one, two: (await page.evaluate(`${hooks}.memory()`)) as number };
  return visit;
}

/**
 * Start of a Python project, as the playground opens on one: on a first
 * visit (a new browser: empty caches, the ~20 MB of Python's runtime and
 * snapshot fetched from the site), and on the next visit in the same
 * browser, once its service worker has kept those files; from navigation to
 * the first build ready and to the first response drawn. A visit ends once
 * its standby CPython has started (a next visit comes later than that, to
 * a quiet browser). The next visit measures the page's memory too.
 */
export async function pythonStart(browser: Browser) {
  const first: PythonVisit[] = [];
  const second: PythonVisit[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await newContext(browser, "default");
    const page = await context.newPage();
    first.push(await pythonVisit(page, false));
    await expectPoll(() => keptRuntimeFiles(page), 3);
    second.push(await pythonVisit(page, run === 0));
    await context.close();
  }
  return { first, second };
}

/** The rows of one kind of Python start: the whole, then each part of it (from the runner's report). */
export function startRows(visit: string, visits: PythonVisit[], targetMs: number): Row[] {
  const answered = stats(visits.map((each) => each.answered));
  const of = (pick: (each: PythonVisit) => number) => stats(visits.map(pick));
  const restored = visits.filter((each) => each.report.from === "snapshot").length;
  const longestFile = (each: PythonVisit) => Math.max(...each.report.files.map((file) => file.ms));
  const fetched = (each: PythonVisit) =>
    each.report.files
      .filter((file) => file.from === "site")
      .reduce((sum, file) => sum + file.bytes, 0) /
    2 ** 20;
  return [
    row("10", `Python project start, ${visit}: navigation to first response`, answered, "ms", {
      target: `≤ ${targetMs} ms`,
      met: answered.median <= targetMs,
    }),
    row(
      "10",
      "… of which: navigation to the runner Worker's start",
      of((each) => each.startSent),
      "ms",
    ),
    row(
      "10",
      `… CPython's start, ${restored} of ${visits.length} restored from the snapshot`,
      of((each) => each.report.totalMs),
      "ms",
    ),
    row(
      "10",
      "… … Pyodide's files and the snapshot fetched, or found kept (the longest of them)",
      of(longestFile),
      "ms",
    ),
    row(
      "10",
      "… … … read from the site (the rest from the service worker's kept copy)",
      of(fetched),
      "MB",
    ),
    row(
      "10",
      "… … loading CPython (fetch, WebAssembly compile, restore)",
      of((each) => each.report.runtimeMs),
      "ms",
    ),
    row(
      "10",
      "… … the server on top (its modules written, the host's facts renewed)",
      of((each) => each.report.setupMs),
      "ms",
    ),
    row(
      "10",
      "… first build ready (from navigation)",
      of((each) => each.built),
      "ms",
    ),
    row(
      "10",
      "… Send to response drawn",
      of((each) => each.answered - each.built),
      "ms",
    ),
  ];
}

/** Wait until `value()` gives `wanted` (at most a minute). */
async function expectPoll(value: () => Promise<number>, wanted: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await value()) === wanted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still not ${wanted} after a minute`);
}
