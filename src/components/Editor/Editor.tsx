/**
 * @module Editor
 * The code editor: Monaco, loaded after the first paint, showing the active
 * project file; edits go to the workspace store, build diagnostics come back
 * as markers.
 */
import { useEffect, useRef, useState } from "react";
import { tabbable } from "tabbable";
import type { CompileMessage } from "../../protocol/compiler";
import type * as MonacoSetup from "./monaco-setup";
import { editorMayLoad, editorShown } from "../../app/start-order";
import { useEditorNav } from "../../state/editor-nav";
import { showHelp } from "../../state/help";
import { useRun } from "../../state/run";
import { setFileText, useWorkspace } from "../../state/workspace";

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

/**
 * Keyboard ways out of the editor. Focus that arrives by keyboard lets Tab
 * and Shift+Tab move on past the editor until the user types; after that
 * Tab indents, and Escape makes the next Tab move on again (CodeMirror's
 * rule). Alt+F1 opens the page's keyboard help. Returns the undo.
 */
function keyboardExits(
  monaco: MonacoModule["monaco"],
  editor: MonacoSetup.monaco.editor.IStandaloneCodeEditor,
  host: HTMLElement,
): () => void {
  const leaves = editor.createContextKey<boolean>("tabLeavesEditor", false);
  let pointer = false;
  const onPointer = () => (pointer = true);
  host.addEventListener("pointerdown", onPointer, true);
  const focus = editor.onDidFocusEditorText(() => {
    leaves.set(!pointer);
    pointer = false;
  });
  const key = editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) leaves.set(true);
    else if (
      event.keyCode !== monaco.KeyCode.Tab &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      ![
        monaco.KeyCode.Shift,
        monaco.KeyCode.Ctrl,
        monaco.KeyCode.Alt,
        monaco.KeyCode.Meta,
      ].includes(event.keyCode)
    ) {
      leaves.set(false);
    }
  });
  const mouse = editor.onMouseDown(() => leaves.set(false));
  const when = "tabLeavesEditor && !suggestWidgetVisible && !inSnippetMode";
  editor.addCommand(monaco.KeyCode.Tab, () => moveFocus(host, 1), when);
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Tab, () => moveFocus(host, -1), when);
  editor.addCommand(monaco.KeyMod.Alt | monaco.KeyCode.F1, () => showHelp(true));
  return () => {
    host.removeEventListener("pointerdown", onPointer, true);
    focus.dispose();
    key.dispose();
    mouse.dispose();
  };
}

/** Focus the first tabbable control after (1) or before (-1) `host` in the page. */
function moveFocus(host: HTMLElement, direction: 1 | -1): void {
  const all = tabbable(document.body).filter((element) => !host.contains(element));
  const after = (element: Element) =>
    Boolean(host.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  const next = direction === 1 ? all.find(after) : all.filter((e) => !after(e)).at(-1);
  next?.focus();
}

/** The editor pane. */
export function Editor() {
  const container = useRef<HTMLDivElement>(null);
  const [setup, setSetup] = useState<MonacoModule | null>(null);
  const [editor, setEditor] = useState<MonacoSetup.monaco.editor.IStandaloneCodeEditor | null>(
    null,
  );
  const navTarget = useEditorNav((state) => state.target);
  const active = useWorkspace((state) => state.active);
  const diagnostics = useRun((state) => state.diagnostics);

  useEffect(() => {
    let cancelled = false;
    void editorMayLoad()
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
    const { monaco, modelFor } = setup;
    const phoneWidth = matchMedia("(max-width: 700px)");
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    const model = modelFor(active, useWorkspace.getState().files[active] ?? "");
    const editor = monaco.editor.create(container.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      theme: dark ? "vs-dark" : "vs",
      ariaLabel: `Code editor: ${active}. Escape then Tab leaves it; Alt+F1 lists the keys.`,
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
    // Another project (a link, a zip, an example) replaces the text from outside.
    const shown = useWorkspace.getState().files[active] ?? "";
    if (model.getValue() !== shown) model.setValue(shown);
    const listener = model.onDidChangeContent(() => {
      setFileText(active, model.getValue());
      // When the last edit reached the project (the benchmark's edit-to-response); one is kept.
      performance.clearMarks("wsgi:edited");
      performance.mark("wsgi:edited");
    });
    const external = useWorkspace.subscribe((state) => {
      const text = state.files[active];
      if (text !== undefined && text !== model.getValue()) model.setValue(text);
    });
    setEditor(editor);
    return () => {
      setEditor(null);
      phoneWidth.removeEventListener("change", wrap);
      keys();
      external();
      listener.dispose();
      editor.dispose();
    };
  }, [setup, active]);

  useEffect(() => {
    if (setup) applyMarkers(setup, diagnostics);
  }, [setup, diagnostics]);

  useEffect(() => {
    if (!editor || !navTarget || navTarget.file !== active) return;
    const position = { lineNumber: navTarget.line, column: navTarget.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [editor, navTarget, active]);

  return (
    <section className="pane editor-pane" aria-label="Editor" id="pane-code">
      <div className="pane-title">
        <span className="file-tab" aria-current="true">
          {active}
        </span>
      </div>
      <div
        className="editor-host"
        ref={container}
        data-testid="editor"
        data-ready={setup ? "true" : "false"}
      >
        {!setup && <p className="placeholder">Loading the editor…</p>}
      </div>
    </section>
  );
}
