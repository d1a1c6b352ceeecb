/**
 * End-to-end tests against the production build, in Debian's Chromium
 * (Playwright cannot download its own browser here). Two servers: the build
 * at the root of an origin, and the same build under a sub-path, as a static
 * host's project page would serve it.
 */
import { availableParallelism } from "node:os";
import { defineConfig } from "@playwright/test";
import { chromiumPath, CHROMIUM_ARGS } from "./e2e/chromium";
import { ROOT_PORT, ROOT_URL, SUBPATH_PORT, SUBPATH_URL } from "./e2e/servers";

export default defineConfig({
  testDir: "e2e",
  // Tests wait for states, never for a speed; these are ceilings for a hang,
  // set for a machine several times slower than the usual (a loaded core,
  // a fresh browser compiling esbuild's and Monaco's code in every test).
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // A file's tests are spread over the workers (a long file no longer ends
  // the run on one worker while the other waits); the tests that share one
  // started page are serial groups, kept on one worker.
  fullyParallel: true,
  // One test (one Chromium) per core, two at most. A fresh browser context
  // keeps a core busy in bursts (the page, then the editor, then esbuild),
  // while much of a test is waiting (time limits, debounced saves): two
  // workers on two cores keep both busy without one test's bursts landing on
  // the other's core. On one core (`taskset -c 0`) two workers only halve
  // each test's share of it, so there is one.
  workers: Math.max(1, Math.min(2, availableParallelism())),
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: ROOT_URL,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${ROOT_PORT} --strictPort`,
      url: ROOT_URL,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${SUBPATH_PORT} --strictPort --base /tools/wsgi-playground/`,
      url: SUBPATH_URL,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
