/**
 * @module TextView
 * Text as it is. A long text (thousands of lines) is shown line by line and
 * rendered as it scrolls, so a large body never builds a giant DOM; a short
 * one is a plain block that reads and copies as one.
 */
import { useMemo } from "react";
import { VirtualRows } from "./VirtualRows";

/** Texts with more lines than this are virtualised. */
export const VIRTUAL_LINES = 2000;

/** Text in a region named `label`. */
export function TextView({ text, label = "Response body" }: { text: string; label?: string }) {
  const lines = useMemo(() => text.split("\n"), [text]);
  if (lines.length <= VIRTUAL_LINES && text.length <= 200_000) {
    return (
      <pre className="text-block" role="region" aria-label={label} tabIndex={0}>
        {text}
      </pre>
    );
  }
  return (
    <VirtualRows
      label={label}
      className="text-lines"
      count={lines.length}
      rowHeight={18}
      renderRow={(index) => (
        <>
          <span className="line-no" data-n={index + 1} />
          <span className="line-text">{lines[index]}</span>
        </>
      )}
    />
  );
}
