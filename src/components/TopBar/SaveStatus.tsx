/**
 * @module SaveStatus
 * Whether what the user made is stored in this browser yet: "Saving…" while
 * a write waits or runs, "Saved" once all of it is stored, "Not saved" when
 * the browser refuses local storage (the banner says why).
 */
import { useSaving, useStorageWarning } from "../../state/persist";

/** The top bar's save indicator. */
export function SaveStatus() {
  const pending = useSaving((state) => state.pending);
  const failed = useStorageWarning((state) => state.warning !== null);
  const text = failed ? "Not saved" : pending > 0 ? "Saving…" : "Saved";
  return (
    <span
      className={`save-status save-${failed ? "failed" : pending > 0 ? "pending" : "done"}`}
      role="status"
      aria-label="Save status"
    >
      {text}
    </span>
  );
}
