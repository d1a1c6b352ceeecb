/**
 * Item 15: the terminal. In a page whose CPython is running: a request
 * paused at breakpoint() in a loop, and Step Over clicked again and again —
 * from the click to the next line drawn ("Paused at app.py:N"), measured
 * in the page; then a request that prints 10,000 lines — the main
 * thread's longest task while they arrive and are drawn, and the time from
 * Send to the last line drawn. (What a paused-free request costs is the
 * panel's round trip of items 2 and 8, measured with the terminal on.)
 */
import type { Browser, Page } from "@playwright/test";
import { linkFor, longestTaskSince, newContext, openPlayground, watchLongTasks } from "./page.ts";
import { row, stats, type Row } from "./report.ts";

const STEPPING = `def application(environ, start_response):
    total = 0
    breakpoint()
    for i in range(1000):
        total += i
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(total).encode()]
`;

const LINES = 10_000;
const PRINTING = `def application(environ, start_response):
    for i in range(${LINES}):
        print(f"line {i}: " + "x" * 40)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"printed"]
`;

const STEPS = 30;

/** Click Step Over in the page; ms until the next paused line is drawn. */
function stepOver(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const selector = '[role="toolbar"][aria-label="Debugger"] [role="status"]';
        const before = document.querySelector(selector)?.textContent;
        const button = Array.from(
          document.querySelectorAll<HTMLButtonElement>(
            '[role="toolbar"][aria-label="Debugger"] button',
          ),
        ).find((each) => each.textContent === "Step Over")!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          const now = document.querySelector(selector)?.textContent;
          if (!now || now === before) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
      }),
  );
}

/** What item 15 measures. */
export async function terminalMeasures(browser: Browser) {
  const context = await newContext(browser, "python");
  const page = await openPlayground(context, linkFor(STEPPING, "/", "app.py"));
  await page.keyboard.press("ControlOrMeta+Enter");
  const debuggerBar = page.getByRole("toolbar", { name: "Debugger" });
  await debuggerBar.getByRole("status").waitFor({ timeout: 60_000 });
  const steps: number[] = [];
  for (let i = 0; i < STEPS; i++) steps.push(await stepOver(page));
  await debuggerBar.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Response status").filter({ hasText: "200" }).waitFor();
  await context.close();

  const printing = await newContext(browser, "python");
  const printer = await openPlayground(printing, linkFor(PRINTING, "/", "app.py"));
  await watchLongTasks(printer);
  const lines: number[] = [];
  const longest: number[] = [];
  const output = printer.getByLabel("Terminal output");
  for (let round = 0; round < 3; round++) {
    await printer.getByRole("button", { name: "Clear" }).click();
    const sent = await printer.evaluate(() => performance.now());
    await printer.keyboard.press("ControlOrMeta+Enter");
    await output.filter({ hasText: `line ${LINES - 1}:` }).waitFor({ timeout: 60_000 });
    lines.push((await printer.evaluate(() => performance.now())) - sent);
    await printer.waitForTimeout(1000);
    longest.push(await longestTaskSince(printer, sent));
  }
  await printing.close();
  return { steps, lines, longest };
}

/** Item 15's rows. */
export function terminalRows({
  steps,
  lines,
  longest,
}: Awaited<ReturnType<typeof terminalMeasures>>): Row[] {
  const step = stats(steps);
  const worst = Math.max(...longest);
  return [
    row("15", "Terminal: Step Over, click to the next paused line drawn", step, "ms", {
      target: "≤ 100 ms",
      met: step.median <= 100,
    }),
    row(
      "15",
      `Terminal: ${LINES.toLocaleString("en")} lines printed, Send to the last drawn`,
      stats(lines),
      "ms",
    ),
    row(
      "15",
      `Terminal: ${LINES.toLocaleString("en")} lines printed, longest main-thread task`,
      stats(longest),
      "ms",
      {
        target: "≤ 100 ms",
        met: worst <= 100,
      },
    ),
  ];
}
