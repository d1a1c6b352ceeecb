/**
 * @module VirtualRows
 * A scrolling list that renders only the rows in view, so a body of many
 * megabytes (a million hex rows) shows at once and scrolls smoothly.
 * Rows have one fixed height, so react-window finds the visible ones in
 * constant time, whatever the count.
 */
import type { ReactNode } from "react";
import { List, type RowComponentProps } from "react-window";

interface Props {
  count: number;
  /** Row height in pixels (rows are one line of monospace text). */
  rowHeight: number;
  renderRow(index: number): ReactNode;
  label: string;
  className?: string;
}

interface RowProps {
  renderRow(index: number): ReactNode;
}

function Row({ index, style, renderRow }: RowComponentProps<RowProps>) {
  return (
    <div className="virtual-row" style={style}>
      {renderRow(index)}
    </div>
  );
}

/** Rows rendered on demand, in a region named `label`. */
export function VirtualRows({ count, rowHeight, renderRow, label, className }: Props) {
  return (
    <List
      className={`virtual ${className ?? ""}`}
      role="region"
      aria-label={label}
      tabIndex={0}
      rowCount={count}
      rowHeight={rowHeight}
      rowComponent={Row}
      rowProps={{ renderRow }}
      overscanCount={20}
    />
  );
}
