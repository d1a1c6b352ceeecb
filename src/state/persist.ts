/**
 * @module persist
 * Saving small stores in IndexedDB (through idb-keyval). Saving can fail
 * (private windows, a full disk): the page keeps working and says so once.
 */
import { get, set } from "idb-keyval";

let warned: string | null = null;

/** What went wrong with local saving, if anything, for a banner. */
export function storageWarning(): string | null {
  return warned;
}

/** Read a saved value; undefined when there is none or storage is unavailable. */
export async function load<T>(key: string): Promise<T | undefined> {
  try {
    return await get<T>(key);
  } catch (error) {
    warned ??= `Local saving is unavailable (${error instanceof Error ? error.message : String(error)}); nothing is lost now, but it will not be kept after you close the page.`;
    return undefined;
  }
}

/** Save a value, waiting `delay` ms to fold bursts of changes into one write. */
export function saveLater(key: string, value: () => unknown, delay = 300): void {
  clearTimeout(timers.get(key));
  timers.set(
    key,
    setTimeout(() => {
      set(key, value()).catch((error: unknown) => {
        warned ??= `Could not save locally (${error instanceof Error ? error.message : String(error)}).`;
      });
    }, delay),
  );
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
