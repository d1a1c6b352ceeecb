/**
 * @module Editor
 * The code editor: Monaco, loaded after the first paint, with the project's
 * files as tabs above it and one model per file (each keeps its undo
 * history, cursor and scroll while another is shown). Edits go to the
 * workspace store; build diagnostics come back as markers on every file.
 */
import type { HurlError } from "../../checks/hurl-ast";
import { CHECKS_FILE, useChecks } from "../../state/checks";
import { useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { CompileMessage } from "../../protocol/compiler";
import type * as MonacoSetup from "./monaco-setup";
import { editorMayLoad, editorShown } from "../../app/start-order";
import { revealInEditor, useEditorNav } from "../../state/editor-nav";
import { usePausedLine } from "./paused-line";
import { useRun } from "../../state/run";
import { setActiveFile, setFileText, useWorkspace } from "../../state/workspace";
import { FileModels } from "./file-models";
import { FileTabs } from "./FileTabs";
import { keyboardExits } from "./keyboard-exits";
import "./editor.css";

type MonacoModule = typeof MonacoSetup;

const MARKER_OWNER = "esbuild";

function applyMarkers(setup: MonacoModule, messages: CompileMessage[]) {
  const { monaco } = setup;
  for (const model of monaco.editor.getModels()) {
    const path = model.uri.path.replace(/^\//, "");
    const markers = messages
      .filter((m) => m.file === path && m.line !== undefined)
      .map((m) => {
        const column = (m.column ?? 0) + 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: m.text,
          startLineNumber: m.line!,
          startColumn: column,
          endLineNumber: m.line!,
          endColumn: column + Math.max(m.length ?? 0, 1),
        };
      });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }
}

/** An error of the checks file as a marker (its columns are 1-based; a message's are 0-based). */
function checkMarker(error: HurlError): CompileMessage {
  return {
    text: error.message,
    file: CHECKS_FILE,
    line: error.line,
    column: error.column - 1,
    length: Math.max(error.endColumn - error.column, 1),
  };
}

const ariaLabel = (path: string) =>
  `Code editor: ${path}. Escape then Tab leaves it; Alt+F1 lists the keys.`;

/** Typing reached the project: the text, and the mark the benchmark's edit-to-response starts from. */
function typed(path: string, text: string) {
  setFileText(path, text);
  performance.clearMarks("wsgi:edited");
  performance.mark("wsgi:edited");
}

/** The editor pane. */
export function Editor() {
  const container = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<MonacoModule | null>(null);
  const [editor, setEditor] = useState<MonacoSetup.monaco.editor.IStandaloneCodeEditor | null>(
    null,
  );
  const models = useRef<FileModels | null>(null);
  const shown = useRef<string | null>(null);
  const navDone = useRef(0);
  const navTarget = useEditorNav((state) => state.target);
  const active = useWorkspace((state) => state.active);
  // The names, not the texts: typing does not redraw the pane.
  const paths = useWorkspace(useShallow((state) => Object.keys(state.files)));
  const diagnostics = useRun((state) => state.diagnostics);
  const checkErrors = useChecks((state) => state.errors);

  useEffect(() => {
    let cancelled = false;
    void editorMayLoad(
      () => useRun.getState().sending,
      (listener) =>
        useRun.subscribe((state, previous) => {
          if (state.sending !== previous.sending) listener();
        }),
    )
      .then(() => import("./monaco-setup"))
      .then((loaded) => {
        if (!cancelled) setSetup(loaded);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!setup || !container.current) return;
    const { monaco } = setup;
    const phoneWidth = matchMedia("(max-width: 700px)");
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    const fileModels = new FileModels(monaco, typed);
    fileModels.sync(useWorkspace.getState().files);
    models.current = fileModels;
    const editor = monaco.editor.create(container.current, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      theme: dark ? "vs-dark" : "vs",
      ariaLabel: ariaLabel(useWorkspace.getState().active),
      tabSize: 2,
      // The dimmed number of the last empty line is too faint to read (axe: color contrast).
      renderFinalNewline: "on",
      // On a phone a line that ran off the edge would need sideways scrolling to read.
      wordWrap: phoneWidth.matches ? "on" : "off",
    });
    const wrap = () => editor.updateOptions({ wordWrap: phoneWidth.matches ? "on" : "off" });
    phoneWidth.addEventListener("change", wrap);
    performance.mark("wsgi:editor-ready");
    editorShown();
    const keys = keyboardExits(monaco, editor, container.current);
    // Files come and go, and another project replaces them from outside.
    const external = useWorkspace.subscribe((state, previous) => {
      if (state.files !== previous.files) fileModels.sync(state.files);
    });
    // Go to definition in another file of the project opens that file's tab.
    const opener = monaco.editor.registerEditorOpener({
      openCodeEditor(_source, resource, selection) {
        const path = resource.path.replace(/^\//, "");
        if (!(path in useWorkspace.getState().files)) return false;
        const at =
          selection && "startLineNumber" in selection
            ? { line: selection.startLineNumber, column: selection.startColumn }
            : selection
              ? { line: selection.lineNumber, column: selection.column }
              : { line: 1, column: 1 };
        revealInEditor({ file: path, ...at });
        return true;
      },
    });
    setEditor(editor);
    return () => {
      setEditor(null);
      shown.current = null;
      phoneWidth.removeEventListener("change", wrap);
      keys();
      external();
      opener.dispose();
      editor.dispose();
      fileModels.dispose();
      models.current = null;
    };
  }, [setup]);

  // Show the active file's model, where the editor was in it last time.
  useEffect(() => {
    const fileModels = models.current;
    if (!editor || !fileModels) return;
    const model = fileModels.get(active);
    if (!model || editor.getModel() === model) return;
    if (shown.current !== null) fileModels.saveView(shown.current, editor.saveViewState());
    editor.setModel(model);
    const view = fileModels.view(active);
    if (view) editor.restoreViewState(view);
    editor.updateOptions({ ariaLabel: ariaLabel(active) });
    shown.current = active;
  }, [editor, active]);

  // Markers go on every file's model, also one made after the build (a renamed file).
  useEffect(() => {
    if (setup) applyMarkers(setup, [...diagnostics, ...checkErrors.map(checkMarker)]);
  }, [setup, diagnostics, checkErrors, paths]);

  useEffect(() => {
    if (!editor || !navTarget || navTarget.seq === navDone.current) return;
    if (!paths.includes(navTarget.file)) return;
    if (navTarget.file !== active) {
      setActiveFile(navTarget.file);
      return;
    }
    if (editor.getModel() !== models.current?.get(active)) return;
    navDone.current = navTarget.seq;
    const position = { lineNumber: navTarget.line, column: navTarget.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    if (navTarget.focus) editor.focus();
  }, [editor, navTarget, active, paths]);

  usePausedLine(setup, editor, active);

  return (
    <section className="pane editor-pane" aria-label="Editor" id="pane-code">
      <FileTabs />
      <div
        className="editor-host"
        id="editor-host"
        role="tabpanel"
        aria-labelledby={`file-tab-${active}`}
        ref={container}
        data-testid="editor"
        data-ready={setup ? "true" : "false"}
      >
        {!setup && <p className="placeholder">Loading the editor…</p>}
      </div>
    </section>
  );
}
