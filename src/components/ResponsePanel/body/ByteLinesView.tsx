/**
 * @module ByteLinesView
 * A large text body shown without decoding it whole: the LF bytes are
 * indexed once, and only the lines in view are decoded, so a 20 MB body
 * costs one pass over its bytes and never a 20 MB string. The pass runs a
 * slice per task, the first lines (64 KB of them) drawn at once and the
 * rest (and the scroll bar) growing as it goes, so no task is long enough
 * to be felt.
 */
import { useEffect, useMemo, useState } from "react";
import {
  decodeBody,
  indexLines,
  newLineIndex,
  type Decoding,
  type LineIndex,
} from "../../../inspect/body-format";
import { VirtualRows } from "./VirtualRows";

/** Bytes indexed per task: about 5 ms of work on a slow machine. */
const SLICE = 1 << 20;
/**
 * Bytes indexed as the view is first drawn, in the same task as the rest of
 * the response: a screenful of lines and more (the rest a slice a task).
 */
const FIRST = 64 * 1024;

/** The body's line index, the first slice at once and the rest one slice per task. */
function useLineIndex(bytes: Uint8Array): { starts: Uint32Array; found: number; lines: number } {
  const [index, setIndex] = useState<{ bytes: Uint8Array; index: LineIndex; lines: number }>();
  const first = useMemo(() => {
    const start = newLineIndex();
    indexLines(bytes, start, FIRST);
    return { bytes, index: start, lines: linesIn(bytes, start) };
  }, [bytes]);
  useEffect(() => {
    const going = { ...first.index };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (going.scanned >= bytes.length) return;
      indexLines(bytes, going, going.scanned + SLICE);
      setIndex({ bytes, index: { ...going }, lines: linesIn(bytes, going) });
      timer = setTimeout(next);
    };
    timer = setTimeout(next);
    return () => clearTimeout(timer);
  }, [bytes, first]);
  const now = index?.bytes === bytes ? index : first;
  return { starts: now.index.starts, found: now.index.count, lines: now.lines };
}

/** Lines complete so far: the last one only once the whole body is searched. */
function linesIn(bytes: Uint8Array, index: LineIndex): number {
  return index.scanned >= bytes.length ? index.count : index.count - 1;
}

/** The lines of `bytes`, decoded as they scroll into view. */
export function ByteLinesView({ bytes, decoding }: { bytes: Uint8Array; decoding: Decoding }) {
  const { starts, found, lines } = useLineIndex(bytes);
  return (
    <VirtualRows
      label="Response body"
      className="text-lines"
      count={lines}
      rowHeight={18}
      renderRow={(index) => {
        const end = index + 1 < found ? starts[index + 1]! - 1 : bytes.length;
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
