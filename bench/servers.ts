/**
 * Item 14: the servers. In a page whose CPython is running, a Python hello
 * world is loaded once per server, as a build served by that server loads
 * (its stack fetched the first time), and answers the panel 200 times in a
 * row: each server's round trip against wsgiref's, on the same app. Then
 * the Servers tab, as a person opens it: the time from the click to the six
 * answers drawn, the first time (the servers' stacks fetched and each
 * server started) and again with everything cached ("Send through every
 * server").
 */
import type { Browser, Page } from "@playwright/test";
import { SERVER_CHOICES, SERVER_LABELS, type ServerChoice } from "../src/servers/choice.ts";
import { linkFor, newContext, openPlayground, panelRecord } from "./page.ts";
import { row, stats, type Row } from "./report.ts";

const PY_HELLO = `def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"Hello world!"]
`;

const ROUND_TRIPS = 200;
const AGAIN = 5;

/** The panel's request for hello world. */
const record = panelRecord("/");

interface Hooks {
  wsgiPlaygroundBench: {
    loadSources: (
      id: number,
      files: Record<string, string>,
      entry: string,
      server?: ServerChoice,
    ) => Promise<number>;
    roundTrips: (record: unknown, count: number) => Promise<number[]>;
  };
}

/** Each server's round trips for hello world (ms), loaded as build `id` with that server chosen. */
async function roundTrips(page: Page, server: ServerChoice, id: number): Promise<number[]> {
  await page.evaluate(
    ({ id, server, code }) =>
      (window as unknown as Hooks).wsgiPlaygroundBench.loadSources(
        id,
        { "app.py": code },
        "app.py",
        server,
      ),
    { id, server, code: PY_HELLO },
  );
  return page.evaluate(
    ({ record, count }) =>
      (window as unknown as Hooks).wsgiPlaygroundBench.roundTrips(record, count),
    { record, count: ROUND_TRIPS },
  );
}

/** ms from `act` (a click) to the Servers tab's six answers drawn. */
async function untilDrawn(page: Page, act: () => Promise<void>): Promise<number> {
  const sending = page.getByRole("button", { name: "Sending…" });
  const started = Date.now();
  await act();
  await sending.waitFor({ state: "detached", timeout: 120_000 });
  await page
    .getByRole("table", { name: "Environ by server" })
    .getByRole("columnheader")
    .nth(6)
    .waitFor({ timeout: 120_000 });
  return Date.now() - started;
}

/** What item 14 measures. */
export async function serverMeasures(browser: Browser) {
  const context = await newContext(browser, "python");
  const page = await openPlayground(context, linkFor(PY_HELLO, "/", "app.py"));
  // The Servers tab as a person opens it: first with every server's stack to fetch, then again.
  await page.keyboard.press("ControlOrMeta+Enter");
  const tab = page
    .getByRole("tablist", { name: "Response views" })
    .getByRole("tab", { name: /^Servers/ });
  await tab.waitFor({ timeout: 60_000 });
  const first = await untilDrawn(page, () => tab.click());
  const again: number[] = [];
  const button = page.getByRole("button", { name: "Send through every server" });
  for (let i = 0; i < AGAIN; i++) again.push(await untilDrawn(page, () => button.click()));
  // Then each server answering the panel, its stack cached by now.
  const trips = {} as Record<ServerChoice, number[]>;
  let id = 3000;
  const servers = SERVER_CHOICES.filter((choice) => choice !== "code");
  // A round of each first, not counted: the first server measured would pay for the page's warming.
  for (const server of servers) await roundTrips(page, server, id++);
  for (const server of servers) trips[server] = await roundTrips(page, server, id++);
  await context.close();
  return { trips, first, again };
}

/** Item 14's rows: each server's round trip against wsgiref's, and the Servers tab. */
export function serverRows({
  trips,
  first,
  again,
}: Awaited<ReturnType<typeof serverMeasures>>): Row[] {
  const wsgiref = stats(trips.wsgiref).median;
  const servers = SERVER_CHOICES.filter((choice) => choice !== "code" && choice !== "wsgiref");
  const drawn = stats(again);
  return [
    row("14", "Python panel round trip, wsgiref (hello world)", stats(trips.wsgiref), "ms"),
    ...servers.map((server) => {
      const measured = stats(trips[server]);
      const ratio = measured.median / wsgiref;
      return row(
        "14",
        `… served by ${SERVER_LABELS[server]} (ratio to wsgiref's)`,
        measured,
        "ms",
        {
          ratio,
          target: "≤ 2× wsgiref's",
          met: ratio <= 2,
        },
      );
    }),
    row("14", "Servers tab: click to six answers drawn, stacks fetched", first, "ms"),
    row("14", "Servers tab: Send through every server to six answers drawn, cached", drawn, "ms", {
      target: "≤ 1000 ms",
      met: drawn.median <= 1000,
    }),
  ];
}
