/**
 * @module editor-nav
 * Requests to show a place in the editor (a finding's line, a traceback
 * frame). The editor reads the latest request and moves there.
 */
import { create } from "zustand";
import type { SourceLocation } from "../wsgi/records";

/** The latest place asked for; `seq` makes asking twice for one place count. */
export interface EditorNavState {
  target: (SourceLocation & { seq: number; focus: boolean }) | null;
}

/** The editor navigation store. */
export const useEditorNav = create<EditorNavState>(() => ({ target: null }));

let seq = 0;

/** Show `location` in the editor, with the caret there (and the focus, unless `focus` is false). */
export function revealInEditor(location: SourceLocation, focus = true): void {
  useEditorNav.setState({ target: { ...location, seq: ++seq, focus } });
}
