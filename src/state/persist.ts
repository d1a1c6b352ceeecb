/**
 * @module persist
 * Saving small stores in IndexedDB (through idb-keyval). Saving can fail
 * (private windows, a full disk): the page keeps working and says so once.
 */
import { del, get, set } from "idb-keyval";
import { create } from "zustand";

/** How many saves are waiting or being written: 0 means everything typed is stored. */
export const useSaving = create<{ pending: number }>(() => ({ pending: 0 }));

function pending(change: 1 | -1): void {
  useSaving.setState((state) => ({ pending: state.pending + change }));
}

/** What went wrong with local saving, if anything, for a banner. */
export const useStorageWarning = create<{ warning: string | null }>(() => ({ warning: null }));

function warn(text: string): void {
  if (!useStorageWarning.getState().warning) useStorageWarning.setState({ warning: text });
}

/** Read a saved value; undefined when there is none or storage is unavailable. */
export async function load<T>(key: string): Promise<T | undefined> {
  try {
    return await get<T>(key);
  } catch (error) {
    warn(
      `Local saving is unavailable (${error instanceof Error ? error.message : String(error)}): the page works, but your work will not be kept after you close it. Download it as a zip, or share its link.`,
    );
    return undefined;
  }
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Run `task` once `delay` ms have passed without another call for `key`
 * (bursts of changes fold into one run). Until it has run and settled, the
 * save status says "Saving…".
 */
export function later(key: string, task: () => Promise<unknown> | void, delay: number): void {
  const waiting = timers.get(key);
  if (waiting === undefined) pending(1);
  clearTimeout(waiting);
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      void Promise.resolve()
        .then(task)
        .finally(() => pending(-1));
    }, delay),
  );
}

/** Save a value, waiting `delay` ms to fold bursts of changes into one write. */
export function saveLater(key: string, value: () => unknown, delay = 300): void {
  later(
    key,
    () => {
      const data = value();
      return (data === undefined ? del(key) : set(key, data)).catch((error: unknown) => {
        warn(
          `Could not save locally (${error instanceof Error ? error.message : String(error)}): the page works, but download your work as a zip or share its link to keep it.`,
        );
      });
    },
    delay,
  );
}
