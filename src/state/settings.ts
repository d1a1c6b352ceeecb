/**
 * @module settings
 * The user's preferences that outlive a project: for now, how long the app
 * may run for one request before it is stopped. Kept in local storage; where
 * that is unavailable the defaults hold for the session.
 */
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

/** The time limit's bounds and default, in seconds. */
export const RUN_LIMIT = { min: 1, max: 60, default: 5 } as const;

/** The settings. */
export interface Settings {
  /** Seconds the app may run for one request (or its module's top level). */
  runLimitSeconds: number;
}

/** The settings store. */
export const useSettings = create<Settings>()(
  persist(() => ({ runLimitSeconds: RUN_LIMIT.default as number }), {
    name: "wsgi-playground:settings",
    storage: createJSONStorage(() => localStorage),
    // A hand-edited or older value outside the bounds falls back to the default.
    merge: (saved, current) => {
      const seconds = (saved as Partial<Settings> | undefined)?.runLimitSeconds;
      return typeof seconds === "number" && checkRunLimit(String(seconds)) === null
        ? { ...current, runLimitSeconds: seconds }
        : current;
    },
  }),
);

/** Why `text` is not a time limit, or null when it is one. */
export function checkRunLimit(text: string): string | null {
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds))
    return "The time limit must be a number of seconds.";
  if (seconds < RUN_LIMIT.min || seconds > RUN_LIMIT.max) {
    return `The time limit must be between ${RUN_LIMIT.min} and ${RUN_LIMIT.max} seconds.`;
  }
  return null;
}

/** Set the time limit, in seconds (the caller checked it with `checkRunLimit`). */
export function setRunLimitSeconds(seconds: number): void {
  useSettings.setState({ runLimitSeconds: seconds });
}

/** The time limit in milliseconds. */
export function runLimitMs(): number {
  return useSettings.getState().runLimitSeconds * 1000;
}
