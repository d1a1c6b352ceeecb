/**
 * @module paused-line
 * The line pdb is paused at, marked in the editor (a band across it and an
 * arrow in the margin) while its file is the one shown; the editor moves
 * to it, across files, each time pdb stops somewhere new, without taking
 * the focus from the terminal.
 */
import { useEffect } from "react";
import type * as MonacoSetup from "./monaco-setup";
import { revealInEditor } from "../../state/editor-nav";
import { useTerminal } from "../../state/terminal";

type Monaco = typeof MonacoSetup;
type CodeEditor = MonacoSetup.monaco.editor.IStandaloneCodeEditor;

/** Where pdb is paused in the project's files, or null. */
function pausedIn(): { file: string; line: number } | null {
  const asking = useTerminal.getState().asking;
  return asking && "at" in asking && asking.at.inProject ? asking.at : null;
}

/** Mark the paused line in `editor` (showing `active`), and follow pdb to each new one. */
export function usePausedLine(setup: Monaco | null, editor: CodeEditor | null, active: string) {
  const asking = useTerminal((state) => state.asking);
  // Follow: each new stop is shown (the file's tab opens), the focus stays where it is.
  useEffect(() => {
    const at = pausedIn();
    if (at) revealInEditor({ file: at.file, line: at.line, column: 1 }, false);
  }, [asking]);
  useEffect(() => {
    if (!setup || !editor) return;
    const at = pausedIn();
    if (!at || at.file !== active) return;
    const decorations = editor.createDecorationsCollection([
      {
        range: new setup.monaco.Range(at.line, 1, at.line, 1),
        options: {
          isWholeLine: true,
          className: "paused-line",
          linesDecorationsClassName: "paused-line-arrow",
          overviewRuler: { color: "#d9a400", position: setup.monaco.editor.OverviewRulerLane.Full },
          hoverMessage: { value: "pdb is paused here: the next line to run" },
        },
      },
    ]);
    return () => decorations.clear();
  }, [setup, editor, active, asking]);
}
