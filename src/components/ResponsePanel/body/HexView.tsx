/**
 * @module HexView
 * Offset, hex and ASCII, sixteen bytes a row, rendered as it scrolls.
 */
import { HEX_ROW, hexRow } from "../../../inspect/body-format";
import { VirtualRows } from "./VirtualRows";

/** The Hex view of a body. */
export function HexView({ bytes }: { bytes: Uint8Array }) {
  return (
    <VirtualRows
      label="Response body"
      className="hex"
      count={Math.max(1, Math.ceil(bytes.length / HEX_ROW))}
      rowHeight={18}
      renderRow={(index) => {
        if (bytes.length === 0) return <span className="meta">(empty body)</span>;
        const row = hexRow(bytes, index);
        return (
          <>
            <span className="offset">{row.offset}</span>
            <span className="hex-bytes">{row.hex}</span>
            <span className="ascii">{row.ascii}</span>
          </>
        );
      }}
    />
  );
}
