/**
 * Item 13: the Python frameworks. In a page whose CPython is running (a
 * Python hello world built), a Flask project is loaded as a build loads
 * it: the first time, its stack is fetched and unpacked and `import flask`
 * runs cold (the app itself times that statement with perf_counter and
 * answers the figure); each later build imports Flask again, as a new
 * `python3 app.py` would. Then Flask's hello world answers the panel, 500
 * times in a row, against the floor. Bottle's first load too.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { linkFor, newContext, openPlayground, panelRecord, SEQUENTIAL } from "./page.ts";

const example = (path: string) =>
  readFileSync(new URL(`../src/examples/apps/${path}`, import.meta.url), "utf8");

/** Flask's hello world, and how long its `import flask` took, in its answer. */
const FLASK_TIMED = `import time
_started = time.perf_counter()
import flask
IMPORT_MS = (time.perf_counter() - _started) * 1000

app = flask.Flask(__name__)


@app.route("/import-time")
def import_time():
    return f"{IMPORT_MS:.2f}"


@app.route("/")
def hello():
    return "Hello world!"
`;

const PY_HELLO = `def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"Hello world!"]
`;

const record = panelRecord;

interface Hooks {
  wsgiPlaygroundBench: {
    loadSources: (id: number, files: Record<string, string>, entry: string) => Promise<number>;
    roundTrips: (record: unknown, count: number) => Promise<number[]>;
    serveText: (record: unknown) => Promise<string>;
  };
}

/** Load `files` as build `id` through the page's runner; ms. */
const load = (page: Page, id: number, files: Record<string, string>) =>
  page.evaluate(
    ({ id, files }) =>
      (window as unknown as Hooks).wsgiPlaygroundBench.loadSources(id, files, "app.py"),
    { id, files },
  );

/** What the loaded Flask app says its `import flask` took; ms. */
const importTime = async (page: Page) =>
  Number(
    await page.evaluate(
      (r) => (window as unknown as Hooks).wsgiPlaygroundBench.serveText(r),
      record("/import-time"),
    ),
  );

/** What item 13 measures. */
export async function frameworkMeasures(browser: Browser) {
  const firstBuild: number[] = [];
  const importCold: number[] = [];
  const importAgain: number[] = [];
  const bottleFirst: number[] = [];
  let roundTrips: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await newContext(browser, "python");
    const page = await openPlayground(context, linkFor(PY_HELLO, "/", "app.py"));
    const flask = { "app.py": FLASK_TIMED };
    firstBuild.push(await load(page, 1000, flask));
    importCold.push(await importTime(page));
    for (let again = 1; again <= 5; again++) {
      await load(page, 1000 + again, flask);
      importAgain.push(await importTime(page));
    }
    if (run === 2) {
      roundTrips = await page.evaluate(
        ({ r, count }) => (window as unknown as Hooks).wsgiPlaygroundBench.roundTrips(r, count),
        { r: record("/"), count: SEQUENTIAL },
      );
    }
    bottleFirst.push(await load(page, 2000, { "app.py": example("bottle-hello.py") }));
    await context.close();
  }
  return { firstBuild, importCold, importAgain, bottleFirst, roundTrips };
}
