/**
 * @module KeyboardHelp
 * The page's own help for the keys that matter (Monaco's Alt+F1 help does
 * nothing in a standalone editor): sending, leaving the editor, tabs.
 */
import { useEffect, useRef } from "react";
import { showHelp, useHelp } from "../../state/help";
import { BarDialog } from "../common/BarDialog";

const KEYS: [string, string][] = [
  ["Ctrl+Enter (⌘+Enter)", "Send the request, from anywhere on the page."],
  ["Alt+Shift+Enter", "Run the project's checks (checks.hurl), from anywhere on the page."],
  [
    "Tab, Shift+Tab",
    "Move between controls. Arriving in the code editor by keyboard, Tab goes on past it until you type; after that Tab indents.",
  ],
  ["Escape, then Tab", "Leave the code editor (Escape makes the next Tab move on)."],
  [
    "Ctrl+M",
    "In the code editor: make Tab always move focus, or indent again (Monaco's own switch).",
  ],
  ["Alt+F1", "In the code editor: this help."],
  ["← → on a tab", "Switch between the request's or the response's tabs."],
  [
    "Skip links",
    "The first Tab on the page offers links straight to the request, the response and the preview.",
  ],
];

/**
 * The Keys button and its dialog: drawn only while open (a closed <dialog>
 * left in the page made each keystroke's build measurably slower), closed
 * by Escape, the focus back on what opened it.
 */
export function KeyboardHelp() {
  const open = useHelp((state) => state.open);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    if (open) {
      opener.current = document.activeElement;
    } else if (opener.current instanceof HTMLElement) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="bar-button"
        aria-expanded={open}
        onClick={() => showHelp(!open)}
      >
        Keys
      </button>
      {open && (
        <BarDialog
          label="Keyboard help"
          title="Keyboard"
          className="help"
          onClose={() => showHelp(false)}
        >
          <table className="kv">
            <tbody>
              {KEYS.map(([keys, what]) => (
                <tr key={keys}>
                  <th scope="row">{keys}</th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </BarDialog>
      )}
    </>
  );
}
