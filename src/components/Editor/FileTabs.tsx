/**
 * @module FileTabs
 * The project's files above the editor: a tab per file, named by its path,
 * the entry file marked, a file with errors marked; **New file**, and per
 * file (its actions menu, a right click, or the keyboard on its tab: F2,
 * Delete) rename, set as entry file, delete. Every change goes through the
 * workspace store's operations; a refusal is shown and nothing is lost
 * (the name typed stays in the field).
 */
import { useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { revealInEditor } from "../../state/editor-nav";
import { canBeEntry, importHint } from "../../state/file-paths";
import { useRun } from "../../state/run";
import {
  addFile,
  deleteFile,
  renameFile,
  setActiveFile,
  setEntry,
  useWorkspace,
} from "../../state/workspace";
import { languageOf } from "../../runner/runtimes";

/** What the bar below the tabs is asking for. */
type Asking =
  { kind: "new" } | { kind: "rename"; path: string } | { kind: "delete"; path: string } | null;

const tabId = (path: string) => `file-tab-${path}`;

function focusTab(path: string) {
  // After React has drawn the tab (a new or renamed one).
  requestAnimationFrame(() => document.getElementById(tabId(path))?.focus());
}

/** A hint for a Python module name `import` cannot take, in a Python project. */
function hintFor(path: string, entry: string): string | null {
  if (languageOf(entry) !== "python" || path === entry) return null;
  return importHint(path);
}

/** The field that takes a file's name, for New file and Rename. */
function NameForm({
  asking,
  onDone,
}: {
  asking: { kind: "new" } | { kind: "rename"; path: string };
  onDone(path: string | null): void;
}) {
  const [name, setName] = useState(asking.kind === "rename" ? asking.path : "");
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    // Renaming: select the name without its extension, as file managers do.
    if (asking.kind === "rename") {
      const dot = asking.path.lastIndexOf(".");
      const slash = asking.path.lastIndexOf("/");
      input.current?.setSelectionRange(slash + 1, dot > slash + 1 ? dot : asking.path.length);
    }
  }, [asking]);
  const submit = () => {
    const path = name.trim();
    const why = asking.kind === "new" ? addFile(path) : renameFile(asking.path, path);
    if (why) setProblem(why);
    else onDone(path);
  };
  const label = asking.kind === "new" ? "New file" : `Rename ${asking.path}`;
  return (
    <form
      className="file-form"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <label>
        File name
        <input
          ref={input}
          value={name}
          spellCheck={false}
          autoComplete="off"
          placeholder="routes.py, pkg/__init__.py, templates/page.html"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "file-problem" : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setProblem(null);
          }}
        />
      </label>
      <button type="submit" className="small primary">
        {asking.kind === "new" ? "Create" : "Rename"}
      </button>
      <button type="button" className="small" onClick={() => onDone(null)}>
        Cancel
      </button>
      {problem && (
        <p className="file-problem" id="file-problem" role="alert" aria-label="File problem">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Asks before a file is deleted; the entry file asks which file takes its place. */
function DeleteConfirm({ path, onDone }: { path: string; onDone(deleted: boolean): void }) {
  const paths = useWorkspace(useShallow((state) => Object.keys(state.files)));
  const entry = useWorkspace((state) => state.entry);
  const isEntry = path === entry;
  const candidates = paths.filter((name) => name !== path && canBeEntry(name));
  const [newEntry, setNewEntry] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      className="file-form"
      role="alertdialog"
      aria-label={`Delete ${path}?`}
      aria-describedby="file-delete-text"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onDone(false);
        }
      }}
    >
      <span id="file-delete-text">
        Delete <code>{path}</code>? Undo does not bring a deleted file back.
      </span>
      {isEntry && (
        <label>
          New entry file
          <select value={newEntry} onChange={(event) => setNewEntry(event.target.value)}>
            <option value="">(choose one)</option>
            {candidates.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button
        ref={confirm}
        type="button"
        className="small danger"
        onClick={() => {
          const why = deleteFile(path, isEntry ? newEntry || undefined : undefined);
          if (why) setProblem(why);
          else onDone(true);
        }}
      >
        Delete
      </button>
      <button type="button" className="small" onClick={() => onDone(false)}>
        Cancel
      </button>
      {problem && (
        <p className="file-problem" role="alert" aria-label="File problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The file tabs, their actions, and the bar that asks for a name or a confirmation. */
export function FileTabs() {
  // The names, not the texts: typing does not redraw the tabs.
  const paths = useWorkspace(useShallow((state) => Object.keys(state.files)));
  const entry = useWorkspace((state) => state.entry);
  const active = useWorkspace((state) => state.active);
  const diagnostics = useRun((state) => state.diagnostics);
  const [asked, setAsking] = useState<Asking>(null);
  const [note, setNote] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const broken = new Set(diagnostics.map((d) => d.file).filter(Boolean));

  // Another project on screen: a question about a file of the last one is void.
  const asking = asked && asked.kind !== "new" && !paths.includes(asked.path) ? null : asked;

  const act = (action: "rename" | "entry" | "delete", path: string) => {
    if (menu.current) menu.current.open = false;
    setNote(null);
    if (action === "entry") {
      setNote(setEntry(path));
      return;
    }
    setAsking({ kind: action, path });
  };

  return (
    <div className="file-bar">
      <div className="file-row">
        <div role="tablist" aria-label="Files" className="tabs file-tabs">
          {paths.map((path) => (
            <button
              key={path}
              id={tabId(path)}
              type="button"
              role="tab"
              aria-selected={path === active}
              aria-controls="editor-host"
              aria-describedby={
                [path === entry ? "file-is-entry" : "", broken.has(path) ? "file-has-errors" : ""]
                  .join(" ")
                  .trim() || undefined
              }
              className={[
                "tab",
                "file-tab",
                path === active ? "active" : "",
                broken.has(path) ? "has-errors" : "",
              ]
                .join(" ")
                .trim()}
              title={path === entry ? `${path}: the entry file` : path}
              onClick={() => setActiveFile(path)}
              onContextMenu={(event) => {
                event.preventDefault();
                setActiveFile(path);
                if (menu.current) menu.current.open = true;
              }}
              onKeyDown={(event) => {
                const at = paths.indexOf(path);
                const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
                if (step) {
                  event.preventDefault();
                  const next = paths[(at + step + paths.length) % paths.length]!;
                  setActiveFile(next);
                  document.getElementById(tabId(next))?.focus();
                } else if (event.key === "F2") {
                  event.preventDefault();
                  act("rename", path);
                } else if (event.key === "Delete") {
                  event.preventDefault();
                  act("delete", path);
                }
              }}
            >
              {path === entry && (
                <span className="entry-mark" aria-hidden="true">
                  ▸
                </span>
              )}
              {path}
              {broken.has(path) && (
                <span className="error-mark" aria-hidden="true">
                  ●
                </span>
              )}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="small file-new"
          onClick={() => {
            setNote(null);
            setAsking({ kind: "new" });
          }}
        >
          New file
        </button>
        <details className="menu file-menu" ref={menu}>
          <summary aria-label={`Actions for ${active}`} title={`Actions for ${active}`}>
            ⋯
          </summary>
          <div className="menu-items" role="menu">
            <button type="button" role="menuitem" onClick={() => act("rename", active)}>
              Rename… <kbd>F2</kbd>
            </button>
            <button
              type="button"
              role="menuitem"
              disabled={active === entry}
              onClick={() => act("entry", active)}
            >
              Set as entry file
            </button>
            <button type="button" role="menuitem" onClick={() => act("delete", active)}>
              Delete… <kbd>Del</kbd>
            </button>
          </div>
        </details>
        <span id="file-is-entry" hidden>
          The entry file: the app starts here
        </span>
        <span id="file-has-errors" hidden>
          Has errors
        </span>
      </div>
      {(asking?.kind === "new" || asking?.kind === "rename") && (
        <NameForm
          key={asking.kind === "new" ? "new" : `rename:${asking.path}`}
          asking={asking}
          onDone={(path) => {
            setAsking(null);
            if (!path) return focusTab(active);
            setNote(hintFor(path, useWorkspace.getState().entry));
            if (asking.kind === "new") revealInEditor({ file: path, line: 1, column: 1 });
            else focusTab(path);
          }}
        />
      )}
      {asking?.kind === "delete" && (
        <DeleteConfirm
          key={asking.path}
          path={asking.path}
          onDone={() => {
            setAsking(null);
            focusTab(useWorkspace.getState().active);
          }}
        />
      )}
      {note && (
        <p className="file-note" role="status" aria-label="File note">
          {note}{" "}
          <button type="button" className="link" onClick={() => setNote(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
