/**
 * @module settings
 * The user's preferences that outlive a project: how long the app may run
 * for one request before it is stopped, the language of a new project (the
 * one last chosen; Python until then), and the language of the project last
 * on screen (the runner to start before the saved project is read). Kept in
 * local storage; where that is unavailable the defaults hold for the session.
 */
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { Language } from "../runner/runtimes";

/** The time limit's bounds and default, in seconds. */
export const RUN_LIMIT = { min: 1, max: 60, default: 5 } as const;

/** The settings. */
export interface Settings {
  /** Seconds the app may run for one request (or its module's top level). */
  runLimitSeconds: number;
  /** The language **New project** makes: the one last chosen from the menu. */
  newProjectLanguage: Language;
  /** The language of the project on screen when the page was last open, if any. */
  lastLanguage: Language | null;
}

const LANGUAGES: readonly Language[] = ["python", "typescript"];

/** The settings store. */
export const useSettings = create<Settings>()(
  persist(
    (): Settings => ({
      runLimitSeconds: RUN_LIMIT.default,
      newProjectLanguage: "python",
      lastLanguage: null,
    }),
    {
      name: "wsgi-playground:settings",
      storage: createJSONStorage(() => localStorage),
      // A hand-edited or older value that is not one falls back to the default.
      merge: (saved, current) => {
        const { runLimitSeconds, newProjectLanguage, lastLanguage } = (saved ??
          {}) as Partial<Settings>;
        const language = (value: unknown) => LANGUAGES.find((each) => each === value) ?? undefined;
        return {
          ...current,
          ...(typeof runLimitSeconds === "number" && checkRunLimit(String(runLimitSeconds)) === null
            ? { runLimitSeconds }
            : {}),
          newProjectLanguage: language(newProjectLanguage) ?? current.newProjectLanguage,
          lastLanguage: language(lastLanguage) ?? null,
        };
      },
    },
  ),
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

/** The language **New project** makes now. */
export function newProjectLanguage(): Language {
  return useSettings.getState().newProjectLanguage;
}

/** The user chose a language for a new project: the next **New project** is in it too. */
export function setNewProjectLanguage(language: Language): void {
  useSettings.setState({ newProjectLanguage: language });
}

/** The project on screen is in `language` (the next page load starts its runner first). */
export function setLastLanguage(language: Language): void {
  if (useSettings.getState().lastLanguage !== language)
    useSettings.setState({ lastLanguage: language });
}
