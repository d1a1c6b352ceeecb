/**
 * @module workspace
 * The project's files. The first file is the entry.
 */
import { create } from "zustand";
import { DEFAULT_APP } from "./default-app";

/** The files of the project being edited. */
export interface WorkspaceState {
  /** Source text by path, in display order. */
  files: Record<string, string>;
  /** The file the app starts from. */
  entry: string;
  /** The file shown in the editor. */
  active: string;
}

/** The workspace store. */
export const useWorkspace = create<WorkspaceState>(() => ({
  files: { "app.ts": DEFAULT_APP },
  entry: "app.ts",
  active: "app.ts",
}));

/** Replace one file's text. */
export function setFileText(path: string, text: string): void {
  useWorkspace.setState((state) => ({ files: { ...state.files, [path]: text } }));
}
