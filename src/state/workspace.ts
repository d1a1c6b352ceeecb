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
  /** False for code that came from a link: it does not run until the user presses Run. */
  trusted: boolean;
}

/** The workspace store. */
export const useWorkspace = create<WorkspaceState>(() => ({
  files: { "app.ts": DEFAULT_APP },
  entry: "app.ts",
  active: "app.ts",
  trusted: true,
}));

/** The user read the code from a link and pressed Run. */
export function trustCode(): void {
  useWorkspace.setState({ trusted: true });
}

/** Replace one file's text. */
export function setFileText(path: string, text: string): void {
  useWorkspace.setState((state) => ({ files: { ...state.files, [path]: text } }));
}
