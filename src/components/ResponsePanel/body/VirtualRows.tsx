/**
 * @module VirtualRows
 * A scrolling list that renders only the rows in view, so a body of many
 * megabytes (a million hex rows) shows at once and scrolls smoothly.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type ReactNode } from "react";

interface Props {
  count: number;
  /** Row height in pixels (rows are one line of monospace text). */
  rowHeight: number;
  renderRow(index: number): ReactNode;
  label: string;
  className?: string;
}

/** Rows rendered on demand, in a region named `label`. */
export function VirtualRows({ count, rowHeight, renderRow, label, className }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 20,
  });
  return (
    <div
      ref={scroller}
      className={`virtual ${className ?? ""}`}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            className="virtual-row"
            style={{
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              height: rowHeight,
              transform: `translateY(${item.start}px)`,
            }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
