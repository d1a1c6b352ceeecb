#!/usr/bin/env node
/**
 * `npm test`: the unit tests (Vitest), a production build, and the
 * end-to-end tests (Playwright in Chromium), then one closing line
 * `N passed, N failed` summed over both. Exits non-zero if anything failed
 * or a stage could not run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const results = "reports";
rmSync(`${results}/unit.json`, { force: true });
rmSync(`${results}/e2e.json`, { force: true });
mkdirSync(results, { recursive: true });

function run(command, args) {
  const child = spawnSync(command, args, { stdio: "inherit", shell: false });
  return child.status ?? 1;
}

function read(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

const unitStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${results}/unit.json`,
]);
const buildStatus = run("npx", ["vite", "build"]);
const e2eStatus = buildStatus === 0 ? run("npx", ["playwright", "test"]) : 1;

let passed = 0;
let failed = 0;
const unit = read(`${results}/unit.json`);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
const e2e = read(`${results}/e2e.json`);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
}
const problems = [];
if (!unit) problems.push("the unit tests wrote no report");
if (buildStatus !== 0) problems.push("the production build failed");
if (buildStatus === 0 && !e2e) problems.push("the end-to-end tests wrote no report");
for (const problem of problems) console.error(`test: ${problem}`);
const ok =
  unitStatus === 0 && buildStatus === 0 && e2eStatus === 0 && problems.length === 0 && failed === 0;
console.log(`${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed`);
process.exit(ok ? 0 : 1);
