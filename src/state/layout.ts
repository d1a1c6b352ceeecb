/**
 * @module layout
 * Which pane a phone-sized screen shows (one at a time), and the one way to
 * go to a pane from anywhere: the skip links, the pane bar, a response
 * arriving.
 */
import { tabbable } from "tabbable";
import { create } from "zustand";

export const PANES = ["Code", "Request", "Response", "Preview", "Terminal"] as const;
export type PaneName = (typeof PANES)[number];

/** The layout store: the pane a narrow screen shows. */
export const useLayout = create<{ pane: PaneName }>(() => ({ pane: "Code" }));

/** The id of a pane's section, for focus and aria-controls. */
export function paneId(pane: PaneName): string {
  return `pane-${pane.toLowerCase()}`;
}

/**
 * Show `pane` (on a narrow screen) and, if asked, move the focus to its
 * first control (the panes themselves take no focus: a focusable ancestor
 * of the code editor made every keystroke's build slower).
 */
export function goToPane(pane: PaneName, focus = false): void {
  useLayout.setState({ pane });
  if (focus) {
    // After the pane is shown: a hidden element cannot take focus.
    requestAnimationFrame(() => {
      const section = document.getElementById(paneId(pane));
      if (section) tabbable(section)[0]?.focus();
    });
  }
}
