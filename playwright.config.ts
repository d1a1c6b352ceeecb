/**
 * End-to-end tests against the production build, in Debian's Chromium
 * (Playwright cannot download its own browser here). Two servers: the build
 * at the root of an origin, and the same build under a sub-path, as a static
 * host's project page would serve it.
 */
import { defineConfig } from "@playwright/test";
import { chromiumPath, CHROMIUM_ARGS } from "./e2e/chromium";
import { ROOT_URL, SUBPATH_URL } from "./e2e/servers";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
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
      command: "npx vite preview --host 127.0.0.1 --port 4173 --strictPort",
      url: ROOT_URL,
      reuseExistingServer: !process.env.CI,
    },
    {
      command:
        "npx vite preview --host 127.0.0.1 --port 4174 --strictPort --base /tools/wsgi-playground/",
      url: SUBPATH_URL,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
