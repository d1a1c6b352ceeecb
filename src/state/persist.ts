/**
 * @module persist
 * Saving small stores in IndexedDB (through idb-keyval). Saving can fail
 * (private windows, a full disk): the page keeps working and says so once.
 */
import { del, get, set } from "idb-keyval";
import { create } from "zustand";

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

/** Save a value, waiting `delay` ms to fold bursts of changes into one write. */
export function saveLater(key: string, value: () => unknown, delay = 300): void {
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => {
      const data = value();
      (data === undefined ? del(key) : set(key, data)).catch((error: unknown) => {
        warn(
          `Could not save locally (${error instanceof Error ? error.message : String(error)}): the page works, but download your work as a zip or share its link to keep it.`,
        );
      });
    }, delay),
  );
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
