/**
 * @module keyboard-exits
 * Keyboard ways out of the code editor, for people who move by Tab (see
 * the function's comment); the page's keyboard help lists them.
 */
import { tabbable } from "tabbable";
import { showHelp } from "../../state/help";
import type * as MonacoSetup from "./monaco-setup";

type MonacoModule = typeof MonacoSetup;

/**
 * Keyboard ways out of the editor. Focus that arrives by keyboard lets Tab
 * and Shift+Tab move on past the editor until the user types; after that
 * Tab indents, and Escape makes the next Tab move on again (CodeMirror's
 * rule). Alt+F1 opens the page's keyboard help. Returns the undo.
 */
export function keyboardExits(
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
