/**
 * @module TabBar
 * A row of ARIA tabs controlling one tab panel (`${idPrefix}-tabpanel`),
 * shared by the request and response panes.
 */
import type { ReactNode } from "react";

interface Props<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  /** Prefix of the tab and panel ids. */
  idPrefix: string;
  tabs: readonly T[];
  current: T;
  onSelect(tab: T): void;
  /** The tab's visible text (its name by default). */
  text?(tab: T): ReactNode;
  /** Extra class names for one tab. */
  extraClass?(tab: T): string;
}

/** The tabs; the panel is the caller's, with id `${idPrefix}-tabpanel`. */
export function TabBar<T extends string>({
  label,
  idPrefix,
  tabs,
  current,
  onSelect,
  text,
  extraClass,
}: Props<T>) {
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${name}`}
          aria-selected={current === name}
          aria-controls={`${idPrefix}-tabpanel`}
          className={["tab", current === name ? "active" : "", extraClass?.(name) ?? ""]
            .join(" ")
            .trim()}
          onClick={() => onSelect(name)}
          onKeyDown={(event) => {
            // Arrow keys move along the tabs (each tab is also in the Tab order).
            const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
            if (!step) return;
            event.preventDefault();
            const next = tabs[(tabs.indexOf(name) + step + tabs.length) % tabs.length];
            onSelect(next);
            document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
          }}
        >
          {text ? text(name) : name}
        </button>
      ))}
    </div>
  );
}
