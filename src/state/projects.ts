/**
 * @module projects
 * Named projects, saved in IndexedDB as the user types: new, rename,
 * duplicate, delete, switch. The project on screen lives in the workspace
 * and request stores; this module saves it and swaps it.
 */
import { create } from "zustand";
import {
  fromShared,
  toShared,
  type ProjectContent,
  newProjectContent,
} from "../share/project-state";
import type { SharedProject } from "../share/share-codec";
import { load, saveLater } from "./persist";
import { replaceRequest, useRequest } from "./request";
import { newProjectLanguage } from "./settings";
import { useWorkspace } from "./workspace";

const INDEX = "wsgi-playground:projects";
const projectKey = (id: string) => `wsgi-playground:project:${id}`;

/** A saved project as the list shows it. */
export interface ProjectInfo {
  id: string;
  name: string;
  updatedAt: number;
  /** Code that came from a link or a file and has not run yet: it waits for Run, also after a reload. */
  held?: true;
}

/** The saved projects and which one is on screen. */
export interface ProjectsState {
  projects: ProjectInfo[];
  currentId: string | null;
}

/** The projects store. */
export const useProjects = create<ProjectsState>(() => ({ projects: [], currentId: null }));

let saving = false;

function newId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function saveIndex(): void {
  const { projects, currentId } = useProjects.getState();
  saveLater(INDEX, () => ({ projects, currentId }), 200);
}

/** What is on screen, as project content. */
export function currentContent(): ProjectContent {
  const { files, entry, server } = useWorkspace.getState();
  return { files, entry, draft: useRequest.getState(), ...(server !== "code" ? { server } : {}) };
}

/** Put project content on screen. `trusted` false holds its code until the user presses Run. */
export function showContent(content: ProjectContent, trusted: boolean): void {
  saving = false;
  useWorkspace.setState({
    files: content.files,
    entry: content.entry,
    active: content.entry,
    trusted,
    server: content.server ?? "code",
  });
  replaceRequest(content.draft);
  saving = true;
}

/** Save the project on screen (debounced like every save). */
export function saveProjectNow(): void {
  saveCurrent();
}

function saveCurrent(): void {
  const { currentId, projects } = useProjects.getState();
  if (!saving || !currentId) return;
  // The project is encoded when the debounced save runs, not on every keystroke; but
  // what it saves is taken now: by then another project may be on screen.
  const content = currentContent();
  saveLater(projectKey(currentId), () => toShared(content), 400);
  useProjects.setState({
    projects: projects.map((p) => (p.id === currentId ? { ...p, updatedAt: Date.now() } : p)),
  });
  saveIndex();
}

/** Save the project on screen whenever its files or request change, and when its code is let run. */
export function watchForChanges(): void {
  useWorkspace.subscribe((state, previous) => {
    if (
      state.files !== previous.files ||
      state.entry !== previous.entry ||
      state.server !== previous.server
    )
      saveCurrent();
    if (state.trusted && !previous.trusted) releaseHeld();
  });
  useRequest.subscribe(() => saveCurrent());
  // The tab ran this code before a reload the save had not caught up with.
  if (useWorkspace.getState().trusted) releaseHeld();
}

function releaseHeld(): void {
  const { currentId } = useProjects.getState();
  if (!currentId || !isHeld(currentId)) return;
  useProjects.setState((state) => ({
    projects: state.projects.map((p) => {
      if (p.id !== currentId || !p.held) return p;
      return { id: p.id, name: p.name, updatedAt: p.updatedAt };
    }),
  }));
  saveIndex();
}

function isHeld(id: string): boolean {
  return useProjects.getState().projects.some((p) => p.id === id && p.held);
}

/** Load the saved list; returns the project that was on screen last, if any. */
export async function loadProjects(): Promise<{
  id: string;
  content: ProjectContent;
  held: boolean;
} | null> {
  const index = await load<ProjectsState>(INDEX);
  if (!index || !Array.isArray(index.projects)) return null;
  useProjects.setState({ projects: index.projects, currentId: index.currentId });
  const id = index.currentId ?? index.projects[0]?.id;
  if (!id) return null;
  const saved = await load<SharedProject>(projectKey(id));
  return saved ? { id, content: fromShared(saved), held: isHeld(id) } : null;
}

/** Add a project and put it on screen. */
export function createProject(
  name: string,
  content: ProjectContent = newProjectContent(newProjectLanguage()),
  trusted = true,
): string {
  const id = newId();
  useProjects.setState((state) => ({
    projects: [
      {
        id,
        name: uniqueName(name, state.projects),
        updatedAt: Date.now(),
        ...(trusted ? {} : { held: true as const }),
      },
      ...state.projects,
    ],
    currentId: id,
  }));
  showContent(content, trusted);
  saveLater(projectKey(id), () => toShared(content), 0);
  saveIndex();
  return id;
}

function uniqueName(name: string, projects: ProjectInfo[]): string {
  const names = new Set(projects.map((p) => p.name));
  if (!names.has(name)) return name;
  for (let n = 2; ; n++) if (!names.has(`${name} (${n})`)) return `${name} (${n})`;
}

/** Make a project current without loading it (at start, when it is already on screen). */
export function adoptProject(id: string): void {
  useProjects.setState({ currentId: id });
  saving = true;
  saveIndex();
}

/** Switch to a saved project. */
export async function openProject(id: string): Promise<void> {
  const saved = await load<SharedProject>(projectKey(id));
  useProjects.setState({ currentId: id });
  showContent(saved ? fromShared(saved) : newProjectContent(newProjectLanguage()), !isHeld(id));
  saveIndex();
}

/** Rename a project. */
export function renameProject(id: string, name: string): void {
  useProjects.setState((state) => ({
    projects: state.projects.map((p) => (p.id === id ? { ...p, name: name.trim() || p.name } : p)),
  }));
  saveIndex();
}

/** Copy the project on screen into a new one. */
export function duplicateProject(): void {
  const { projects, currentId } = useProjects.getState();
  const name = projects.find((p) => p.id === currentId)?.name ?? "Project";
  createProject(`${name} copy`, structuredClone(currentContent()), useWorkspace.getState().trusted);
}

/** Delete a project; the next one (or a new one) goes on screen. */
export async function deleteProject(id: string): Promise<void> {
  const { projects, currentId } = useProjects.getState();
  const rest = projects.filter((p) => p.id !== id);
  useProjects.setState({ projects: rest });
  saveLater(projectKey(id), () => undefined, 0);
  if (id === currentId) {
    if (rest[0]) await openProject(rest[0].id);
    else createProject("My project");
  }
  saveIndex();
}

/** The name of the project on screen. */
export function currentName(): string {
  const { projects, currentId } = useProjects.getState();
  return projects.find((p) => p.id === currentId)?.name ?? "My project";
}
