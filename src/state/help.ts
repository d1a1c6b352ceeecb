/**
 * @module help
 * Whether the keyboard help is open: the top bar's Keys button and the
 * editor's Alt+F1 both open it.
 */
import { create } from "zustand";

/** The help store. */
export const useHelp = create<{ open: boolean }>(() => ({ open: false }));

/** Open or close the keyboard help. */
export function showHelp(open = true): void {
  useHelp.setState({ open });
}
