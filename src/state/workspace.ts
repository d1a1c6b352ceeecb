/**
 * @module workspace
 * The project's files, and the operations that change them: the editor and
 * the file list call these, never `setState` on the files themselves. Each
 * operation that can be refused returns why (null when it was done), and a
 * refused one changes nothing.
 *
 * @example
 * addFile("routes.py", "def handle(environ): ...\n"); // null
 * renameFile("routes.py", "../routes.py");           // "… climbs out of the project …"
 */
import { create } from "zustand";
import { DEFAULT_APP, DEFAULT_PYTHON_APP } from "./default-app";
import { canBeEntry, checkFilePath, checkProjectSize } from "./file-paths";
import { newProjectLanguage } from "./settings";
import type { ServerChoice } from "../servers/choice";

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
  /** The server a Python project is served by: the one its code starts, or one chosen. */
  server: ServerChoice;
}

/** What is on screen before a project is: a new project in the language of the next one (a first visit keeps it). */
function firstFiles(): Pick<WorkspaceState, "files" | "entry" | "active"> {
  const [entry, text] =
    newProjectLanguage() === "python" ? ["app.py", DEFAULT_PYTHON_APP] : ["app.ts", DEFAULT_APP];
  return { files: { [entry]: text }, entry, active: entry };
}

/** The workspace store. */
export const useWorkspace = create<WorkspaceState>(() => ({
  ...firstFiles(),
  trusted: true,
  server: "code",
}));

/** Serve the project with `server` from the next build on. */
export function setServer(server: ServerChoice): void {
  useWorkspace.setState({ server });
}

/** The user read the code from a link and pressed Run. */
export function trustCode(): void {
  useWorkspace.setState({ trusted: true });
}

/** Replace one file's text. */
export function setFileText(path: string, text: string): void {
  const { files } = useWorkspace.getState();
  if (!(path in files) || files[path] === text) return;
  useWorkspace.setState({ files: { ...files, [path]: text } });
}

/** Show `path` in the editor. */
export function setActiveFile(path: string): void {
  if (path in useWorkspace.getState().files) useWorkspace.setState({ active: path });
}

/** Add a file (and show it); or say why not. */
export function addFile(path: string, text = ""): string | null {
  const { files } = useWorkspace.getState();
  const problem = checkFilePath(path, Object.keys(files));
  if (problem) return problem;
  const next = { ...files, [path]: text };
  const tooLarge = checkProjectSize(next);
  if (tooLarge) return tooLarge;
  useWorkspace.setState({ files: next, active: path });
  return null;
}

/** Rename a file where it stands in the list (the entry and the editor follow it); or say why not. */
export function renameFile(from: string, to: string): string | null {
  const { files, entry, active } = useWorkspace.getState();
  if (!(from in files)) return `There is no file called ${from}.`;
  if (to === from) return null;
  const problem = checkFilePath(
    to,
    Object.keys(files).filter((name) => name !== from),
  );
  if (problem) return problem;
  if (from === entry && !canBeEntry(to))
    return `${from} is the entry file, and the playground runs .py, .ts or .js files: set another file as the entry first, or keep the extension.`;
  const next: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) next[name === from ? to : name] = text;
  useWorkspace.setState({
    files: next,
    entry: entry === from ? to : entry,
    active: active === from ? to : active,
  });
  return null;
}

/** Delete a file; deleting the entry takes the file that becomes the entry. Or say why not. */
export function deleteFile(path: string, newEntry?: string): string | null {
  const { files, entry, active } = useWorkspace.getState();
  if (!(path in files)) return `There is no file called ${path}.`;
  const names = Object.keys(files);
  if (names.length === 1)
    return `${path} is the project's only file; a project keeps at least one.`;
  let nextEntry = entry;
  if (path === entry) {
    if (newEntry === undefined || newEntry === path || !(newEntry in files))
      return `${path} is the entry file: set another file as the entry file before deleting it.`;
    if (!canBeEntry(newEntry)) return `${newEntry} cannot be the entry file (.py, .ts or .js).`;
    nextEntry = newEntry;
  }
  const next = { ...files };
  delete next[path];
  const at = names.indexOf(path);
  const neighbour = names[at + 1] ?? names[at - 1]!;
  useWorkspace.setState({
    files: next,
    entry: nextEntry,
    active: active === path ? neighbour : active,
  });
  return null;
}

/** Make `path` the file the app starts from; or say why not. */
export function setEntry(path: string): string | null {
  const { files } = useWorkspace.getState();
  if (!(path in files)) return `There is no file called ${path}.`;
  if (!canBeEntry(path))
    return `${path} cannot be the entry file: the playground runs .py (Python) or .ts and .js (TypeScript) files.`;
  useWorkspace.setState({ entry: path });
  return null;
}
