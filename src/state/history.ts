/**
 * @module history
 * Every request sent, newest first, with what came back; saved locally.
 * Restoring an entry puts its request back into the panel.
 */
import { create } from "zustand";
import type { FileData, RequestDraft } from "../request/draft";
import type { ResponseRecord } from "../wsgi/records";
import { load, saveLater } from "./persist";

const KEY = "wsgi-playground:history";
/** How many requests the history keeps. */
export const HISTORY_LIMIT = 100;

/** One request sent and its outcome. */
export interface HistoryEntry {
  id: string;
  /** When it was sent (ms since the epoch). */
  at: number;
  draft: RequestDraft;
  method: string;
  target: string;
  /** The response status, or the reason there was none. */
  status: string;
  /** Body size in bytes. */
  size: number;
  /** Round trip in ms. */
  time: number;
  /** The response itself, kept in memory for Compare (not saved). */
  response?: ResponseRecord;
  /** Who sent it: the request panel (the default) or the live preview. */
  source?: "panel" | "preview";
}

/** The history store. */
export const useHistory = create<{ entries: HistoryEntry[] }>(() => ({ entries: [] }));

function changed(entries: HistoryEntry[]): void {
  useHistory.setState({ entries });
  saveLater(KEY, () => useHistory.getState().entries.map(({ response: _, ...saved }) => saved));
}

/** Load the saved history (once, at start). */
export async function loadHistory(): Promise<void> {
  const saved = await load<HistoryEntry[]>(KEY);
  if (Array.isArray(saved)) useHistory.setState({ entries: saved.slice(0, HISTORY_LIMIT) });
}

/** Files larger than this are not kept in the history (choose them again to resend). */
export const HISTORY_FILE_LIMIT = 1024 * 1024;

function compact(file: FileData | null): FileData | null {
  return file && file.bytes.length > HISTORY_FILE_LIMIT
    ? { ...file, bytes: new Uint8Array() }
    : file;
}

/** Record a request that was sent and its response (status and size are taken from it); returns its id. */
export function addHistory(
  sent: Omit<HistoryEntry, "id" | "status" | "size" | "response"> & { response: ResponseRecord },
): string {
  const entry = {
    ...sent,
    status: sent.response.status || "(no status)",
    size: sent.response.body.length,
  };
  const id = `h${entry.at.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { body } = entry.draft;
  const draft: RequestDraft = {
    ...entry.draft,
    body: {
      ...body,
      binaryFile: compact(body.binaryFile),
      parts: body.parts.map((part) => ({ ...part, file: compact(part.file) })),
    },
  };
  const entries = [{ ...entry, draft, id }, ...useHistory.getState().entries];
  changed(withinMemory(entries.slice(0, HISTORY_LIMIT)));
  return id;
}

/** How many body bytes the history keeps in memory; older responses are let go. */
export const HISTORY_MEMORY_LIMIT = 256 * 1024 * 1024;

/** The newest responses up to {@link HISTORY_MEMORY_LIMIT}; older entries keep their summary only. */
function withinMemory(entries: HistoryEntry[]): HistoryEntry[] {
  let kept = 0;
  return entries.map((entry) => {
    if (!entry.response) return entry;
    kept += entry.response.body.length;
    if (kept <= HISTORY_MEMORY_LIMIT) return entry;
    const { response: _released, ...summary } = entry;
    return summary;
  });
}

/** Forget every request. */
export function clearHistory(): void {
  changed([]);
}
