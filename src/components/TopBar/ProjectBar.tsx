/**
 * @module ProjectBar
 * The saved projects: switch, new, rename, duplicate, delete, download as a
 * zip of plain files, open a zip.
 */
import { useEffect, useRef, useState } from "react";
import { newProjectContent } from "../../share/project-state";
import { projectToZip, zipToProject } from "../../share/zip";
import {
  createProject,
  currentContent,
  currentName,
  deleteProject,
  duplicateProject,
  openProject,
  renameProject,
  useProjects,
} from "../../state/projects";
import { languageName, type Language } from "../../runner/runtimes";
import { setNewProjectLanguage, useSettings } from "../../state/settings";
import { useWorkspace } from "../../state/workspace";

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: "application/zip" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A new project with `language`'s hello world; `chosen` (the menu item of
 * that language) makes it the language of every **New project** after.
 */
function newProject(language: Language, chosen = false) {
  if (chosen) setNewProjectLanguage(language);
  createProject(`New ${languageName(language)} project`, newProjectContent(language));
}

/** The project controls of the top bar. */
export function ProjectBar() {
  const { projects, currentId } = useProjects();
  const language = useSettings((state) => state.newProjectLanguage);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  // A zip's message is about that zip: the next thing that works (a switch, an edit) clears it.
  useEffect(() => {
    const clear = () => {
      setProblem(null);
      setNote(null);
    };
    const offProjects = useProjects.subscribe((state, previous) => {
      if (state.currentId !== previous.currentId) clear();
    });
    const offFiles = useWorkspace.subscribe((state, previous) => {
      if (state.files !== previous.files) setProblem(null);
    });
    return () => {
      offProjects();
      offFiles();
    };
  }, []);
  return (
    <div className="project-bar">
      <select
        aria-label="Project"
        value={currentId ?? ""}
        onChange={(event) => void openProject(event.target.value)}
      >
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
      <details
        className="menu"
        onClick={(event) => {
          // Choosing an item closes the menu.
          if ((event.target as HTMLElement).getAttribute("role") === "menuitem") {
            (event.currentTarget as HTMLDetailsElement).open = false;
          }
        }}
      >
        <summary aria-label="Project actions">Project ▾</summary>
        <div className="menu-items" role="menu">
          <button
            type="button"
            role="menuitem"
            onClick={() => newProject(language)}
            aria-description={`in ${languageName(language)}, the language last chosen`}
          >
            New project <span className="menu-hint">{languageName(language)}</span>
          </button>
          <button type="button" role="menuitem" onClick={() => newProject("python", true)}>
            New Python project
          </button>
          <button type="button" role="menuitem" onClick={() => newProject("typescript", true)}>
            New TypeScript project
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              const name = prompt("Rename the project", currentName());
              if (name && currentId) renameProject(currentId, name);
            }}
          >
            Rename…
          </button>
          <button type="button" role="menuitem" onClick={duplicateProject}>
            Duplicate
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              if (currentId && confirm(`Delete "${currentName()}"? This cannot be undone.`))
                void deleteProject(currentId);
            }}
          >
            Delete…
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() =>
              download(
                projectToZip(currentContent()),
                `${currentName().replace(/[^\w.-]+/g, "-")}.zip`,
              )
            }
          >
            Download zip
          </button>
          <button type="button" role="menuitem" onClick={() => upload.current?.click()}>
            Open zip…
          </button>
        </div>
      </details>
      <input
        ref={upload}
        type="file"
        accept=".zip,application/zip"
        aria-label="Open a project zip"
        hidden
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          try {
            const { content, skipped } = zipToProject(new Uint8Array(await file.arrayBuffer()));
            createProject(file.name.replace(/\.zip$/i, ""), content, false);
            setProblem(null);
            if (skipped.length) {
              const shown = skipped.slice(0, 4).join("; ");
              const more = skipped.length > 4 ? `; and ${skipped.length - 4} more` : "";
              setNote(`Opened ${file.name}; left out ${shown}${more}.`);
            }
          } catch (error) {
            setNote(null);
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {problem && (
        <span className="bar-error" role="alert" aria-label="Zip problem">
          {problem}
        </span>
      )}
      {note && (
        <span className="bar-note" role="status" aria-label="Zip note">
          {note}
        </span>
      )}
    </div>
  );
}
