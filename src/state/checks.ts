/**
 * @module checks
 * The checks of the project on screen (`checks.hurl`): the file's errors,
 * or the verdicts of the last run as they come, with the verdicts of the
 * run before (so a check can say "was passing"), and which check's
 * response the inspector shows.
 */
import { create } from "zustand";
import type { HurlError } from "../checks/hurl-ast";
import type { CheckResult } from "../checks/run-checks";

/** The checks file's name in a project. */
export const CHECKS_FILE = "checks.hurl";

/** Where the checks stand. */
export interface ChecksState {
  /** The project has no checks file. */
  absent: boolean;
  /** What the file says that is not the subset the checks run (nothing runs then). */
  errors: HurlError[];
  /** The verdicts of the current run, in order, as they come. */
  results: CheckResult[];
  /** How many entries the current run has. */
  total: number;
  running: boolean;
  /** Each check's verdict in the last finished run, by its title and place. */
  before: Record<string, boolean>;
  /** The check whose response the inspector shows (its index), if one was clicked. */
  shown: number | null;
}

/** The checks store. */
export const useChecks = create<ChecksState>(() => ({
  absent: true,
  errors: [],
  results: [],
  total: 0,
  running: false,
  before: {},
  shown: null,
}));

/** Change some of the checks state (the checks service's). */
export function updateChecks(patch: Partial<ChecksState>): void {
  useChecks.setState(patch);
}

/** A check's key across runs: its place and title. */
export function checkKey(result: Pick<CheckResult, "index" | "title">): string {
  return `${result.index} ${result.title}`;
}
