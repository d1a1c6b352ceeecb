/**
 * @module python-calls
 * Test support: ask CPython for the value of many library calls at once
 * (scripts/python_calls.py), so each runtime function is checked against
 * what Python returns for the same input.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../../../scripts/python_calls.py", import.meta.url));

/** One call: the function's name, then its arguments. */
export type PythonCall = [string, ...unknown[]];

/** True when python3 is on this machine. */
export function hasPython(): boolean {
  return spawnSync("python3", ["--version"], { stdio: "ignore" }).status === 0;
}

/** CPython's results for every call, in order. */
export function callPython(calls: PythonCall[]): unknown[] {
  const run = spawnSync("python3", [SCRIPT], { input: JSON.stringify(calls), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python_calls.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown[];
}
