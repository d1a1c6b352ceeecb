/**
 * @module ByteLinesView
 * A large text body shown without decoding it whole: the LF bytes are
 * indexed once, and only the lines in view are decoded, so a 20 MB body
 * costs one pass over its bytes and never a 20 MB string.
 */
import { useMemo } from "react";
import { decodeBody, lineStarts, type Decoding } from "../../../inspect/body-format";
import { VirtualRows } from "./VirtualRows";

/** The lines of `bytes`, decoded as they scroll into view. */
export function ByteLinesView({ bytes, decoding }: { bytes: Uint8Array; decoding: Decoding }) {
  const starts = useMemo(() => lineStarts(bytes), [bytes]);
  return (
    <VirtualRows
      label="Response body"
      className="text-lines"
      count={starts.length}
      rowHeight={18}
      renderRow={(index) => {
        const end = index + 1 < starts.length ? starts[index + 1]! - 1 : bytes.length;
        return (
          <>
            <span className="line-no" data-n={index + 1} />
            <span className="line-text">
              {decodeBody(bytes.subarray(starts[index]!, end), decoding)}
            </span>
          </>
        );
      }}
    />
  );
}
