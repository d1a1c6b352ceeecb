import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium.ts";
import { serveSite, stopSite } from "./site.ts";
import { linkFor, newContext, openPlayground } from "./page.ts";
const PRINTING = `def application(environ, start_response):
    for i in range(10000):
        print(f"line {i}: " + "x" * 40)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"printed"]
`;
const server = await serveSite();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const context = await newContext(browser, "python");
  const page = await openPlayground(context, linkFor(PRINTING, "/", "app.py"));
  await page.evaluate(() => {
    const w = window as unknown as { loafs: unknown[] };
    w.loafs = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as {
        duration: number;
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        startTime: number;
        scripts: {
          invoker: string;
          duration: number;
          sourceFunctionName: string;
          sourceURL: string;
          forcedStyleAndLayoutDuration: number;
        }[];
      }[])
        if (e.duration > 60)
          w.loafs.push({
            d: Math.round(e.duration),
            render: Math.round(e.startTime + e.duration - e.renderStart),
            layout: Math.round(e.startTime + e.duration - e.styleAndLayoutStart),
            scripts: e.scripts.map(
              (s) =>
                `${s.invoker} ${Math.round(s.duration)}ms fsl=${Math.round(s.forcedStyleAndLayoutDuration)} ${s.sourceFunctionName}`,
            ),
          });
    }).observe({ type: "long-animation-frame", buffered: false });
  });
  for (let round = 0; round < 2; round++) {
    await page.getByRole("button", { name: "Clear" }).click();
    await page.keyboard.press("ControlOrMeta+Enter");
    await page
      .getByLabel("Terminal output")
      .filter({ hasText: "line 9999:" })
      .waitFor({ timeout: 60000 });
    await page.waitForTimeout(1500);
  }
  console.log(
    JSON.stringify(
      await page.evaluate(() => (window as unknown as { loafs: unknown[] }).loafs),
      null,
      1,
    ),
  );
} finally {
  await browser.close();
  stopSite(server);
}
